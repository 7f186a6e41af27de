/**
 * What the registries show: search hits (masked for those who may not see identities), the
 * 360-degree view of one entity (golden record with provenance per field, every department's
 * records, links to households, houses, businesses and representatives, open discrepancies,
 * history), review pairs side by side with the evidence, and discrepancy lists.
 *
 * @example
 * const v = await views.entity('person', 'P00000001', actor);
 * v.golden.name.source.department.name // '沂南县公安局'
 */
import type { PairExplanation } from '../linkage/index.ts';
import type { Principal } from '../identity/principal.ts';
import { rolesGrant } from '../identity/permissions.ts';
import { notFound } from '../shared/errors.ts';
import { ROLE_LABELS, type Field, type RegistryKind } from './fields.ts';
import type { ChangeFeed } from './feed.ts';
import type { GoldenField, GoldenRecord, Provenance } from './golden.ts';
import { mentionRef, splitRef } from './records.ts';
import type { RegistryStore } from './store.ts';
import type { RegistryDiscrepancyRow, RegistryEntityRow, RegistryMentionRow, RegistryReviewRow } from './tables.ts';
import { canonical } from './values.ts';

export interface Names {
  department(code: string): string;
  resource(code: string): string;
}

export const mayReview = (actor: Principal) => rolesGrant(actor.roles, 'registry:review');

/** 王晓明 → 王*明, 371321199003071234 → 3713**********1234: enough to tell hits apart, not to identify. */
export function maskName(s: string): string {
  const chars = [...s];
  if (chars.length <= 1) return s;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskIdentifier(s: string): string {
  return s.length <= 8 ? s.replace(/./g, '*') : `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

export function createViews(deps: { store: RegistryStore; feed?: ChangeFeed | undefined; names: () => Promise<Names> }) {
  const { store, feed } = deps;

  const summary = (row: RegistryEntityRow, masked: boolean) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    label: masked && row.kind === 'person' ? maskName(row.label) : row.label,
    identifier: masked && row.kind !== 'house' ? maskIdentifier(row.identifier) : row.identifier,
    mentionCount: Number(row.mention_count),
    openDiscrepancies: Number(row.open_discrepancies),
    departments: (JSON.parse(row.golden) as GoldenRecord).departments,
  });

  const provenance = (p: Provenance, n: Names) => ({
    department: { code: p.department, name: n.department(p.department) },
    resource: { code: p.resourceCode, name: n.resource(p.resourceCode) },
    recordKey: p.recordKey, role: p.role, batchId: p.batchId, at: p.at, value: p.raw,
  });

  const goldenView = (g: GoldenRecord, n: Names) => Object.fromEntries(Object.entries(g.fields).map(([field, f]) => {
    const gf = f as GoldenField;
    return [field, {
      value: gf.value, rule: gf.rule, source: provenance(gf.source, n), sources: gf.sources.map((p) => provenance(p, n)),
      alternatives: gf.alternatives.map((a) => ({ value: a.value, ...(a.valid !== undefined ? { valid: a.valid } : {}), departments: a.departments, sources: a.sources.map((p) => provenance(p, n)) })),
    }];
  }));

  const discrepancyView = (d: RegistryDiscrepancyRow, n: Names) => ({
    id: d.id, kind: d.kind, entityId: d.entity_id, field: d.field, type: d.type, status: d.status, expected: d.expected, reason: d.reason,
    values: (JSON.parse(d.values) as Array<{ value: string; departments: string[]; sources: Provenance[] }>).map((v) => ({ value: v.value, departments: v.departments.map((c) => ({ code: c, name: n.department(c) })), sources: v.sources.map((p) => provenance(p, n)) })),
    targets: (JSON.parse(d.targets) as Array<{ department: string; resourceCode: string; recordKey: string; item: string; value: string | null; objectionId?: string | null; error?: string | null }>)
      .map((t) => ({ ...t, departmentName: n.department(t.department), resourceName: n.resource(t.resourceCode) })),
    detectedAt: d.detected_at, resolvedAt: d.resolved_at,
  });

  async function sourceView(m: RegistryMentionRow, n: Names, full: boolean) {
    const record = full && feed?.getRecord ? await feed.getRecord(m.resource_code, m.record_key) : undefined;
    return {
      department: { code: m.department_code, name: n.department(m.department_code) },
      resource: { code: m.resource_code, name: n.resource(m.resource_code) },
      recordKey: m.record_key, role: m.role, roleLabel: ROLE_LABELS[m.role] ?? m.role, version: Number(m.version), batchId: m.batch_id, at: m.at,
      values: JSON.parse(m.values) as Record<string, string>,
      ...(record ? { data: record.data, deleted: record.deleted } : {}),
    };
  }

  return {
    async search(kind: RegistryKind, q: string, actor: Principal, page: { limit: number; offset: number }) {
      const text = q.trim();
      const masked = !mayReview(actor);
      if (text === '') return { total: 0, items: [] };
      const idField: Field = kind === 'person' ? 'id_number' : kind === 'business' ? 'credit_code' : 'unit_no';
      const looksLikeId = kind === 'house' ? /^\d{12}[A-Z]{2}\d{14}$/i.test(text) : /^[0-9A-Za-z]{15,18}$/.test(text);
      let rows: RegistryEntityRow[];
      if (looksLikeId) rows = await store.searchEntities(kind, { identifier: canonical(idField, text)?.key ?? text }, page.limit, page.offset);
      else {
        const label = kind === 'person' ? canonical('name', text)?.key ?? text : text;
        rows = await store.searchEntities(kind, { label }, page.limit, page.offset);
        if (rows.length === 0 && page.offset === 0) rows = await store.searchEntities(kind, { prefix: label }, page.limit, 0);
      }
      return { total: rows.length, items: rows.map((r) => summary(r, masked)) };
    },

    async entity(kind: RegistryKind, id: string, actor: Principal) {
      const row = await store.entity(id);
      if (!row || row.kind !== kind) throw notFound(`${id} 不在${kind === 'person' ? '人口库' : kind === 'business' ? '法人库' : '房屋库'}中 / not found`);
      const n = await deps.names();
      const full = mayReview(actor);
      const golden = JSON.parse(row.golden) as GoldenRecord;
      const mentions = await store.mentionsOfEntities([id]);
      const sameRecord = await store.mentionsOfRecords(mentions.map((m) => ({ resource_code: m.resource_code, record_key: m.record_key })));
      const linkedIds = [...new Set(sameRecord.filter((m) => m.entity_id !== id).map((m) => m.entity_id))];
      const linked = new Map((await store.entities(linkedIds)).map((e) => [e.id, e]));
      const relations = sameRecord.filter((o) => o.entity_id !== id).flatMap((o) => {
        const mine = mentions.find((m) => m.resource_code === o.resource_code && m.record_key === o.record_key);
        const other = linked.get(o.entity_id);
        if (!mine || !other) return [];
        return [{ via: { resource: { code: o.resource_code, name: n.resource(o.resource_code) }, recordKey: o.record_key }, myRole: mine.role, theirRole: o.role, roleLabel: ROLE_LABELS[o.role || mine.role] ?? (o.role || mine.role), entity: summary(other, !full) }];
      });
      const household = kind === 'person' && row.household_no ? (await store.entitiesByHousehold(row.household_no)).map((e) => ({ ...summary(e, false), relation: (JSON.parse(e.golden) as GoldenRecord).fields.relation?.value ?? null })) : [];
      const dwellings = kind !== 'business' && row.address_key ? (await store.entitiesByAddress(kind === 'person' ? 'house' : 'person', row.address_key)).map((e) => summary(e, !full)) : [];
      const discrepancies = (await store.discrepancies({ entityId: id, status: 'open', limit: 200, offset: 0 })).rows.map((d) => discrepancyView(d, n));
      const history = (await store.eventsOf(id)).map((e) => ({ type: e.type, from: JSON.parse(e.from_ids) as string[], mentions: (JSON.parse(e.refs) as string[]).length, actor: e.actor, at: e.at }));
      return {
        ...summary(row, false),
        mergedInto: row.merged_into,
        golden: goldenView(golden, n),
        sources: await Promise.all(mentions.map((m) => sourceView(m, n, full))),
        relations,
        household: household.length > 0 ? { householdNo: row.household_no, members: household } : null,
        [kind === 'person' ? 'houses' : 'residents']: dwellings,
        discrepancies,
        history,
        fullRecords: full,
      };
    },

    /** A household (户): its members with their relation to the head, and the houses they live in or own. */
    async household(no: string, actor: Principal) {
      const masked = !mayReview(actor);
      const members = await store.entitiesByHousehold(no);
      if (members.length === 0) throw notFound(`户号 ${no} 不在人口库中 / household not found`);
      const houses = new Map<string, RegistryEntityRow>();
      for (const key of new Set(members.map((m) => m.address_key).filter(Boolean))) for (const h of await store.entitiesByAddress('house', key)) houses.set(h.id, h);
      const mentions = await store.mentionsOfEntities(members.map((m) => m.id));
      const owned = (await store.mentionsOfRecords(mentions.filter((m) => m.role === 'owner'))).filter((m) => m.kind === 'house');
      for (const h of await store.entities(owned.map((m) => m.entity_id))) houses.set(h.id, h);
      return {
        householdNo: no,
        members: members.map((e) => ({ ...summary(e, masked), relation: (JSON.parse(e.golden) as GoldenRecord).fields.relation?.value ?? null })),
        houses: [...houses.values()].map((h) => ({ ...summary(h, false), owned: owned.some((m) => m.entity_id === h.id) })),
      };
    },

    async review(row: RegistryReviewRow, explain: PairExplanation | null) {
      const n = await deps.names();
      const side = async (ref: string) => {
        const { resourceCode, recordKey } = splitRef(ref);
        const m = (await store.mentionsOfRecords([{ resource_code: resourceCode, record_key: recordKey }])).find((x) => mentionRef(x.resource_code, x.record_key, x.role) === ref);
        return m ? { entityId: m.entity_id, ...(await sourceView(m, n, true)) } : null;
      };
      return {
        id: row.id, kind: row.kind, probability: row.probability, status: row.status, decision: row.decision, decidedBy: row.decided_by_name, decidedAt: row.decided_at,
        left: await side(row.a), right: await side(row.b),
        evidence: explain ? {
          matchWeight: explain.matchWeight, probability: explain.probability, rule: explain.rule, priorWeight: explain.priorWeight,
          comparisons: explain.comparisons.map((c) => ({ field: c.name, kind: c.kind, left: c.left, right: c.right, level: c.level, weight: c.weight + c.tfAdjustment })),
        } : null,
      };
    },

    async discrepancies(filter: Parameters<RegistryStore['discrepancies']>[0]) {
      const n = await deps.names();
      const { total, rows } = await store.discrepancies(filter);
      return { total, items: rows.map((d) => discrepancyView(d, n)) };
    },
  };
}

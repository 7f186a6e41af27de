/**
 * Storing a registry step's outcome in one transaction (mentions, entities with golden records,
 * history, review pairs, rule decisions, discrepancies, model state), and raising discrepancies'
 * objections afterwards — once per record item and value, whatever later syncs find.
 *
 * @example
 * await persistOutcome(store, { kind, outcome, work, storedEntity, engine, params, trainedSize, at });
 * await raiseObjections(store, sink, [outcome], at, progress);
 */
import type { LinkageParams } from '../linkage/index.ts';
import { newId } from '../shared/ids.ts';
import type { RegistryKind } from './fields.ts';
import type { RegistryEngine } from './engine.ts';
import type { Discrepancy, ObjectionTarget } from './discrepancies.ts';
import type { ObjectionSink } from './feed.ts';
import type { KindOutcome } from './pipeline.ts';
import { splitRef, type MentionRecord } from './records.ts';
import { entityRow, mentionRow } from './rows.ts';
import type { RegistryStore } from './store.ts';
import type { RegistryDiscrepancyRow, RegistryReviewRow } from './tables.ts';

export interface PersistInput {
  readonly kind: RegistryKind;
  readonly outcome: KindOutcome;
  readonly work: { readonly link: readonly MentionRecord[]; readonly refresh: readonly MentionRecord[]; readonly removed: readonly string[] };
  /** Entity each loaded (not fresh) mention was stored under. */
  readonly storedEntity: ReadonlyMap<string, string>;
  readonly engine: RegistryEngine;
  readonly params: LinkageParams;
  readonly trainedSize: number;
  readonly at: string;
}

export interface StoredTarget extends ObjectionTarget {
  objectionId?: string | null;
  error?: string | null;
}

export async function persistOutcome(store: RegistryStore, input: PersistInput): Promise<void> {
  const { kind, outcome, work, storedEntity, engine, at } = input;
  const fresh = [...work.link, ...work.refresh];
  const freshRefs = new Set(fresh.map((m) => m.ref));
  const mentions = fresh.map((m) => mentionRow(m, engine.entityOf(m.ref)!, at));
  const moves = [...outcome.assignments].filter(([ref, e]) => !freshRefs.has(ref) && storedEntity.has(ref) && storedEntity.get(ref) !== e)
    .map(([ref, entity_id]) => {
      const { resourceCode, recordKey, role } = splitRef(ref);
      return { resource_code: resourceCode, record_key: recordKey, role, entity_id };
    });
  const mergedInto = new Map<string, string>();
  for (const e of outcome.events) if (e.type === 'merged') for (const f of e.from ?? []) mergedInto.set(f, e.entityId);
  const entities = [...outcome.entities].map(([id, eo]) => entityRow(kind, id, eo.golden, {
    status: eo.golden ? 'active' : mergedInto.has(id) ? 'merged' : 'retired',
    mergedInto: eo.golden ? null : mergedInto.get(id) ?? null,
    openDiscrepancies: eo.discrepancies.length,
    at,
  }));
  // A merge or split is history on both sides: the absorbed (or split) entity records it too.
  const events = outcome.events.flatMap((e) => [
    { kind, entity_id: e.entityId, type: e.type, from_ids: JSON.stringify(e.from ?? []), refs: JSON.stringify(e.recordIds), actor: 'registry', at },
    ...(e.from ?? []).map((f) => ({ kind, entity_id: f, type: e.type === 'merged' ? 'merged_into' : 'split_off', from_ids: JSON.stringify([e.entityId]), refs: JSON.stringify(e.recordIds), actor: 'registry', at })),
  ]);
  const reviews: RegistryReviewRow[] = outcome.uncertain.map((u) => {
    const [a, b] = u.a < u.b ? [u.a, u.b] : [u.b, u.a];
    return { id: newId(), kind, a, b, probability: u.probability, status: 'open', decision: null, decided_by: null, decided_by_name: null, decided_at: null, created_at: at };
  });
  const found = [...outcome.entities.values()].flatMap((e) => e.discrepancies);
  await store.transaction(async (tx) => {
    await tx.upsertMentions(mentions);
    await tx.reassign(moves);
    await tx.deleteMentions(work.removed.map((r) => {
      const { resourceCode, recordKey, role } = splitRef(r);
      return { resource_code: resourceCode, record_key: recordKey, role };
    }));
    await tx.upsertEntities(entities);
    await tx.insertEvents(events);
    await tx.queueReviews(reviews);
    await tx.saveDecisions(outcome.ruleDecisions.map((d) => ({ kind, a: d.a < d.b ? d.a : d.b, b: d.a < d.b ? d.b : d.a, decision: d.decision, origin: 'rule', actor: 'registry', at })));
    const before = await tx.openDiscrepanciesOf([...outcome.entities.keys()]);
    const keep = new Set(found.map((d) => d.fingerprint));
    await tx.resolveDiscrepancies(before.filter((d) => !keep.has(d.fingerprint)).map((d) => d.id), at);
    await tx.upsertDiscrepancies(found.map((d) => discrepancyRow(d, at)));
    await tx.saveState({ kind, params: JSON.stringify(input.params), trained_size: input.trainedSize, next_entity: engine.nextEntity, last_seq: 0, updated_at: at });
  });
}

export function discrepancyRow(d: Discrepancy, at: string): RegistryDiscrepancyRow {
  const departments = [...new Set(d.targets.map((t) => t.department))];
  return {
    id: newId(), fingerprint: d.fingerprint, kind: d.kind, entity_id: d.entityId, field: d.field, type: d.type, values: JSON.stringify(d.values),
    expected: d.expected, reason: d.reason, targets: JSON.stringify(d.raise ? d.targets : []), departments: `,${departments.join(',')},`,
    status: 'open', detected_at: at, resolved_at: null,
  };
}

/** Raises the objections of the discrepancies just found that nobody has raised yet. */
export async function raiseObjections(store: RegistryStore, sink: ObjectionSink, outcomes: readonly KindOutcome[], at: string, progress: (stage: string, done: number, total?: number) => void): Promise<{ raised: number; failed: number }> {
  const found = outcomes.flatMap((o) => [...o.entities.values()].flatMap((e) => e.discrepancies)).filter((d) => d.raise && d.targets.length > 0);
  const rows = await store.discrepanciesByFingerprint(found.map((d) => d.fingerprint));
  let raised = 0;
  let failed = 0;
  let done = 0;
  for (const row of rows) {
    if (row.status !== 'open') continue;
    const targets = JSON.parse(row.targets) as StoredTarget[];
    let changed = false;
    for (const t of targets) {
      if (t.objectionId || t.error) continue;
      const key = { resource_code: t.resourceCode, record_key: t.recordKey, item: t.item, value: t.value ?? '' };
      const prior = await store.objection(key);
      if (prior) {
        t.objectionId = prior.objection_id;
        t.error = prior.error;
        changed = true;
        continue;
      }
      try {
        const o = await sink.raise({ resourceCode: t.resourceCode, key: t.recordKey, item: t.item, reason: `${row.reason}（基础库比对，实体 ${row.entity_id} / found by the base registries）` });
        t.objectionId = o.id;
        raised++;
      } catch (error) {
        t.error = (error as Error).message;
        failed++;
      }
      await store.saveObjection({ ...key, objection_id: t.objectionId ?? null, discrepancy_id: row.id, department_code: t.department, raised_at: at, error: t.error ?? null });
      changed = true;
    }
    if (changed) await store.setTargets(row.id, JSON.stringify(targets));
    if (++done % 500 === 0) progress('提出数据异议 / raising objections', done, rows.length);
  }
  return { raised, failed };
}

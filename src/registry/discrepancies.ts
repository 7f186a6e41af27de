/**
 * Contradictions between departments about one entity (相互打架), and who should verify each.
 *
 * Rules (docs/decisions/0403-discrepancies-and-objections.md):
 *  - conflict: a field holds more than one value (after normalisation: 劉 = 刘, 01 = 汉族, a
 *    county-level address = the full one). The holders of the values that lost survivorship are
 *    asked to verify — unless another value is held by at least two departments and by more
 *    departments than the surviving one: then the surviving value's holders (typically the
 *    authoritative department, which has not heard of a move) are asked. A tie without an
 *    authority asks every holder.
 *  - death / move-out unknown to the register: another department records a death (a death date)
 *    while the person register says 正常 — the register is asked.
 *  - listed after death / move-out: the register records 死亡 or 迁出 but a department still lists
 *    the person (a roster record, or an event such as a follow-up visit dated after the death) —
 *    that department is asked.
 *
 * @example
 * const found = detectDiscrepancies('P00000001', 'person', members, golden, context);
 * found[0] // { type: 'conflict', field: 'phone', targets: [{ department: 'RSJ', item: '联系电话', … }], … }
 */
import { createHash } from 'node:crypto';
import type { Field, RegistryKind } from './fields.ts';
import { type AuthorityOf, type GoldenRecord, type Provenance, type ValueClass } from './golden.ts';
import { mentionRef, type MentionRecord } from './records.ts';
import { canonical } from './values.ts';

export type DiscrepancyType = 'conflict' | 'death_unknown_to_register' | 'listed_after_death' | 'listed_after_move_out';

export interface ObjectionTarget {
  readonly department: string;
  readonly resourceCode: string;
  readonly recordKey: string;
  readonly item: string;
  readonly value: string | null;
}

export interface Discrepancy {
  readonly fingerprint: string;
  readonly entityId: string;
  readonly kind: RegistryKind;
  readonly field: Field;
  readonly type: DiscrepancyType;
  readonly values: readonly Omit<ValueClass, 'key'>[];
  /** The value the registry holds (golden), or the fact the target should check. */
  readonly expected: string | null;
  readonly targets: readonly ObjectionTarget[];
  /** False when no value prevails (a tie without an authority): recorded, but nobody is singled out. */
  readonly raise: boolean;
  /** Why the targets are asked, Chinese first. */
  readonly reason: string;
}

export interface DiscrepancyContext {
  readonly authorityOf: AuthorityOf;
  /** Department keeping the person register (status, 户号): the authority of 公民身份号码. */
  readonly register: string | undefined;
  /** Resources holding several records per person over time (visits): a record there is an event. */
  readonly isEventLog: (resourceCode: string) => boolean;
}

const CONFLICT_FIELDS: Readonly<Record<RegistryKind, readonly Field[]>> = {
  person: ['name', 'id_number', 'sex', 'birth_date', 'ethnicity', 'phone', 'address'],
  business: ['credit_code', 'org_name', 'phone', 'address'],
  house: ['cert_no', 'address'],
};

const LABEL: Partial<Record<Field, string>> = {
  name: '姓名', id_number: '公民身份号码', sex: '性别', birth_date: '出生日期', ethnicity: '民族', phone: '联系电话', address: '地址',
  credit_code: '统一社会信用代码', org_name: '名称', cert_no: '不动产权证号', status: '人员状态',
};

export function detectDiscrepancies(entityId: string, kind: RegistryKind, members: readonly MentionRecord[], golden: GoldenRecord, ctx: DiscrepancyContext): Discrepancy[] {
  const out: Discrepancy[] = [];
  const byRef = new Map(members.map((m) => [mentionRef(m.resourceCode, m.recordKey, m.role), m]));
  const target = (p: Provenance, field: Field): ObjectionTarget | undefined => {
    const m = byRef.get(mentionRef(p.resourceCode, p.recordKey, p.role));
    const item = m?.items[field];
    return item === undefined ? undefined : { department: p.department, resourceCode: p.resourceCode, recordKey: p.recordKey, item, value: p.raw };
  };
  for (const field of CONFLICT_FIELDS[kind]) {
    const g = golden.fields[field];
    if (!g || g.alternatives.length === 0) continue;
    const chosen: ValueClass = { value: g.value, key: '', sources: g.sources, departments: [...new Set(g.sources.map((s) => s.department))] };
    const all = [chosen, ...g.alternatives];
    const support = (c: ValueClass) => c.departments.length;
    const challenger = g.alternatives.filter((c) => support(c) >= 2 && support(c) > support(chosen));
    let asked: ValueClass[];
    let why: string;
    let raise = true;
    if (challenger.length > 0) {
      asked = [chosen];
      why = `${challenger[0]!.departments.length} 个部门记载的${LABEL[field]}与本部门不同（${challenger[0]!.value}），请核实是否已变更 / ${challenger[0]!.departments.length} departments hold a different ${field}`;
    } else if (g.rule === 'stable') {
      asked = all;
      raise = false;
      why = `各部门${LABEL[field]}不一致且无法判定以谁为准，请核实 / departments disagree on ${field} and none prevails`;
    } else {
      asked = [...g.alternatives];
      why = `${LABEL[field]}与${g.rule === 'authority' ? `权威来源（${g.source.department}）` : '多数部门'}记载的“${g.value}”不一致，请核实 / ${field} differs from ${g.rule === 'authority' ? 'the authoritative source' : 'other departments'}`;
    }
    const targets = asked.flatMap((c) => c.sources.flatMap((p) => target(p, field) ?? []));
    const keys = all.map((c) => canonical(field, c.sources[0]!.raw)?.key ?? c.value).sort();
    out.push({
      fingerprint: fingerprint(entityId, field, 'conflict', keys),
      entityId, kind, field, type: 'conflict',
      values: all.map(({ value, valid, sources, departments }) => ({ value, ...(valid !== undefined ? { valid } : {}), sources, departments })),
      expected: g.value, targets, raise, reason: why,
    });
  }
  if (kind === 'person') out.push(...statusDiscrepancies(entityId, members, ctx, target));
  return out;
}

function statusDiscrepancies(entityId: string, members: readonly MentionRecord[], ctx: DiscrepancyContext, target: (p: Provenance, f: Field) => ObjectionTarget | undefined): Discrepancy[] {
  const register = ctx.register;
  if (register === undefined) return [];
  const out: Discrepancy[] = [];
  const provenance = (m: MentionRecord, field: Field): Provenance => ({ department: m.departmentCode, resourceCode: m.resourceCode, recordKey: m.recordKey, role: m.role, batchId: m.batchId, at: m.at, raw: m.values[field] ?? '' });
  const registerStatus = members.filter((m) => m.departmentCode === register && m.values.status !== undefined);
  const registerKeys = new Set(registerStatus.map((m) => canonical('status', m.values.status)?.key));
  const deathsElsewhere = members.filter((m) => m.departmentCode !== register && canonical('death_date', m.values.death_date));
  const registerDeath = members.find((m) => m.departmentCode === register && (canonical('death_date', m.values.death_date) || canonical('status', m.values.status)?.key === 'dead'));

  if (!registerDeath && registerKeys.has('alive') && deathsElsewhere.length > 0) {
    const d = canonical('death_date', deathsElsewhere[0]!.values.death_date)!.display;
    const targets = registerStatus.flatMap((m) => target(provenance(m, 'status'), 'status') ?? []);
    out.push({
      fingerprint: fingerprint(entityId, 'status', 'death_unknown_to_register', [register]),
      entityId, kind: 'person', field: 'status', type: 'death_unknown_to_register',
      values: [cls('正常', registerStatus.map((m) => provenance(m, 'status'))), cls(`死亡 ${d}`, deathsElsewhere.map((m) => provenance(m, 'death_date')))],
      expected: `死亡 ${d}`, targets, raise: true,
      reason: `${[...new Set(deathsElsewhere.map((m) => m.departmentCode))].join('、')} 记载该人员已于 ${d} 死亡，户籍仍为正常，请核实 / another department records a death on ${d} that the register does not`,
    });
  }

  const gone = registerDeath ?? members.find((m) => m.departmentCode === register && canonical('status', m.values.status)?.key === 'moved_out');
  if (!gone) return out;
  const dead = gone === registerDeath;
  const date = canonical('death_date', gone.values.death_date)?.key ?? canonical('status_date', gone.values.status_date)?.key ?? '';
  const type: DiscrepancyType = dead ? 'listed_after_death' : 'listed_after_move_out';
  const byDepartment = new Map<string, MentionRecord[]>();
  for (const m of members) {
    if (m.departmentCode === register || m.values.death_date !== undefined) continue;
    // Someone who left the county may still own a house or run a business there.
    if (!dead && m.role !== '') continue;
    if (ctx.isEventLog(m.resourceCode) && (date === '' || m.eventDate === '' || m.eventDate < date)) continue;
    byDepartment.set(m.departmentCode, [...(byDepartment.get(m.departmentCode) ?? []), m]);
  }
  const when = date ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}` : '';
  for (const [department, listed] of byDepartment) {
    const field: Field = listed[0]!.items.id_number !== undefined ? 'id_number' : 'name';
    const targets = listed.flatMap((m) => target(provenance(m, field), field) ?? []);
    out.push({
      fingerprint: fingerprint(entityId, 'status', type, [department]),
      entityId, kind: 'person', field: 'status', type,
      values: [cls(dead ? `死亡 ${when}` : `迁出 ${when}`, [provenance(gone, dead && gone.values.death_date ? 'death_date' : 'status')]), cls('在册 / listed', listed.map((m) => provenance(m, field)))],
      expected: dead ? `死亡 ${when}` : `迁出 ${when}`, targets, raise: true,
      reason: dead
        ? `户籍登记该人员已于 ${when} 死亡，贵部门仍在册，请核实 / the register records a death on ${when}; your records still list the person`
        : `户籍登记该人员已于 ${when} 迁出本县，贵部门仍在册，请核实 / the register records a move out of the county on ${when}; your records still list the person`,
    });
  }
  return out;
}

function cls(value: string, sources: Provenance[]): Omit<ValueClass, 'key'> {
  return { value, sources, departments: [...new Set(sources.map((s) => s.department))] };
}

function fingerprint(entityId: string, field: string, type: string, parts: readonly string[]): string {
  return createHash('sha256').update([entityId, field, type, ...parts].join('\u0001')).digest('hex').slice(0, 32);
}


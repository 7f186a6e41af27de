/**
 * The golden record of one entity: per field, the value taken by rule (一数一源 first) with the
 * provenance of the record it came from and the other values departments hold.
 *
 * Survivorship, in order (docs/decisions/0402-golden-record-survivorship.md):
 *  1. authority — the value of the department the catalog names as the authoritative source of the
 *     field's data element (its claimed resource before its other resources);
 *  2. recent — the value of the most recent record, by day (same-day batches are equally recent);
 *  3. frequent — the value most departments hold, then most records;
 *  4. register — a tie goes to the value of the base register (for persons the household register,
 *     the authority of 公民身份号码), when it holds one of the tied values;
 *  5. otherwise the value of the oldest-registered mention (stable across runs).
 *
 * @example
 * const g = goldenRecord('person', members, authorityOf);
 * g.fields.name // { value: '王晓明', rule: 'authority', source: { department: 'GAJ', … }, alternatives: [{ value: '王小明', … }] }
 */
import type { Field, RegistryKind } from './fields.ts';
import { REGISTRY_MODELS } from './models.ts';
import type { MentionRecord } from './records.ts';
import { addressDetail, canonical, sameValue, type Canonical } from './values.ts';

export interface Provenance {
  readonly department: string;
  readonly resourceCode: string;
  readonly recordKey: string;
  readonly role: string;
  readonly batchId: string;
  readonly at: string;
  /** The value as this record holds it. */
  readonly raw: string;
}

export interface ValueClass {
  readonly value: string;
  readonly key: string;
  readonly valid?: boolean;
  readonly sources: readonly Provenance[];
  readonly departments: readonly string[];
}

export type SurvivorshipRule = 'authority' | 'recent' | 'frequent' | 'register' | 'stable';

export interface GoldenField {
  readonly value: string;
  readonly rule: SurvivorshipRule;
  /** The record the value was taken from. */
  readonly source: Provenance;
  /** Every record holding the chosen value. */
  readonly sources: readonly Provenance[];
  /** The other values, with who holds them. */
  readonly alternatives: readonly ValueClass[];
}

export interface GoldenRecord {
  readonly kind: RegistryKind;
  readonly fields: Readonly<Partial<Record<Field, GoldenField>>>;
  readonly departments: readonly string[];
  readonly mentionCount: number;
}

/** Where the authoritative value of a field comes from: department code and, if claimed, the resource. */
export interface AuthoritySource {
  readonly departmentCode: string;
  readonly resourceCode: string | null;
}

export type AuthorityOf = (field: Field) => AuthoritySource | undefined;

/** Groups a field's values across mentions into classes of the same value (in mention order). */
export function valueClasses(field: Field, members: readonly MentionRecord[]): Array<ValueClass & { canon: Canonical }> {
  const classes: Array<{ canon: Canonical; sources: Provenance[]; best: Canonical }> = [];
  for (const m of members) {
    const raw = m.values[field];
    const c = canonical(field, raw);
    if (!c || raw === undefined) continue;
    const p: Provenance = { department: m.departmentCode, resourceCode: m.resourceCode, recordKey: m.recordKey, role: m.role, batchId: m.batchId, at: m.at, raw };
    const hit = classes.find((k) => sameValue(field, k.canon, c));
    if (hit) {
      hit.sources.push(p);
      if (field === 'address' && addressDetail(c.key) > addressDetail(hit.best.key)) hit.best = c;
    } else classes.push({ canon: c, sources: [p], best: c });
  }
  return classes.map((k) => ({
    canon: k.canon,
    value: k.best.display,
    key: k.canon.key,
    ...(k.canon.valid !== undefined ? { valid: k.canon.valid } : {}),
    sources: k.sources,
    departments: [...new Set(k.sources.map((s) => s.department))],
  }));
}

const day = (iso: string) => iso.slice(0, 10);

/** Picks the surviving class of one field and says by which rule. */
export function survive(classes: readonly ValueClass[], authority: AuthoritySource | undefined, register?: string): { chosen: ValueClass; rule: SurvivorshipRule; source: Provenance } | undefined {
  if (classes.length === 0) return undefined;
  const latest = (c: ValueClass) => c.sources.reduce((a, s) => (day(s.at) > a ? day(s.at) : a), '');
  const newest = (c: ValueClass) => c.sources.reduce((a, s) => (s.at > a.at ? s : a), c.sources[0]!);
  if (authority) {
    const from = (pred: (p: Provenance) => boolean) => classes.filter((c) => c.sources.some(pred));
    const claimed = authority.resourceCode ? from((p) => p.resourceCode === authority.resourceCode) : [];
    const held = claimed.length > 0 ? claimed : from((p) => p.department === authority.departmentCode);
    if (held.length > 0) {
      const pick = pickBest(held, latest);
      const source = pick.sources.find((p) => p.resourceCode === authority.resourceCode) ?? pick.sources.find((p) => p.department === authority.departmentCode)!;
      return { chosen: pick, rule: 'authority', source };
    }
  }
  if (classes.length === 1) return { chosen: classes[0]!, rule: 'stable', source: newest(classes[0]!) };
  const recentDay = classes.reduce((a, c) => (latest(c) > a ? latest(c) : a), '');
  const recent = classes.filter((c) => latest(c) === recentDay);
  if (recent.length === 1) return { chosen: recent[0]!, rule: 'recent', source: newest(recent[0]!) };
  const freq = (c: ValueClass) => c.departments.length * 1e6 + c.sources.length;
  const top = Math.max(...recent.map(freq));
  const frequent = recent.filter((c) => freq(c) === top);
  if (frequent.length === 1) return { chosen: frequent[0]!, rule: 'frequent', source: newest(frequent[0]!) };
  const held = register === undefined ? undefined : frequent.find((c) => c.departments.includes(register));
  if (held) return { chosen: held, rule: 'register', source: held.sources.find((p) => p.department === register)! };
  return { chosen: frequent[0]!, rule: 'stable', source: newest(frequent[0]!) };
}

function pickBest(classes: readonly ValueClass[], latest: (c: ValueClass) => string): ValueClass {
  return [...classes].sort((a, b) => (latest(b) < latest(a) ? -1 : latest(b) > latest(a) ? 1 : b.sources.length - a.sources.length))[0]!;
}

/** The golden record of an entity from its live mentions (oldest first). */
export function goldenRecord(kind: RegistryKind, members: readonly MentionRecord[], authorityOf: AuthorityOf, register?: string): GoldenRecord {
  const fields: Partial<Record<Field, GoldenField>> = {};
  for (const field of REGISTRY_MODELS[kind].golden) {
    const classes = field === 'status' ? statusClasses(members) : valueClasses(field, members);
    const s = survive(classes, authorityOf(field), register);
    if (!s) continue;
    fields[field] = {
      value: s.chosen.value,
      rule: s.rule,
      source: s.source,
      sources: s.chosen.sources,
      alternatives: classes.filter((c) => c !== s.chosen).map(({ value, key, valid, sources, departments }) => ({ value, key, ...(valid !== undefined ? { valid } : {}), sources, departments })),
    };
  }
  return { kind, fields, departments: [...new Set(members.map((m) => m.departmentCode))].sort(), mentionCount: members.length };
}

/**
 * A person's status from status items (正常/死亡/迁出) and death dates: a record with a death date
 * says 死亡 whatever its status item says; the date travels with the value (死亡 2023-04-02).
 */
function statusClasses(members: readonly MentionRecord[]): ValueClass[] {
  const synthetic = members.flatMap((m) => {
    const death = canonical('death_date', m.values.death_date);
    const status = canonical('status', m.values.status);
    if (death) return [{ ...m, values: { status: `死亡 ${death.display}` } }];
    if (!status) return [];
    const date = canonical('status_date', m.values.status_date);
    return [{ ...m, values: { status: status.key === 'alive' || !date ? status.display : `${status.display} ${date.display}` } }];
  });
  return valueClasses('status', synthetic).map(({ canon: _c, ...rest }) => rest);
}

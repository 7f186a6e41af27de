/**
 * From an aggregated record (one row of a department resource, as ingest keeps it) to the mentions
 * the registries link: one per party the record names (the subject, its legal representative,
 * owner, employer …), each with its fields' raw values and full provenance.
 *
 * @example
 * const mentions = mentionsOf(profile, { resourceCode: '101001/000001', recordKey: '3713…', version: 1, batchId: 'b1', at: '2024-06-30T00:00:00Z', data: { 姓名: '王明', … } });
 * mentions[0].ref // '101001/000001\u0001371321…\u0001'
 */
import type { Field, RegistryKind } from './fields.ts';
import type { ResourceProfile } from './profiles.ts';

/** One version of an aggregated record, as the change feed delivers it. */
export interface SourceRecord {
  readonly resourceCode: string;
  readonly recordKey: string;
  readonly version: number;
  readonly batchId: string;
  /** When this version arrived (the batch's time), ISO-8601. */
  readonly at: string;
  /** Item name → normalised value; empty items absent. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** One party named by one record, with where every value came from. */
export interface MentionRecord {
  /** Stable id of the mention: resource code, record key and role. */
  readonly ref: string;
  readonly kind: RegistryKind;
  readonly role: string;
  readonly resourceCode: string;
  readonly recordKey: string;
  readonly version: number;
  readonly departmentCode: string;
  readonly batchId: string;
  readonly at: string;
  /** Field → raw value as the department gave it. */
  readonly values: Readonly<Partial<Record<Field, string>>>;
  /** Field → item name it came from (objections are raised on items). */
  readonly items: Readonly<Partial<Record<Field, string>>>;
  /** Values of the record's subject that help find this party (see profiles.ts HINTS); linking only. */
  readonly hints: Readonly<Partial<Record<Field, string>>>;
  /** Latest date among the record's other date items (visit, enrolment …), yyyymmdd; '' when none. */
  readonly eventDate: string;
}

const SEP = '\u0001';

export function mentionRef(resourceCode: string, recordKey: string, role: string): string {
  return `${resourceCode}${SEP}${recordKey}${SEP}${role}`;
}

export function splitRef(ref: string): { resourceCode: string; recordKey: string; role: string } {
  const [resourceCode = '', recordKey = '', role = ''] = ref.split(SEP);
  return { resourceCode, recordKey, role };
}

const text = (v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  const s = (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v)).trim();
  return s === '' ? undefined : s;
};

/** The mentions a record makes of registry entities; parties without any value are skipped. */
export function mentionsOf(profile: ResourceProfile, record: SourceRecord, dateItems: readonly string[] = dateItemsOf(profile)): MentionRecord[] {
  const out: MentionRecord[] = [];
  let eventDate = '';
  for (const item of dateItems) {
    const d = text(record.data[item])?.replace(/\D/g, '').slice(0, 8) ?? '';
    if (d.length === 8 && d > eventDate) eventDate = d;
  }
  for (const m of profile.mentions) {
    const values: Partial<Record<Field, string>> = {};
    let any = false;
    for (const [field, item] of Object.entries(m.fields) as [Field, string][]) {
      const v = text(record.data[item]);
      if (v === undefined) continue;
      values[field] = field === 'dept_ref' ? `${profile.departmentCode}:${item}:${v}` : v;
      if (field !== 'dept_ref') any = true;
    }
    if (!any) continue;
    const hints: Partial<Record<Field, string>> = {};
    for (const [field, item] of Object.entries(m.hints) as [Field, string][]) {
      const v = text(record.data[item]);
      if (v !== undefined) hints[field] = v;
    }
    out.push({
      ref: mentionRef(record.resourceCode, record.recordKey, m.role),
      kind: m.kind,
      role: m.role,
      resourceCode: record.resourceCode,
      recordKey: record.recordKey,
      version: record.version,
      departmentCode: profile.departmentCode,
      batchId: record.batchId,
      at: record.at,
      values,
      items: m.fields,
      hints,
      eventDate,
    });
  }
  return out;
}

/** Items holding dates that are not a registry field (visit, enrolment, registration dates). */
export function dateItemsOf(profile: ResourceProfile): string[] {
  const used = new Set(profile.mentions.flatMap((m) => Object.values(m.fields)));
  return Object.entries(profile.elementOf).filter(([item, el]) => (el === '日期' || el === '日期时间') && !used.has(item)).map(([item]) => item);
}

/**
 * Which registries a catalog resource feeds, and through which items: the resource's subject (what
 * one record is about) and the other parties it names (legal representative, owner, employer,
 * 男方/女方 …), each a "mention" mapping registry fields to item names.
 *
 * Rule (docs/decisions/0401-registry-feeds-from-catalog.md): the subject is the kind of the first
 * key item that identifies an entity (公民身份号码 → person, 统一社会信用代码 → business,
 * 不动产单元号 → house); without one, a resource carrying a credit code is about businesses, one
 * carrying a property unit or certificate number about houses, one carrying 公民身份号码 or
 * 姓名 + 出生日期 about persons. Items of another kind without a role prefix describe the
 * subject's usual counterpart (a person resource's business items: the employer; a business
 * resource's person items: the legal representative; a house resource's person items: the owner).
 * A person mention feeds 人口库 when it has an ID number or a name and a birth date; a business
 * mention 法人库 when it has a credit code or a name; a house mention 房屋库 when it has a unit or
 * certificate number.
 *
 * @example
 * const p = profileResource({ code: '101001/000001', items: [{ name: '姓名', element: '姓名', isKey: false }, …], … });
 * p.subject // 'person'
 * p.mentions // [{ role: '', kind: 'person', fields: { name: '姓名', id_number: '公民身份号码' } }]
 */
import { classifyItem, kindOfField, type Field, type ItemClass, type RegistryKind } from './fields.ts';

export interface ResourceInfo {
  readonly code: string;
  readonly name: string;
  readonly departmentId: string;
  readonly departmentCode: string;
  readonly departmentName: string;
  readonly items: ReadonlyArray<{ readonly name: string; readonly element: string | null; readonly isKey: boolean }>;
}

export interface Mention {
  /** '' for the subject; 'legal_rep', 'owner', 'employer' or a prefix such as 男方. */
  readonly role: string;
  readonly kind: RegistryKind;
  /** Field → item name. */
  readonly fields: Readonly<Partial<Record<Field, string>>>;
  /** Items of the subject that also help find this party (linking only, never its golden record). */
  readonly hints: Readonly<Partial<Record<Field, string>>>;
}

export interface ResourceProfile extends ResourceInfo {
  readonly subject: RegistryKind | null;
  /** Mentions that feed a registry; the subject's first when it feeds one. */
  readonly mentions: readonly Mention[];
  /** Item name → data element name, for raising objections on the right item. */
  readonly elementOf: Readonly<Record<string, string | null>>;
}

const COUNTERPART: Readonly<Record<RegistryKind, Readonly<Record<RegistryKind, string>>>> = {
  person: { person: '', business: 'employer', house: 'house' },
  business: { person: 'legal_rep', business: '', house: 'house' },
  house: { person: 'owner', business: 'owner_org', house: '' },
};

/**
 * A party shares some of the record's contact details more often than not: a small business's
 * phone is its operator's, an owner usually lives in the house. The linker may use them; the
 * golden record never does (the model learns from the data how much they tell).
 */
const HINTS: Readonly<Record<string, readonly Field[]>> = { legal_rep: ['phone'], owner: ['address'] };

export function profileResource(info: ResourceInfo): ResourceProfile {
  const classes = info.items.map((item) => ({ item, cls: classifyItem(item.name, item.element) }));
  const subject = subjectOf(classes);
  const groups = new Map<string, { kind: RegistryKind | null; fields: Partial<Record<Field, string>> }>();
  for (const { item, cls } of classes) {
    if (!cls) continue;
    let role = cls.role;
    let kind = cls.kind;
    if (role === '' && kind !== null && subject !== null && kind !== subject) role = COUNTERPART[subject][kind];
    if (role === '' && kind === null) kind = subject;
    if (role === '' && cls.field === 'dept_ref' && subject !== 'person') continue;
    const group = groups.get(role) ?? { kind: null, fields: {} };
    group.kind ??= kind;
    group.fields[cls.field] ??= item.name;
    groups.set(role, group);
  }
  const mentions: Mention[] = [];
  for (const [role, g] of groups) {
    const kind = role === '' ? subject : g.kind;
    if (kind === null || !qualifies(kind, g.fields)) continue;
    // Fields of another kind left in a group (a person's dept_ref on an owner) are dropped.
    const fields = Object.fromEntries(Object.entries(g.fields).filter(([f]) => {
      const k = kindOfField(f as Field);
      return k === null || k === kind;
    })) as Partial<Record<Field, string>>;
    mentions.push({ role, kind, fields, hints: {} });
  }
  mentions.sort((a, b) => (a.role === '' ? -1 : b.role === '' ? 1 : a.role.localeCompare(b.role)));
  const subjectFields = mentions.find((m) => m.role === '')?.fields ?? {};
  for (const m of mentions) {
    const hints: Partial<Record<Field, string>> = {};
    for (const f of HINTS[m.role] ?? []) if (m.fields[f] === undefined && subjectFields[f] !== undefined) hints[f] = subjectFields[f];
    (m as { hints: Partial<Record<Field, string>> }).hints = hints;
  }
  return { ...info, subject, mentions, elementOf: Object.fromEntries(info.items.map((i) => [i.name, i.element])) };
}

function subjectOf(classes: ReadonlyArray<{ item: { isKey: boolean }; cls: ItemClass | undefined }>): RegistryKind | null {
  for (const { item, cls } of classes) {
    if (!item.isKey || !cls || cls.role !== '' || cls.kind === null) continue;
    if (cls.field === 'id_number' || cls.field === 'credit_code' || cls.field === 'unit_no' || cls.field === 'cert_no') return cls.kind;
  }
  const has = (f: Field) => classes.some(({ cls }) => cls?.field === f && cls.role === '');
  if (has('credit_code')) return 'business';
  if (has('unit_no') || has('cert_no')) return 'house';
  if (has('id_number') || (has('name') && has('birth_date'))) return 'person';
  return null;
}

function qualifies(kind: RegistryKind, fields: Partial<Record<Field, string>>): boolean {
  if (kind === 'person') return fields.id_number !== undefined || (fields.name !== undefined && fields.birth_date !== undefined);
  if (kind === 'business') return fields.credit_code !== undefined || fields.org_name !== undefined;
  return fields.unit_no !== undefined || fields.cert_no !== undefined;
}

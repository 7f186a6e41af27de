/**
 * What an information item says about which entity: the field it fills (from the item's data
 * element, or from its name where no national element exists) and the role of the entity it
 * describes (from a prefix of the name: 法定代表人证件号码 is the legal representative's ID
 * number, 单位统一社会信用代码 the employer's credit code). See
 * docs/decisions/0401-registry-feeds-from-catalog.md for the whole rule.
 *
 * @example
 * classifyItem('法定代表人证件号码', '公民身份号码') // { field: 'id_number', role: 'legal_rep', kind: 'person' }
 * classifyItem('坐落', '地址')                     // { field: 'address', role: '', kind: null }
 * classifyItem('户号', null)                       // { field: 'household_no', role: '', kind: 'person' }
 */
export type RegistryKind = 'person' | 'business' | 'house';
export const REGISTRY_KINDS: readonly RegistryKind[] = ['person', 'business', 'house'];

export type PersonField = 'name' | 'id_number' | 'sex' | 'birth_date' | 'ethnicity' | 'phone' | 'address' | 'status' | 'status_date' | 'death_date' | 'household_no' | 'relation' | 'dept_ref';
export type BusinessField = 'credit_code' | 'org_name' | 'org_status' | 'established';
export type HouseField = 'unit_no' | 'cert_no' | 'area';
export type Field = PersonField | BusinessField | HouseField;

const KIND_OF: Readonly<Record<Field, RegistryKind | null>> = {
  name: 'person', id_number: 'person', sex: 'person', birth_date: 'person', ethnicity: 'person', status: 'person', status_date: 'person',
  death_date: 'person', household_no: 'person', relation: 'person', dept_ref: null, phone: null, address: null,
  credit_code: 'business', org_name: 'business', org_status: 'business', established: 'business',
  unit_no: 'house', cert_no: 'house', area: 'house',
};

/** Data element name → field. */
const ELEMENT_FIELDS: Readonly<Record<string, Field>> = {
  公民身份号码: 'id_number', 姓名: 'name', 性别: 'sex', 出生日期: 'birth_date', 民族: 'ethnicity',
  联系电话: 'phone', 手机号码: 'phone', 固定电话: 'phone', 地址: 'address', 统一社会信用代码: 'credit_code',
};

/** Items no national element covers, recognised by name (whole name, anchored). */
const NAME_FIELDS: ReadonlyArray<readonly [RegExp, Field]> = [
  [/^(户号|户口簿号|户编号)$/, 'household_no'],
  [/^(与户主关系|家庭关系|户内关系)$/, 'relation'],
  [/^(人员状态|户口状态|户籍状态)$/, 'status'],
  [/^(变动日期|状态变动日期)$/, 'status_date'],
  [/^(死亡日期|死亡时间)$/, 'death_date'],
  [/^(不动产单元号|不动产单元代码)$/, 'unit_no'],
  [/^(不动产权证号|不动产权证书号|房屋所有权证号|房产证号)$/, 'cert_no'],
  [/^(坐落|房屋坐落|房屋地址)$/, 'address'],
  [/^(建筑面积|房屋面积)/, 'area'],
  [/^(企业名称|单位名称|机构名称|主体名称|名称)$/, 'org_name'],
  [/^(登记状态|经营状态|企业状态)$/, 'org_status'],
  [/^(成立日期|注册日期)$/, 'established'],
  [/^(档案编号|健康档案编号|个人编号|个人社保编号|社保个人编号)$/, 'dept_ref'],
];

/** How each field's item names end, so that the rest of the name can be read as a role prefix. */
const BASE_WORDS: Readonly<Partial<Record<Field, readonly string[]>>> = {
  id_number: ['公民身份号码', '身份证件号码', '居民身份证号码', '身份证号码', '身份证号', '证件号码', '身份号码', '证件号'],
  name: ['姓名', '名字'],
  sex: ['性别'],
  birth_date: ['出生日期'],
  ethnicity: ['民族'],
  phone: ['联系电话', '手机号码', '手机号', '电话号码', '电话', '手机'],
  address: ['地址', '住址', '住所', '坐落'],
  credit_code: ['统一社会信用代码', '信用代码'],
  org_name: ['名称'],
};

/** Prefixes naming another person or organisation than the record's subject. */
const LEGAL_REP = /^(法定代表人|法人代表|负责人|经营者|投资人)$/;
const OWNER = /^(权利人|产权人|所有权人|房屋所有权人|房主|业主)$/;
const EMPLOYER = /^(单位|用人单位|工作单位|参保单位|所在单位|雇主)$/;
/** Prefixes that still describe the subject (户籍地址, 本人电话, 申请人姓名, 迁入地址, 企业名称 …). */
const SUBJECT = /^(本人|户籍|现|现住|现居住|居住|常住|家庭|通讯|联系|申请人|当事人|居民|人员|群众|迁入|新|注册|经营|企业|机构|主体|房屋)$/;
/** Prefixes of superseded values (迁出地址, 原住址): not the current value of anything. */
const FORMER = /^(迁出|原|旧|曾用|前)$/;

export interface ItemClass {
  readonly field: Field;
  /** '' for the record's subject; 'legal_rep', 'owner', 'employer' or the prefix itself (男方, 母亲 …). */
  readonly role: string;
  /** The kind the field belongs to; null for fields any kind carries (phone, address, dept_ref). */
  readonly kind: RegistryKind | null;
}

/** Classifies one item by its data element (name) and its own name; undefined: the registries ignore it. */
export function classifyItem(itemName: string, elementName: string | null): ItemClass | undefined {
  const name = itemName.replace(/[\s（(].*$/, '').trim();
  let field: Field | undefined = elementName ? ELEMENT_FIELDS[elementName] : undefined;
  if (field === undefined) for (const [re, f] of NAME_FIELDS) if (re.test(name)) field = f;
  // A role word alone holds that party's name: 法定代表人, 权利人, 用人单位.
  const alone = roleWord(name);
  if (alone !== undefined) {
    const f = field ?? (alone === 'employer' ? 'org_name' : 'name');
    return { field: f, role: alone, kind: alone === 'employer' ? 'business' : 'person' };
  }
  if (field === undefined) return undefined;
  const prefix = prefixOf(name, field);
  if (prefix === null || prefix === '' || SUBJECT.test(prefix)) return { field, role: '', kind: KIND_OF[field] };
  if (FORMER.test(prefix)) return undefined;
  const role = roleWord(prefix) ?? prefix;
  return { field, role, kind: role === 'employer' ? 'business' : 'person' };
}

function prefixOf(name: string, field: Field): string | null {
  for (const base of BASE_WORDS[field] ?? []) if (name.endsWith(base)) return name.slice(0, name.length - base.length);
  return null;
}

function roleWord(word: string): string | undefined {
  if (LEGAL_REP.test(word)) return 'legal_rep';
  if (OWNER.test(word)) return 'owner';
  if (EMPLOYER.test(word)) return 'employer';
  return undefined;
}

/** Human labels of the roles the registries know, for links and the person-360 view. */
export const ROLE_LABELS: Readonly<Record<string, string>> = {
  '': '本人 / subject',
  legal_rep: '法定代表人 / legal representative',
  owner: '权利人 / owner',
  employer: '工作单位 / employer',
};

export function kindOfField(field: Field): RegistryKind | null {
  return KIND_OF[field];
}

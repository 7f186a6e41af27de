/**
 * The built-in data-element library. Codes are stable: add new elements at
 * the end, never renumber. Synonyms are the column headers departments
 * actually use; the ingest column mapper matches on them, so be generous,
 * but a synonym belongs to one element only (a test enforces this).
 *
 * @example
 * findElement('身份证号')?.code;  // 'DE0001'
 * findElement('DE0003')?.name;    // '性别'
 */
import { validateAddress } from './address.ts';
import { validateBirthDate, validateDate, validateDateTime } from './date.ts';
import type { DataElement } from './element-types.ts';
import { ETHNIC_GROUPS, validateEthnicity } from './ethnicity.ts';
import { textValidator, validateBoolean, validateEmail, validatePostcode } from './generic.ts';
import { validateIdNumber } from './id-number.ts';
import { numericValidator } from './numeric.ts';
import { validateOrgCode } from './org-code.ts';
import { validatePersonName } from './person-name.ts';
import { validateContactPhone, validateLandline, validateMobile } from './phone.ts';
import { validateRegionCode } from './region.ts';
import { SEX_CODES, validateSex } from './sex.ts';
import { validateUscc } from './uscc.ts';

const PUBLIC_ELEMENTS = 'GB/T 19488.2-2008';
const DATE_TIME = 'GB/T 7408-2005';

/** Free text up to 4000 characters, the catalog's default 字符型 length. */
export const TEXT_DEFAULT_MAX = 4000;

export const builtinElements: readonly DataElement[] = Object.freeze([
  {
    code: 'DE0001', name: '公民身份号码', nameEn: 'citizen ID number', standard: 'GB 11643-1999', dataType: 'C', maxLength: 18,
    synonyms: ['身份证号', '身份证号码', '证件号码', '证件号', '公民身份证号', '公民身份证号码', '身份证', '身份号码', '公民身份号', '居民身份证号码', '居民身份证号', '身份证件号码', '身份证件号', '身份证编号', 'sfzh', 'sfzhm', 'gmsfhm', 'zjhm', 'idcard', 'id_card', 'id_no', 'idno', 'id_number'],
    validate: validateIdNumber,
    description: '18 位公民身份号码，含 MOD 11-2 校验；15 位旧号码自动升级 / 18-digit citizen ID with MOD 11-2 check; 15-digit legacy numbers are upgraded',
  },
  {
    code: 'DE0002', name: '姓名', nameEn: 'personal name', standard: PUBLIC_ELEMENTS, dataType: 'C', maxLength: 20,
    synonyms: ['名字', '人员姓名', '真实姓名', '当事人姓名', '申请人姓名', '申请人', '户主姓名', '联系人', '联系人姓名', '法定代表人', '法定代表人姓名', '负责人', '负责人姓名', '居民姓名', '群众姓名', 'xm', 'name', 'full_name', 'person_name'],
    validate: validatePersonName,
    description: '2–20 个汉字（少数民族姓名可含间隔号 ·）或拉丁字母 / 2-20 Chinese characters (· allowed in ethnic-minority names) or Latin letters',
  },
  {
    code: 'DE0003', name: '性别', nameEn: 'sex', standard: 'GB/T 2261.1-2003', dataType: 'C', maxLength: 1,
    synonyms: ['性别代码', '姓别', 'xb', 'xbdm', 'sex', 'gender'],
    validate: validateSex,
    enumValues: SEX_CODES.map((s) => ({ code: s.code, label: s.name })),
    description: '性别代码：0 未知、1 男、2 女、9 未说明 / sex code: 0 not known, 1 male, 2 female, 9 not stated',
  },
  {
    code: 'DE0004', name: '民族', nameEn: 'ethnic group', standard: 'GB/T 3304-1991', dataType: 'C', maxLength: 2,
    synonyms: ['民族代码', '族别', '民族名称', 'mz', 'mzdm', 'nation', 'ethnicity', 'ethnic_group'],
    validate: validateEthnicity,
    enumValues: ETHNIC_GROUPS.map((g) => ({ code: g.code, label: g.name })),
    description: '民族两位代码，如 01 汉族 / 2-digit ethnic group code, e.g. 01 Han',
  },
  {
    code: 'DE0005', name: '出生日期', nameEn: 'date of birth', standard: DATE_TIME, dataType: 'D', maxLength: 10,
    synonyms: ['出生年月日', '出生年月', '生日', '出生时间', 'csrq', 'birthday', 'birth_date', 'date_of_birth', 'dob'],
    validate: validateBirthDate,
    description: '出生日期 YYYY-MM-DD，1900 年至今 / birth date YYYY-MM-DD between 1900 and today',
  },
  {
    code: 'DE0006', name: '统一社会信用代码', nameEn: 'unified social credit code', standard: 'GB 32100-2015', dataType: 'C', maxLength: 18,
    synonyms: ['信用代码', '社会信用代码', '统一代码', '统一信用代码', '社会统一信用代码', '统一社会信用代码证', '单位信用代码', '企业信用代码', 'tyshxydm', 'shxydm', 'uscc', 'credit_code', 'social_credit_code'],
    validate: validateUscc,
    description: '18 位统一社会信用代码，含 MOD 31 校验及内嵌组织机构代码校验 / 18-character code with MOD 31 check and the embedded organisation-code check',
  },
  {
    code: 'DE0007', name: '组织机构代码', nameEn: 'organisation code', standard: 'GB 11714-1997', dataType: 'C', maxLength: 10,
    synonyms: ['机构代码', '组织代码', '组织机构代码证', '组织机构代码证号', '单位代码', 'zzjgdm', 'org_code', 'organization_code'],
    validate: validateOrgCode,
    description: '8 位本体代码加 1 位校验码，规范为 XXXXXXXX-Y / 8 characters and a check character, written XXXXXXXX-Y',
  },
  {
    code: 'DE0008', name: '行政区划代码', nameEn: 'administrative division code', standard: 'GB/T 2260-2007', dataType: 'C', maxLength: 12,
    synonyms: ['区划代码', '行政区划', '行政区代码', '区划编码', '行政区划编码', '行政区划码', '所属区划', '所在区划', '区划', 'xzqhdm', 'xzqh', 'qhdm', 'region_code', 'adcode', 'division_code'],
    validate: validateRegionCode,
    description: '6 位县级及以上、9 位乡级、12 位村级代码（2023 年统计用区划代码表）/ 6-digit county-and-above, 9-digit township or 12-digit village code (2023 statistical table)',
  },
  {
    code: 'DE0009', name: '手机号码', nameEn: 'mobile phone number', standard: '电信网编码计划（2017）', dataType: 'C', maxLength: 11,
    synonyms: ['手机', '手机号', '移动电话', '移动电话号码', 'sjhm', 'sjh', 'mobile', 'mobile_phone', 'cellphone', 'cell_phone'],
    validate: validateMobile,
    description: '中国大陆 11 位手机号码，可带 +86 / mainland 11-digit mobile number, +86 prefix accepted',
  },
  {
    code: 'DE0010', name: '固定电话', nameEn: 'landline number', standard: '电信网编码计划（2017）', dataType: 'C', maxLength: 20,
    synonyms: ['座机', '座机号码', '固话', '固定电话号码', '办公电话', '单位电话', '家庭电话', '住宅电话', 'gddh', 'landline', 'office_phone'],
    validate: validateLandline,
    description: '区号加 7–8 位本地号码，可带分机，规范为 0xxx-xxxxxxx[-分机] / area code and 7-8-digit local number, optional extension',
  },
  {
    code: 'DE0011', name: '联系电话', nameEn: 'contact phone', standard: '电信网编码计划（2017）', dataType: 'C', maxLength: 20,
    synonyms: ['电话', '电话号码', '联系方式', '联系号码', '联系人电话', '联系手机', '联系电话号码', '本人电话', 'lxdh', 'dh', 'phone', 'telephone', 'tel', 'contact_phone', 'phone_number'],
    validate: validateContactPhone,
    description: '手机号码或固定电话 / a mobile or landline number',
  },
  {
    code: 'DE0012', name: '地址', nameEn: 'address', standard: PUBLIC_ELEMENTS, dataType: 'C', maxLength: 200,
    synonyms: ['住址', '详细地址', '家庭住址', '家庭地址', '户籍地址', '户籍地', '户籍所在地', '居住地址', '居住地', '现住址', '现居住地址', '通讯地址', '联系地址', '住所', '经营地址', '经营场所', '注册地址', '单位地址', '地址信息', 'dz', 'xxdz', 'address', 'addr'],
    validate: validateAddress,
    description: '4–200 个字符，须含汉字 / 4-200 characters including Chinese characters',
  },
  {
    code: 'DE0013', name: '邮政编码', nameEn: 'postcode', standard: PUBLIC_ELEMENTS, dataType: 'C', maxLength: 6,
    synonyms: ['邮编', 'yzbm', 'postcode', 'zip', 'zip_code', 'postal_code'],
    validate: validatePostcode,
    description: '6 位数字 / six digits',
  },
  {
    code: 'DE0014', name: '电子邮箱', nameEn: 'e-mail address', standard: 'RFC 5322', dataType: 'C', maxLength: 254,
    synonyms: ['邮箱', '电子邮件', '电子信箱', '邮箱地址', 'dzyx', 'email', 'e-mail', 'mail'],
    validate: validateEmail,
    description: '名称@域名 / name@domain',
  },
  {
    code: 'DE0015', name: '日期', nameEn: 'date', standard: DATE_TIME, dataType: 'D', maxLength: 10,
    synonyms: ['rq', 'date', '登记日期', '办理日期', '发证日期', '签发日期', '成立日期'],
    validate: validateDate,
    description: '规范为 YYYY-MM-DD；接受 1990/3/7、1990年3月7日、19900307、Excel 序列号 / normalised to YYYY-MM-DD',
  },
  {
    code: 'DE0016', name: '日期时间', nameEn: 'date and time', standard: DATE_TIME, dataType: 'T', maxLength: 19,
    synonyms: ['时间', '登记时间', '创建时间', '更新时间', '办理时间', 'sj', 'datetime', 'timestamp', 'create_time', 'update_time'],
    validate: validateDateTime,
    description: '规范为 YYYY-MM-DD HH:mm:ss（北京时间）/ normalised to YYYY-MM-DD HH:mm:ss in Beijing time',
  },
  {
    code: 'DE0017', name: '文本', nameEn: 'text', standard: '通用 / general', dataType: 'C', maxLength: TEXT_DEFAULT_MAX,
    synonyms: ['字符', 'text', 'string'],
    validate: textValidator({ maxLength: TEXT_DEFAULT_MAX }),
    description: `非空文本，最长 ${TEXT_DEFAULT_MAX} 个字符 / non-empty text, at most ${TEXT_DEFAULT_MAX} characters`,
  },
  {
    code: 'DE0018', name: '数值', nameEn: 'number', standard: '通用 / general', dataType: 'N',
    synonyms: ['数字', '数量', 'number', 'numeric'],
    validate: numericValidator(),
    description: '十进制数，可带千位分隔符或科学计数法 / decimal number; thousands separators and exponents accepted',
  },
  {
    code: 'DE0019', name: '布尔', nameEn: 'boolean', standard: '通用 / general', dataType: 'L', maxLength: 1,
    synonyms: ['逻辑值', '是否', '标志', 'bool', 'boolean', 'flag'],
    validate: validateBoolean,
    description: '是/否、Y/N、true/false、1/0 → 1 或 0 / yes-no values → 1 or 0',
  },
  {
    code: 'DE0020', name: '金额', nameEn: 'amount of money', standard: '通用 / general', dataType: 'Y',
    synonyms: ['费用', '价格', 'je', 'amount', 'money'],
    validate: numericValidator({ scale: 2, padScale: true, currency: true }),
    description: '人民币元，两位小数 / yuan with two decimals',
  },
  {
    code: 'DE0021', name: '整数', nameEn: 'integer', standard: '通用 / general', dataType: 'I',
    synonyms: ['integer', 'int', '个数', '人数'],
    validate: numericValidator({ integer: true }),
    description: '整数 / whole number',
  },
].map((e) => Object.freeze({ ...e, synonyms: Object.freeze(e.synonyms) })) as DataElement[]);

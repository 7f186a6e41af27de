import { createHash } from 'node:crypto';
import { makeUscc } from './check-codes.ts';
import { DEPARTMENT_FILES } from './departments/index.ts';
import type { ColumnSpec, FileSpec } from './departments/types.ts';

/**
 * The demo county's departments and catalog resources (沂南县, the generator's default
 * county), as plain data the platform's seeding loads. Each department file the generator
 * writes has a resource whose information items are named by that department's own headers
 * (sourceFile = the manifest key), so automatic column mapping can be tried on real files.
 *
 * @example
 * demoDepartments.find((d) => d.code === 'GAJ')?.name;               // '沂南县公安局'
 * demoResources.find((r) => r.sourceFile === 'gaj-hukou')?.items[5]; // { name: '公民身份号码', element: '公民身份号码', … }
 */
export type DepartmentSeed = { code: string; name: string; level: '县' | '乡镇街道' | '村社区'; parentCode?: string; creditCode: string };

type DataType = 'C' | 'N' | 'Y' | 'D' | 'T' | 'L' | 'M' | 'G' | 'B' | 'I' | 'F';
type Item = { name: string; dataType: DataType; element?: string; isKey?: boolean; length?: number };
export type ResourceSeed = {
  name: string;
  providerCode: string;
  category: { class: '1' | '2' | '3'; item: string; catalog: string; detail?: string };
  summary: string;
  format: '电子文件' | '电子表格' | '数据库' | '图形图像' | '流媒体' | '自描述格式';
  items: Item[];
  sharing: { type: '无条件共享' | '有条件共享' | '不予共享'; condition?: string; basis?: string; method: '文件' | '数据库' | '接口' };
  open: { isOpen: boolean; condition?: string };
  updateCycle: '实时' | '每日' | '每周' | '每月' | '每季度' | '每年';
  sourceFile?: string;
};

const COUNTY = '沂南县';
const REGION = '371321';

/** A stable, valid 机关 credit code per department (11 = 机构编制 / 机关). */
function creditCode(code: string): string {
  const digits = createHash('sha256').update(`shutong-demo-department:${code}`).digest().readUInt32BE(0);
  return makeUscc('1', '1', REGION, `00${String(digits % 1000000).padStart(6, '0')}`);
}

const dept = (code: string, name: string, level: DepartmentSeed['level'], parentCode?: string): DepartmentSeed => ({
  code, name, level, ...(parentCode ? { parentCode } : {}), creditCode: creditCode(code),
});

export const demoDepartments: DepartmentSeed[] = [
  dept('SJJ', `${COUNTY}大数据局`, '县'),
  dept('GAJ', `${COUNTY}公安局`, '县'),
  dept('MZJ', `${COUNTY}民政局`, '县'),
  dept('WJW', `${COUNTY}卫生健康局`, '县'),
  dept('RSJ', `${COUNTY}人力资源和社会保障局`, '县'),
  dept('SCJ', `${COUNTY}市场监督管理局`, '县'),
  dept('ZJJ', `${COUNTY}住房和城乡建设局`, '县'),
  dept('CLJ', `${COUNTY}残疾人联合会`, '县'),
  dept('WGZX', `${COUNTY}网格化服务管理中心`, '县'),
  dept('JHJD', '界湖街道办事处', '乡镇街道'),
  dept('ADZ', '岸堤镇人民政府', '乡镇街道'),
  dept('YWZ', '依汶镇人民政府', '乡镇街道'),
  dept('NCSQ', '南村社区居民委员会', '村社区', 'JHJD'),
  dept('CDSQ', '城东社区居民委员会', '村社区', 'JHJD'),
  dept('ADCV', '岸堤村村民委员会', '村社区', 'ADZ'),
  dept('HYZC', '后峪子村村民委员会', '村社区', 'YWZ'),
];

const ELEMENTS: Readonly<Record<string, string>> = {
  'person.name': '姓名', 'business.legal_rep.name': '姓名', 'house.owner.name': '姓名',
  'person.id_number': '公民身份号码', 'business.legal_rep.id_number': '公民身份号码', 'house.owner.id_number': '公民身份号码',
  'person.sex': '性别', 'person.ethnicity': '民族', 'person.birth_date': '出生日期', 'person.phone': '联系电话',
  'business.phone': '联系电话', 'person.address': '地址', 'house.address': '地址', 'business.address': '地址',
  'business.uscc': '统一社会信用代码',
};
const KEYS = new Set(['person.id_number', 'business.uscc', 'house.unit_no', 'dept.archive_no', 'dept.visit_no', 'dept.person_no', 'dept.certificate_no']);

/** The catalog item for a column of a department file: its header, type and data element. */
function itemFor(spec: FileSpec, col: ColumnSpec): Item {
  const date = col.check === 'date';
  const dataType: DataType = date ? (col.format === 'datetime' ? 'T' : 'D') : col.check === 'number' ? (/金额/.test(col.header) ? 'Y' : /序号|年龄|人数/.test(col.header) ? 'I' : 'N') : 'C';
  const element = ELEMENTS[col.meaning] ?? (date ? (dataType === 'T' ? '日期时间' : '日期') : undefined);
  const isKey = KEYS.has(col.meaning) && !(spec.key === 'scj-enterprise' && col.meaning !== 'business.uscc') && !(spec.key === 'rsj-insurance' && col.meaning === 'business.uscc');
  const length = element === '公民身份号码' || element === '统一社会信用代码' ? 18 : col.meaning === 'house.unit_no' ? 28 : undefined;
  return { name: col.header, dataType, ...(element ? { element } : {}), ...(isKey ? { isKey: true } : {}), ...(length ? { length } : {}) };
}

type FileMeta = Omit<ResourceSeed, 'name' | 'providerCode' | 'items' | 'format' | 'sourceFile'>;
const PRIVACY = '《中华人民共和国个人信息保护法》第二十八条（敏感个人信息）';

const FILE_RESOURCES: Readonly<Record<string, FileMeta>> = {
  'gaj-hukou': {
    category: { class: '1', item: '01', catalog: '001' }, summary: '本县户籍人口的身份、户籍地址、与户主关系及人员状态（正常、死亡、迁出），人口基础库的权威来源。',
    sharing: { type: '无条件共享', method: '接口' }, open: { isOpen: false }, updateCycle: '每日',
  },
  'mz-assistance': {
    category: { class: '2', item: '01', catalog: '001' }, summary: '城乡最低生活保障、特困人员供养和高龄津贴的享受对象、类别、保障人数和月发放金额。',
    sharing: { type: '有条件共享', condition: '仅用于社会救助对象核对、民生政策落实，经民政局审批后按需共享', method: '文件' }, open: { isOpen: false }, updateCycle: '每季度',
  },
  'wjw-health-record': {
    category: { class: '2', item: '02', catalog: '001' }, summary: '基层医疗卫生机构为辖区居民建立的健康档案，含建档机构、责任医生和慢性病标识。',
    sharing: { type: '有条件共享', condition: '仅限卫生健康、医保、民政救助业务使用；须经卫生健康局审批并脱敏敏感病种信息', method: '接口' }, open: { isOpen: false }, updateCycle: '每月',
  },
  'wjw-followup': {
    category: { class: '2', item: '02', catalog: '002' }, summary: '高血压、2型糖尿病患者的季度随访记录，含血压、空腹血糖和服药依从性。',
    sharing: { type: '有条件共享', condition: '仅向医保、民政部门提供随访日期和病种，用于核查虚假随访和救助资格', method: '文件' }, open: { isOpen: false }, updateCycle: '每季度',
  },
  'rsj-insurance': {
    category: { class: '2', item: '01', catalog: '002' }, summary: '企业职工和城乡居民基本养老保险参保人员的险种、参保状态、参保日期和参保单位。',
    sharing: { type: '有条件共享', condition: '用于社保待遇资格认证、救助对象核对，按字段最小必要原则共享', method: '接口' }, open: { isOpen: false }, updateCycle: '每月',
  },
  'scj-enterprise': {
    category: { class: '1', item: '02', catalog: '001' }, summary: '本县登记的企业、个体工商户和农民专业合作社的名称、统一社会信用代码、法定代表人和登记状态，法人库的权威来源。',
    sharing: { type: '无条件共享', method: '接口' }, open: { isOpen: true, condition: '法定代表人证件号码不开放' }, updateCycle: '每日',
  },
  'bdc-property': {
    category: { class: '2', item: '04', catalog: '001' }, summary: '房屋不动产单元号、权证号、坐落、面积、权利人及登记时间。',
    sharing: { type: '有条件共享', condition: '依《不动产登记暂行条例》第二十七条，有关部门因履职需要可依法查询', method: '接口' }, open: { isOpen: false }, updateCycle: '每日',
  },
  'clj-disability': {
    category: { class: '2', item: '01', catalog: '003' }, summary: '持第二代残疾人证人员的残疾类别、等级、发证日期及监护人。',
    sharing: { type: '有条件共享', condition: '用于残疾人两项补贴、救助和就业服务，经残联审批', method: '文件' }, open: { isOpen: false }, updateCycle: '每年',
  },
  'wg-ledger': {
    category: { class: '2', item: '05', catalog: '001' }, summary: '网格员入户采集的居民信息台账，含所属网格、现居住地址和留守老人、留守儿童等特殊人群标识。',
    sharing: { type: '有条件共享', condition: '仅限乡镇（街道）和县级社会治理部门使用', method: '文件' }, open: { isOpen: false }, updateCycle: '每年',
  },
};

const fileResources: ResourceSeed[] = DEPARTMENT_FILES.map((spec) => {
  const meta = FILE_RESOURCES[spec.key]!;
  return { name: spec.title, providerCode: spec.department, format: '电子表格', items: spec.columns.map((c) => itemFor(spec, c)), sourceFile: spec.key, ...meta };
});

const C = (name: string, element?: string, extra: Partial<Item> = {}): Item => ({ name, dataType: 'C', ...(element ? { element } : {}), ...extra });
const D = (name: string, element = '日期'): Item => ({ name, dataType: 'D', element });
const ID = C('公民身份号码', '公民身份号码', { isKey: true, length: 18 });
const NAME = C('姓名', '姓名');

function res(name: string, providerCode: string, category: ResourceSeed['category'], summary: string, items: Item[], sharing: ResourceSeed['sharing'], updateCycle: ResourceSeed['updateCycle'], open: ResourceSeed['open'] = { isOpen: false }, format: ResourceSeed['format'] = '数据库'): ResourceSeed {
  return { name, providerCode, category, summary, format, items, sharing, open, updateCycle };
}

const otherResources: ResourceSeed[] = [
  res('人口死亡注销信息', 'GAJ', { class: '1', item: '01', catalog: '002' }, '因死亡注销户口人员的身份信息、死亡日期和注销日期。', [ID, NAME, D('死亡日期'), D('注销日期'), C('注销派出所')], { type: '无条件共享', method: '接口' }, '每日'),
  res('户口迁移信息', 'GAJ', { class: '3', item: '01', catalog: '001' }, '户口迁入、迁出和县内迁移的登记信息。', [ID, NAME, C('迁移类型'), C('迁出地址', '地址'), C('迁入地址', '地址'), D('迁移日期')], { type: '有条件共享', condition: '用于人口库地址更新和救助对象核对', method: '接口' }, '每日'),
  res('治安重点人员信息', 'GAJ', { class: '3', item: '01', catalog: '002' }, '公安机关掌握的治安重点管控人员信息。', [ID, NAME, C('管控类别'), D('列管日期')], { type: '不予共享', basis: `${PRIVACY}；《中华人民共和国人民警察法》`, method: '数据库' }, '实时'),
  res('婚姻登记信息', 'MZJ', { class: '3', item: '02', catalog: '001' }, '结婚、离婚登记的当事人和登记日期。', [C('男方公民身份号码', '公民身份号码'), C('男方姓名', '姓名'), C('女方公民身份号码', '公民身份号码'), C('女方姓名', '姓名'), C('登记类别'), D('登记日期')], { type: '有条件共享', condition: '用于户籍变更、住房和社保业务核验', method: '接口' }, '每日'),
  res('殡葬火化信息', 'MZJ', { class: '2', item: '01', catalog: '004' }, '殡仪馆火化人员的身份信息和火化日期。', [ID, NAME, D('死亡日期'), D('火化日期'), C('殡仪馆')], { type: '有条件共享', condition: '用于停发养老金、救助金及户口注销核对', method: '文件' }, '每月'),
  res('出生医学证明信息', 'WJW', { class: '2', item: '02', catalog: '003' }, '新生儿出生医学证明的签发信息。', [C('出生医学证明编号', undefined, { isKey: true }), C('新生儿姓名', '姓名'), C('性别', '性别'), D('出生日期', '出生日期'), C('母亲公民身份号码', '公民身份号码'), C('父亲公民身份号码', '公民身份号码')], { type: '有条件共享', condition: '用于出生登记、医保参保和预防接种', method: '接口' }, '每日'),
  res('死亡医学证明信息', 'WJW', { class: '2', item: '02', catalog: '004' }, '医疗机构出具的居民死亡医学证明（推断）书信息。', [ID, NAME, D('死亡日期'), C('死亡地点'), C('根本死因')], { type: '有条件共享', condition: '根本死因不共享；死亡事实用于户口注销、停发待遇', method: '接口' }, '每日'),
  res('传染病报告信息', 'WJW', { class: '3', item: '03', catalog: '001' }, '法定传染病病例报告信息。', [ID, NAME, C('病种'), D('诊断日期'), C('报告单位')], { type: '不予共享', basis: `${PRIVACY}；《中华人民共和国传染病防治法》`, method: '数据库' }, '实时'),
  res('就业登记信息', 'RSJ', { class: '2', item: '01', catalog: '005' }, '劳动者就业、失业登记信息。', [ID, NAME, C('就业状态'), C('用人单位'), C('统一社会信用代码', '统一社会信用代码'), D('登记日期')], { type: '有条件共享', condition: '用于就业援助和救助对象收入核对', method: '接口' }, '每月'),
  res('社会保障卡信息', 'RSJ', { class: '1', item: '05', catalog: '001' }, '社会保障卡（电子证照）的持卡人和卡片状态。', [ID, NAME, C('社会保障卡号', undefined, { isKey: true }), D('发卡日期'), C('卡状态')], { type: '无条件共享', method: '接口' }, '每日'),
  res('行政处罚信息', 'SCJ', { class: '1', item: '04', catalog: '001' }, '市场监管领域行政处罚决定的公示信息。', [C('统一社会信用代码', '统一社会信用代码'), C('当事人名称'), C('处罚决定书文号', undefined, { isKey: true }), C('违法行为类型'), { name: '罚没金额', dataType: 'Y', element: '金额' }, D('处罚决定日期')], { type: '无条件共享', method: '接口' }, '每日', { isOpen: true }),
  res('食品经营许可证信息', 'SCJ', { class: '1', item: '05', catalog: '002' }, '食品经营许可证（电子证照）的持证主体、许可项目和有效期。', [C('许可证编号', undefined, { isKey: true }), C('统一社会信用代码', '统一社会信用代码'), C('经营者名称'), C('经营场所', '地址'), D('有效期至')], { type: '无条件共享', method: '接口' }, '每日', { isOpen: true }),
  res('公共租赁住房保障对象信息', 'ZJJ', { class: '2', item: '04', catalog: '002' }, '公租房申请、配租和退出信息。', [ID, NAME, C('保障方式'), C('配租房屋地址', '地址'), D('配租日期')], { type: '有条件共享', condition: '用于住房保障资格复核', method: '文件' }, '每季度'),
  res('农村危房改造信息', 'ZJJ', { class: '2', item: '04', catalog: '003' }, '农村危房改造对象、改造方式和补助资金。', [ID, C('户主姓名', '姓名'), C('房屋地址', '地址'), C('改造方式'), { name: '补助金额', dataType: 'Y', element: '金额' }, D('竣工日期')], { type: '有条件共享', condition: '用于低收入人口动态监测', method: '文件' }, '每年', { isOpen: false }, '电子表格'),
  res('残疾人两项补贴发放信息', 'CLJ', { class: '2', item: '01', catalog: '006' }, '困难残疾人生活补贴和重度残疾人护理补贴的发放信息。', [ID, NAME, C('补贴类别'), { name: '月补贴金额', dataType: 'Y', element: '金额' }, D('发放年月')], { type: '有条件共享', condition: '用于救助对象核对，经残联审批', method: '文件' }, '每月', { isOpen: false }, '电子表格'),
  res('网格事件处置信息', 'WGZX', { class: '2', item: '05', catalog: '002' }, '网格员上报的矛盾纠纷、安全隐患等事件及处置结果。', [C('事件编号', undefined, { isKey: true }), C('所属网格'), C('事件类型'), C('事件地址', '地址'), { name: '上报时间', dataType: 'T', element: '日期时间' }, C('处置状态')], { type: '有条件共享', condition: '仅限社会治理相关部门', method: '接口' }, '实时'),
  res('未成年人关爱保护对象信息', 'WGZX', { class: '3', item: '05', catalog: '001' }, '留守、困境儿童的关爱保护帮扶信息。', [ID, NAME, C('儿童类别'), C('监护人姓名', '姓名'), C('监护人电话', '联系电话')], { type: '不予共享', basis: `${PRIVACY}；《中华人民共和国未成年人保护法》`, method: '数据库' }, '每月'),
  res('流动人口居住登记信息', 'JHJD', { class: '3', item: '10', catalog: '001' }, '街道辖区流动人口的居住登记和居住证办理信息。', [ID, NAME, C('户籍地址', '地址'), C('现居住地址', '地址'), D('登记日期')], { type: '有条件共享', condition: '用于人口服务管理，经街道办事处审批', method: '文件' }, '每月', { isOpen: false }, '电子表格'),
  res('农村土地承包经营权信息', 'YWZ', { class: '3', item: '11', catalog: '001' }, '承包地块、承包方和合同面积。', [C('承包方代表', '姓名'), C('承包方代表身份证号', '公民身份号码'), C('地块编码', undefined, { isKey: true }), { name: '合同面积（亩）', dataType: 'N', element: '数值' }], { type: '有条件共享', condition: '用于农业补贴发放核对', method: '文件' }, '每年', { isOpen: false }, '电子表格'),
  res('村级集体经济组织成员名册', 'ADCV', { class: '3', item: '12', catalog: '001' }, '村集体经济组织成员身份确认名册。', [ID, NAME, C('所在村民小组'), D('确认日期')], { type: '有条件共享', condition: '用于集体收益分配和农村产权交易核验', method: '文件' }, '每年', { isOpen: false }, '电子表格'),
  res('社区志愿者信息', 'NCSQ', { class: '3', item: '13', catalog: '001' }, '社区志愿服务队伍成员及服务时长。', [NAME, C('联系电话', '联系电话'), C('服务类别'), { name: '累计服务时长（小时）', dataType: 'N', element: '数值' }], { type: '有条件共享', condition: '仅用于志愿服务记录和激励', method: '文件' }, '每季度', { isOpen: false }, '电子表格'),
];

export const demoResources: ResourceSeed[] = [...fileResources, ...otherResources];

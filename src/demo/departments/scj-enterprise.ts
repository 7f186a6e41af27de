import { AS_OF, excelSerial } from '../dates.ts';
import { idNumber, personName } from '../person-format.ts';
import { businessId, personId } from '../world.ts';
import type { FileSpec } from './types.ts';

/**
 * 市场监管 市场主体登记信息: every company, individual business and farmers' cooperative
 * registered in the county, with its legal representative. XLSX as the registration
 * system's export gives it: header on row 1, dates as real Excel dates.
 */
const TYPES = ['个体工商户', '有限责任公司（自然人投资或控股）', '有限责任公司（自然人独资）', '农民专业合作社', '个人独资企业'];

export const scjEnterprise: FileSpec = {
  key: 'scj-enterprise',
  department: 'SCJ',
  departmentName: (w) => `${w.county.name}市场监督管理局`,
  title: '企业和个体工商户登记信息',
  fileName: (w) => `${w.county.name}市场监管局_市场主体登记信息_20240630.xlsx`,
  type: 'xlsx',
  encoding: 'utf-8',
  sheet: '市场主体',
  dateStyle: 'excel',
  addressForm: 'full',
  entity: 'business',
  dirtiness: 0.5,
  coverage: '全部在本县登记的市场主体（含注销、吊销） / all registered market entities, including deregistered ones',
  staleness: '当日；法定代表人信息为登记时所填 / current; representative details as registered',
  columns: [
    { header: '统一社会信用代码', meaning: 'business.uscc', required: true, role: 'uscc', check: 'uscc' },
    { header: '企业名称', meaning: 'business.name', required: true },
    { header: '市场主体类型', meaning: 'business.type', required: true, check: 'enum', values: TYPES },
    { header: '法定代表人', meaning: 'business.legal_rep.name', required: true, role: 'name', check: 'name', format: '法定代表人、负责人或经营者 / representative or operator' },
    { header: '法定代表人证件号码', meaning: 'business.legal_rep.id_number', role: 'id', check: 'id' },
    { header: '注册资本（万元）', meaning: 'business.capital', check: 'number', format: '个体工商户为空 / empty for individual businesses' },
    { header: '成立日期', meaning: 'business.established', required: true, role: 'date', check: 'date', excelDate: true, format: 'excel' },
    { header: '核准日期', meaning: 'dept.approved', check: 'date', excelDate: true, format: 'excel' },
    { header: '登记状态', meaning: 'business.status', required: true, check: 'enum', values: ['存续', '在业', '注销', '吊销'] },
    { header: '住所', meaning: 'business.address', required: true },
    { header: '经营范围', meaning: 'business.scope' },
    { header: '登记机关', meaning: 'dept.authority' },
    { header: '联系电话', meaning: 'business.phone', role: 'phone' },
  ],
  *rows(ctx) {
    const w = ctx.world;
    const authority = `${w.county.name}市场监督管理局`;
    for (let b = 0; b < w.businesses.length; b++) {
      const biz = w.businesses[b]!;
      const approved = biz.established + ctx.rng.int(Math.max(1, AS_OF - biz.established));
      yield {
        entity: businessId(b),
        person: personId(biz.legalRep),
        cells: [
          biz.uscc, biz.name, biz.type, personName(w, biz.legalRep), idNumber(w, biz.legalRep), biz.capital > 0 ? biz.capital : '',
          excelSerial(biz.established), excelSerial(approved), biz.status, biz.address, biz.scope, authority, biz.phone,
        ],
      };
    }
  },
};

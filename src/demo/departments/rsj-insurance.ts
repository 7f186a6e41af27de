import { AS_OF, ageOn, dayOf, formatDay, ymdOf } from '../dates.ts';
import { formatAddress } from '../housing.ts';
import { idNumber, personName, phoneText } from '../person-format.ts';
import { personId } from '../world.ts';
import { personCoin, residentView, scrambled7 } from './common.ts';
import type { FileSpec } from './types.ts';

/**
 * 人社 社会保险参保信息: pension-insurance enrolment of everyone 16 and over who is insured
 * (about 92%): employees of local companies in 企业职工基本养老保险 with their employer's
 * name and credit code, everyone else in 城乡居民基本养老保险. UTF-8 CSV; dates as 1990/3/7;
 * sex as the GB/T 2261.1 code. Listed in person order (by 个人编号), not by village.
 * Known staleness: pensions still 待遇领取 for people who died.
 */
const INSURANCE = ['企业职工基本养老保险', '城乡居民基本养老保险'] as const;
const STATUS = ['参保缴费', '暂停缴费', '待遇领取', '终止参保'] as const;

export const rsjInsurance: FileSpec = {
  key: 'rsj-insurance',
  department: 'RSJ',
  departmentName: (w) => `${w.county.name}人力资源和社会保障局`,
  title: '养老保险参保人员信息',
  fileName: (w) => `${w.county.name}人社局_养老保险参保信息_20240430.csv`,
  type: 'csv',
  encoding: 'utf-8',
  dateStyle: 'slash',
  addressForm: 'county',
  entity: 'person',
  dirtiness: 0.6,
  coverage: '16 岁及以上参保居民约 92%（在校学生少）；按个人编号排列 / ~92% of residents aged 16+, by personal number',
  staleness: '死亡后未终止参保、待遇仍在发放；迁出后仍在册 / deaths not terminated, departures not transferred',
  columns: [
    { header: '个人编号', meaning: 'dept.person_no', required: true },
    { header: '姓名', meaning: 'person.name', required: true, role: 'name', check: 'name' },
    { header: '公民身份号码', meaning: 'person.id_number', required: true, role: 'id', check: 'id' },
    { header: '性别', meaning: 'person.sex', required: true, check: 'enum', values: ['1', '2'], format: 'GB/T 2261.1：1 男 2 女' },
    { header: '出生日期', meaning: 'person.birth_date', required: true, check: 'date', format: 'slash' },
    { header: '险种类型', meaning: 'dept.insurance', required: true, check: 'enum', values: INSURANCE },
    { header: '参保状态', meaning: 'dept.status', required: true, check: 'enum', values: STATUS },
    { header: '参保日期', meaning: 'dept.enrolled', check: 'date', format: 'slash' },
    { header: '单位名称', meaning: 'business.name', format: '职工参保者的工作单位 / employer of employees' },
    { header: '单位统一社会信用代码', meaning: 'business.uscc', role: 'uscc', check: 'uscc' },
    { header: '联系电话', meaning: 'person.phone', role: 'phone' },
    { header: '通讯地址', meaning: 'person.address', role: 'address', format: '县乡村及门牌 / from the county down' },
  ],
  *rows(ctx) {
    const w = ctx.world;
    const p = w.persons;
    const insured = personCoin(ctx.seed, 'rsj-insured');
    const resident = dayOf(2011, 7, 1);
    for (let i = 0; i < p.count; i++) {
      const age = ageOn(p.birth[i] as number, p.death[i] !== 0 ? (p.death[i] as number) : AS_OF);
      if (age < 16 || insured(i) >= (age < 23 ? 0.5 : 0.95)) continue;
      const view = residentView(ctx, i, (parts) => formatAddress(parts, 'county'));
      if (!view) continue;
      const marks: string[] = [];
      const truth = new Map<number, string>();
      const employer = p.employer[i] as number;
      const b = employer >= 0 ? w.businesses[employer] : undefined;
      let status: (typeof STATUS)[number] = b ? '参保缴费' : age >= 60 ? '待遇领取' : ctx.rng.chance(0.85) ? '参保缴费' : '暂停缴费';
      if (view.stale === 'stale_dead') {
        marks.push('stale_dead@参保状态');
        truth.set(6, '终止参保');
      }
      if (view.stale === 'stale_moved') {
        marks.push('stale_moved@通讯地址');
        truth.set(11, view.trueAddress ?? '');
        if (p.movedOut[i] === 1) {
          truth.set(6, '终止参保');
          if (status === '参保缴费') status = '暂停缴费';
        }
      }
      const sixteen = dayOf(Math.floor(ymdOf(p.birth[i] as number) / 10000) + 18, 1, 1);
      const from = b ? Math.max(b.established, sixteen) : Math.max(resident, sixteen);
      const enrolled = from + ctx.rng.int(Math.max(1, AS_OF - 60 - from));
      yield {
        entity: personId(i),
        cells: [
          `${w.county.province.code}${scrambled7(ctx.seed, 'rsj-no', i)}${String(i % 10)}`, personName(w, i), idNumber(w, i), String(p.sex[i]),
          formatDay(p.birth[i] as number, 'slash'), INSURANCE[b ? 0 : 1] as string, status, formatDay(enrolled, 'slash'),
          b?.name ?? '', b?.uscc ?? '', phoneText(w, i), formatAddress(view.address, 'county'),
        ],
        address: view.address,
        marks,
        truth,
      };
    }
  },
};

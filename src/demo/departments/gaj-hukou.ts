import { formatDay } from '../dates.ts';
import { addressParts, formatAddress } from '../housing.ts';
import { ethnicityName, idNumber, personName, phoneText, sexText } from '../person-format.ts';
import { householdNo, personId, RELATIONS } from '../world.ts';
import { townshipShort } from './common.ts';
import type { FileSpec, RowInput } from './types.ts';

/**
 * 公安户籍: the household register, the most authoritative source for identity. Everyone
 * ever registered in the county is here, household by household; the dead and those who
 * moved away stay with status 死亡 / 迁出. GBK CSV with CRLF, as the legacy 人口信息管理系统
 * exports it; dates as 19900307.
 */
const STATUS = ['正常', '死亡', '迁出'] as const;

export const gajHukou: FileSpec = {
  key: 'gaj-hukou',
  department: 'GAJ',
  departmentName: (w) => `${w.county.name}公安局`,
  title: '户籍人口基本信息',
  fileName: (w) => `${w.county.name}公安局_户籍人口信息_20240630.csv`,
  type: 'csv',
  encoding: 'gbk',
  lineEnding: '\r\n',
  dateStyle: 'compact',
  addressForm: 'full',
  entity: 'person',
  dirtiness: 0.15,
  coverage: '全部曾在本县登记户口的人员（含已死亡、已迁出），按户排列 / everyone ever registered, by household, including the dead and the moved-out',
  staleness: '当日更新；极少数死亡未注销、县内迁居未变更地址 / current; a few deaths not cancelled and moves not recorded',
  columns: [
    { header: '户号', meaning: 'person.household_no', required: true },
    { header: '姓名', meaning: 'person.name', required: true, role: 'name', check: 'name' },
    { header: '性别', meaning: 'person.sex', required: true, check: 'enum', values: ['男', '女'], format: '男/女' },
    { header: '民族', meaning: 'person.ethnicity', required: true, format: '民族全称，如 汉族' },
    { header: '出生日期', meaning: 'person.birth_date', required: true, check: 'date', format: 'compact' },
    { header: '公民身份号码', meaning: 'person.id_number', required: true, role: 'id', check: 'id' },
    { header: '与户主关系', meaning: 'person.relation', required: true, check: 'enum', values: RELATIONS },
    { header: '户籍地址', meaning: 'person.address', required: true, role: 'address', format: '省市县乡村全称 / full address' },
    { header: '人员状态', meaning: 'person.status', required: true, check: 'enum', values: STATUS, format: '正常/死亡/迁出' },
    { header: '变动日期', meaning: 'person.status_date', check: 'date', format: 'compact；死亡、迁出或县内迁居的日期 / date of death, move-out or move' },
    { header: '联系电话', meaning: 'person.phone', role: 'phone' },
    { header: '所属派出所', meaning: 'dept.police_station' },
    { header: '户别', meaning: 'dept.household_type', format: '家庭户/集体户' },
  ],
  *rows(ctx) {
    const w = ctx.world;
    const p = w.persons;
    const stations = w.county.townships.map((t) => `${townshipShort(t.name)}派出所`);
    for (let h = 0; h < w.households.count; h++) {
      const start = w.households.start[h] as number;
      const end = start + (w.households.size[h] as number);
      for (let i = start; i < end; i++) {
        const dead = p.death[i] !== 0;
        const movedOut = p.movedOut[i] === 1 && !dead;
        const house = (p.house[i] as number) >= 0 ? (p.house[i] as number) : (p.prevHouse[i] as number);
        let parts = addressParts(w, house);
        let status: (typeof STATUS)[number] = dead ? '死亡' : movedOut ? '迁出' : '正常';
        let changed = dead ? (p.death[i] as number) : (p.moveDay[i] as number);
        const marks: string[] = [];
        const truth = new Map<number, string>();
        if (dead && ctx.decide('stale_dead')) {
          // The death was never reported to the police station: still 正常, no change date.
          truth.set(8, status);
          truth.set(9, formatDay(changed, 'compact'));
          status = '正常';
          changed = 0;
          marks.push('stale_dead@人员状态');
        } else if (!dead && !movedOut && (p.prevHouse[i] as number) >= 0 && ctx.decide('stale_moved')) {
          truth.set(7, formatAddress(parts, 'full'));
          truth.set(9, formatDay(changed, 'compact'));
          parts = addressParts(w, p.prevHouse[i] as number);
          changed = 0;
          marks.push('stale_moved@户籍地址');
        }
        const village = w.county.villages[w.houses.village[house] as number]!;
        const row: RowInput = {
          entity: personId(i),
          cells: [
            householdNo(h), personName(w, i), sexText(w, i), ethnicityName(w, i), formatDay(p.birth[i] as number, 'compact'),
            idNumber(w, i), RELATIONS[p.relation[i] as number] as string, formatAddress(parts, 'full'), status,
            changed !== 0 ? formatDay(changed, 'compact') : '', phoneText(w, i),
            stations[village.townshipIndex] as string, '家庭户',
          ],
          address: parts,
          marks,
          truth,
        };
        yield row;
      }
    }
  },
};

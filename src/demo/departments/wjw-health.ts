import { AS_OF, dayOf, formatDay } from '../dates.ts';
import { formatAddress } from '../housing.ts';
import { ethnicityCode, idNumber, personName, phoneText, sexText } from '../person-format.ts';
import { DIABETES, HYPERTENSION, personId, type World } from '../world.ts';
import { householdsByVillage, personCoin, residentView, scrambled7, staffName } from './common.ts';
import type { FileSpec } from './types.ts';

/**
 * 卫健 居民健康档案: the primary-care health record every township health centre keeps,
 * one row per resident with a record (about 88%), with chronic-disease flags. UTF-8 CSV
 * with BOM (the export Excel opens correctly); dates as 1990-03-07; ethnicity as the
 * GB/T 3304 code.
 */
/** 12-digit code of the village whose health centre keeps the person's record. */
export function archiveVillage(w: World, i: number): string {
  const house = (w.persons.house[i] as number) >= 0 ? (w.persons.house[i] as number) : (w.persons.prevHouse[i] as number);
  return w.county.villages[w.houses.village[house] as number]!.code;
}

export const hasHealthRecord = (seed: string) => personCoin(seed, 'wjw-record');

export function diseaseText(flags: number): string {
  return [flags & HYPERTENSION ? '高血压' : '', flags & DIABETES ? '2型糖尿病' : ''].filter(Boolean).join(';');
}

export const wjwHealthRecord: FileSpec = {
  key: 'wjw-health-record',
  department: 'WJW',
  departmentName: (w) => `${w.county.name}卫生健康局`,
  title: '居民健康档案',
  fileName: (w) => `${w.county.name}卫健局_居民健康档案_202405.csv`,
  type: 'csv',
  encoding: 'utf-8-bom',
  lineEnding: '\r\n',
  dateStyle: 'iso',
  addressForm: 'county',
  entity: 'person',
  dirtiness: 0.8,
  coverage: '建档居民约 88%，按村（社区）排列 / about 88% of residents, by village',
  staleness: '死亡、迁出后档案未及时结案 / records of people who died or left are not always closed',
  columns: [
    { header: '档案编号', meaning: 'dept.archive_no', required: true, format: '12 位村级区划代码 + 7 位顺序号 / village code + 7 digits' },
    { header: '姓名', meaning: 'person.name', required: true, role: 'name', check: 'name' },
    { header: '性别', meaning: 'person.sex', required: true, check: 'enum', values: ['男', '女'], format: '男/女' },
    { header: '出生日期', meaning: 'person.birth_date', required: true, check: 'date', format: 'iso' },
    { header: '身份证号', meaning: 'person.id_number', required: true, role: 'id', check: 'id' },
    { header: '民族', meaning: 'person.ethnicity', format: 'GB/T 3304 代码，如 01 / code, e.g. 01' },
    { header: '本人电话', meaning: 'person.phone', role: 'phone' },
    { header: '现住址', meaning: 'person.address', role: 'address', format: '县乡村及门牌 / from the county down' },
    { header: '建档日期', meaning: 'dept.created', required: true, check: 'date', format: 'iso' },
    { header: '建档机构', meaning: 'dept.clinic' },
    { header: '责任医生', meaning: 'dept.doctor' },
    { header: '慢病标识', meaning: 'person.chronic', format: '高血压;2型糖尿病，可空 / may be empty' },
  ],
  *rows(ctx) {
    const w = ctx.world;
    const p = w.persons;
    const covered = hasHealthRecord(ctx.seed);
    const doctors = w.county.villages.map(() => staffName(ctx.rng));
    const firstRecord = dayOf(2010, 1, 1);
    for (const h of householdsByVillage(w)) {
      const start = w.households.start[h] as number;
      const end = start + (w.households.size[h] as number);
      for (let i = start; i < end; i++) {
        if (covered(i) >= 0.88) continue;
        const view = residentView(ctx, i, (parts) => formatAddress(parts, 'county'));
        if (!view) continue;
        const a = view.address;
        const marks: string[] = [];
        const truth = new Map<number, string>();
        if (view.stale === 'stale_dead') marks.push('stale_dead');
        if (view.stale === 'stale_moved') {
          marks.push('stale_moved@现住址');
          truth.set(7, view.trueAddress ?? '');
        }
        const vi = a.villageIndex;
        const township = w.county.townships[w.county.villages[vi]!.townshipIndex]!;
        const created = Math.max(p.birth[i] as number, firstRecord) + ctx.rng.int(Math.max(1, AS_OF - Math.max(p.birth[i] as number, firstRecord)));
        yield {
          entity: personId(i),
          cells: [
            `${archiveVillage(w, i)}${scrambled7(ctx.seed, 'wjw-archive', i)}`, personName(w, i), sexText(w, i), formatDay(p.birth[i] as number, 'iso'),
            idNumber(w, i), ethnicityCode(w, i), phoneText(w, i), formatAddress(a, 'county'), formatDay(created, 'iso'),
            `${township.name}${township.kind === 'street' ? '社区卫生服务中心' : '卫生院'}`, doctors[vi] ?? '', diseaseText(p.health[i] as number),
          ],
          address: a,
          marks,
          truth,
        };
      }
    }
  },
};

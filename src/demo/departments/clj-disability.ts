import { dayOf, formatDay } from '../dates.ts';
import { formatAddress } from '../housing.ts';
import { ageNow, ethnicityName, idNumber, personName, phoneText, sexText } from '../person-format.ts';
import { DISABILITY_CATEGORIES, DISABILITY_LEVELS, personId } from '../world.ts';
import { householdsByVillage, personCoin, residentView } from './common.ts';
import type { FileSpec } from './types.ts';

/**
 * 残联 残疾人证信息: holders of the second-generation disability certificate (证号 = the
 * 18-character ID number + category digit + level digit). XLSX with a merged title row,
 * dates typed as text 1990.03.07. Guardians are listed for minors and for intellectual or
 * mental disability.
 */
export const cljDisability: FileSpec = {
  key: 'clj-disability',
  department: 'CLJ',
  departmentName: (w) => `${w.county.name}残疾人联合会`,
  title: '持证残疾人基本信息',
  fileName: (w) => `${w.county.name}残联_持证残疾人名册_2023年底.xlsx`,
  type: 'xlsx',
  encoding: 'utf-8',
  sheet: '持证残疾人',
  sheetTitle: (w) => `${w.county.name}持证残疾人基本信息（截至2023年12月31日）`,
  dateStyle: 'dot',
  addressForm: 'county',
  entity: 'person',
  dirtiness: 1,
  coverage: '约 80% 的残疾人已办证；按村（社区）排列 / ~80% of disabled residents hold a certificate, by village',
  staleness: '年度核查；死亡、迁出未及时注销 / yearly review; deaths and departures lag',
  columns: [
    { header: '序号', meaning: 'dept.serial', serial: true, check: 'number' },
    { header: '姓名', meaning: 'person.name', required: true, role: 'name', check: 'name' },
    { header: '性别', meaning: 'person.sex', check: 'enum', values: ['男', '女'], format: '男/女' },
    { header: '民族', meaning: 'person.ethnicity', format: '民族全称 / full name' },
    { header: '出生日期', meaning: 'person.birth_date', check: 'date', format: 'dot' },
    { header: '身份证号', meaning: 'person.id_number', required: true, role: 'id', check: 'id' },
    { header: '残疾人证号', meaning: 'dept.certificate_no', required: true, format: '身份证号 + 类别 1 位 + 等级 1 位 / ID + category + level' },
    { header: '残疾类别', meaning: 'person.disability_category', required: true, check: 'enum', values: DISABILITY_CATEGORIES },
    { header: '残疾等级', meaning: 'person.disability_level', required: true, check: 'enum', values: DISABILITY_LEVELS },
    { header: '发证日期', meaning: 'dept.issued', check: 'date', format: 'dot' },
    { header: '联系电话', meaning: 'person.phone', role: 'phone' },
    { header: '户籍地址', meaning: 'person.address', role: 'address', format: '县乡村及门牌 / from the county down' },
    { header: '监护人', meaning: 'dept.guardian' },
    { header: '监护人电话', meaning: 'dept.guardian_phone' },
  ],
  *rows(ctx) {
    const w = ctx.world;
    const p = w.persons;
    const certified = personCoin(ctx.seed, 'clj-certified');
    const secondGeneration = dayOf(2012, 1, 1);
    for (const h of householdsByVillage(w)) {
      const start = w.households.start[h] as number;
      const end = start + (w.households.size[h] as number);
      for (let i = start; i < end; i++) {
        const dis = p.disability[i] as number;
        if (dis === 0 || certified(i) >= 0.8) continue;
        const view = residentView(ctx, i, (parts) => formatAddress(parts, 'county'));
        if (!view) continue;
        const marks: string[] = [];
        const truth = new Map<number, string>();
        if (view.stale === 'stale_dead') marks.push('stale_dead');
        if (view.stale === 'stale_moved') {
          marks.push('stale_moved@户籍地址');
          truth.set(11, view.trueAddress ?? '');
        }
        const category = Math.floor(dis / 10);
        const level = dis % 10;
        const id = idNumber(w, i);
        let guardian = -1;
        const needsGuardian = ageNow(p, i) < 18 || category === 5 || category === 6;
        if (needsGuardian) {
          for (let j = start; j < end; j++) if (j !== i && p.death[j] === 0 && ageNow(p, j) >= 20) { guardian = j; break; }
        }
        const issued = Math.max(secondGeneration, p.birth[i] as number) + ctx.rng.int(Math.max(1, dayOf(2023, 12, 1) - Math.max(secondGeneration, p.birth[i] as number)));
        yield {
          entity: personId(i),
          cells: [
            0, personName(w, i), sexText(w, i), ethnicityName(w, i), formatDay(p.birth[i] as number, 'dot'), id, `${id}${category}${level}`,
            DISABILITY_CATEGORIES[category - 1] as string, DISABILITY_LEVELS[level - 1] as string, formatDay(issued, 'dot'),
            phoneText(w, i), formatAddress(view.address, 'county'), guardian >= 0 ? personName(w, guardian) : '', guardian >= 0 ? phoneText(w, guardian) : '',
          ],
          address: view.address,
          marks,
          truth,
        };
      }
    }
  },
};

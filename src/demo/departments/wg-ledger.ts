import { excelSerial } from '../dates.ts';
import { formatAddress } from '../housing.ts';
import { ageNow, ethnicityName, idNumber, personName, phoneText, sexText } from '../person-format.ts';
import { personId, REL, RELATIONS, type World } from '../world.ts';
import { householdsByVillage, personCoin, residentView, staffName } from './common.ts';
import type { FileSpec } from './types.ts';

/**
 * 社区网格台账: the residents' ledger grid workers type by hand, village by village, into
 * one workbook — the dirtiest source: incomplete in some villages, ethnicity written short
 * (汉), IDs typed into number cells, dates sometimes text, people who died or moved still
 * listed. XLSX with a merged title row; birth dates as real Excel dates.
 */
export const wgLedger: FileSpec = {
  key: 'wg-ledger',
  department: 'WGZX',
  departmentName: (w) => `${w.county.name}网格化服务管理中心`,
  title: '网格居民信息台账',
  fileName: (w) => `${w.county.name}网格居民台账_2023年汇总.xlsx`,
  type: 'xlsx',
  encoding: 'utf-8',
  sheet: '居民台账',
  sheetTitle: (w) => `${w.county.name}网格居民信息台账（2023年汇总）`,
  dateStyle: 'excel',
  addressForm: 'county',
  entity: 'person',
  dirtiness: 2.5,
  coverage: '在住居民，各村完整度 55%–98% 不等；按村（社区）、网格排列 / residents living there, 55–98% complete depending on the village',
  staleness: '一年一汇总，死亡、迁居大量未更新 / compiled yearly, many deaths and moves not updated',
  columns: [
    { header: '序号', meaning: 'dept.serial', serial: true, check: 'number' },
    { header: '所属网格', meaning: 'dept.grid', required: true },
    { header: '网格员', meaning: 'dept.grid_worker' },
    { header: '姓名', meaning: 'person.name', required: true, role: 'name', check: 'name' },
    { header: '性别', meaning: 'person.sex', check: 'enum', values: ['男', '女'], format: '男/女' },
    { header: '民族', meaning: 'person.ethnicity', format: '简称，如 汉、回 / short form' },
    { header: '身份证号', meaning: 'person.id_number', role: 'id', check: 'id' },
    { header: '出生日期', meaning: 'person.birth_date', role: 'date', check: 'date', excelDate: true, format: 'excel' },
    { header: '与户主关系', meaning: 'person.relation', check: 'enum', values: RELATIONS },
    { header: '联系电话', meaning: 'person.phone', role: 'phone' },
    { header: '现居住地址', meaning: 'person.address', role: 'address', format: '县乡村及门牌 / from the county down' },
    { header: '人员类别', meaning: 'dept.resident_type', format: '户籍人口' },
    { header: '特殊人群', meaning: 'dept.special_groups', format: '独居老人、留守老人、留守儿童、残疾人、低保对象，可空 / may be empty' },
    { header: '备注', meaning: 'dept.remark' },
  ],
  *rows(ctx) {
    const w = ctx.world;
    const p = w.persons;
    const coin = personCoin(ctx.seed, 'wg-listed');
    const completeness = w.county.villages.map(() => 0.55 + ctx.rng.next() * 0.43);
    const workers = new Map<string, string>();
    const seenInVillage = new Int32Array(w.county.villages.length);
    for (const h of householdsByVillage(w)) {
      const start = w.households.start[h] as number;
      const end = start + (w.households.size[h] as number);
      for (let i = start; i < end; i++) {
        const home = (p.house[i] as number) >= 0 ? (p.house[i] as number) : (p.prevHouse[i] as number);
        if (coin(i) >= (completeness[w.houses.village[home] as number] as number)) continue;
        const view = residentView(ctx, i, (parts) => formatAddress(parts, 'county'));
        if (!view) continue;
        const vi = view.address.villageIndex;
        const grid = `${view.address.village}第${Math.floor((seenInVillage[vi]!++) / 300) + 1}网格`;
        let worker = workers.get(grid);
        if (worker === undefined) {
          worker = staffName(ctx.rng);
          workers.set(grid, worker);
        }
        const marks: string[] = [];
        const truth = new Map<number, string>();
        if (view.stale === 'stale_dead') marks.push('stale_dead');
        if (view.stale === 'stale_moved') {
          marks.push('stale_moved@现居住地址');
          truth.set(10, view.trueAddress ?? '');
        }
        yield {
          entity: personId(i),
          cells: [
            0, grid, worker, personName(w, i), sexText(w, i), ethnicityName(w, i).replace(/族$/, ''), idNumber(w, i),
            excelSerial(p.birth[i] as number), RELATIONS[p.relation[i] as number] as string, phoneText(w, i),
            formatAddress(view.address, 'county'), '户籍人口', specialGroups(w, i, start, end), ctx.rng.chance(0.02) ? ctx.rng.pick(['外出务工', '常年在外', '已入户核实', '']) : '',
          ],
          address: view.address,
          marks,
          truth,
        };
      }
    }
  },
};

function specialGroups(w: World, i: number, start: number, end: number): string {
  const p = w.persons;
  const age = ageNow(p, i);
  const tags: string[] = [];
  let workingAge = 0;
  let parents = 0;
  for (let j = start; j < end; j++) {
    if (p.death[j] !== 0) continue;
    const a = ageNow(p, j);
    if (a >= 18 && a < 60) workingAge++;
    if (p.relation[j] === REL.子 || p.relation[j] === REL.儿媳) parents++;
  }
  if (age >= 65 && end - start === 1) tags.push('独居老人');
  else if (age >= 60 && workingAge === 0) tags.push('留守老人');
  if (age < 16 && (p.relation[i] === REL.孙子 || p.relation[i] === REL.孙女) && parents === 0) tags.push('留守儿童');
  if (p.disability[i] !== 0) tags.push('残疾人');
  if (w.households.assistance[p.household[i] as number] === 1) tags.push('低保对象');
  return tags.join('、');
}

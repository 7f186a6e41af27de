import { dayOf, formatDay } from '../dates.ts';
import { idNumber, personName } from '../person-format.ts';
import { DIABETES, HYPERTENSION, personId } from '../world.ts';
import { householdsByVillage, scrambled7, staffName } from './common.ts';
import { archiveVillage, hasHealthRecord } from './wjw-health.ts';
import type { FileSpec, RowInput } from './types.ts';

/**
 * 卫健 慢性病随访记录: quarterly follow-ups of hypertension and type-2 diabetes patients in
 * the first half of 2024, one row per patient, disease and visit. A person may therefore
 * appear several times (not noise). Plain UTF-8 CSV; dates as 2024-03-15.
 * Known staleness: "ghost" follow-ups recorded after a patient died or left the county.
 */
const VISITS = [
  [dayOf(2024, 1, 2), dayOf(2024, 3, 31)],
  [dayOf(2024, 4, 1), dayOf(2024, 6, 29)],
] as const;
const DISEASES = [[HYPERTENSION, '高血压'], [DIABETES, '2型糖尿病']] as const;

export const wjwFollowup: FileSpec = {
  key: 'wjw-followup',
  department: 'WJW',
  departmentName: (w) => `${w.county.name}卫生健康局`,
  title: '慢性病患者随访记录',
  fileName: (w) => `${w.county.name}卫健局_慢病随访记录_2024H1.csv`,
  type: 'csv',
  encoding: 'utf-8',
  dateStyle: 'iso',
  addressForm: 'county',
  entity: 'person',
  dirtiness: 0.8,
  coverage: '有健康档案的高血压、2型糖尿病患者，2024 年上半年每季度一次随访（约 10% 失访） / patients with a record, one visit a quarter, ~10% missed',
  staleness: '死亡或迁出后仍有随访记录（虚假随访） / follow-ups recorded after death or departure',
  columns: [
    { header: '随访编号', meaning: 'dept.visit_no', required: true },
    { header: '档案编号', meaning: 'dept.archive_no', required: true },
    { header: '姓名', meaning: 'person.name', required: true, role: 'name', check: 'name' },
    { header: '身份证号', meaning: 'person.id_number', required: true, role: 'id', check: 'id' },
    { header: '疾病类型', meaning: 'dept.disease', required: true, check: 'enum', values: ['高血压', '2型糖尿病'] },
    { header: '随访日期', meaning: 'dept.visit_date', required: true, check: 'date', format: 'iso' },
    { header: '随访方式', meaning: 'dept.visit_mode', format: '门诊/家庭/电话' },
    { header: '收缩压（mmHg）', meaning: 'dept.systolic', check: 'number' },
    { header: '舒张压（mmHg）', meaning: 'dept.diastolic', check: 'number' },
    { header: '空腹血糖（mmol/L）', meaning: 'dept.glucose', check: 'number' },
    { header: '服药依从性', meaning: 'dept.adherence', format: '规律/间断/不服药' },
    { header: '随访医生', meaning: 'dept.doctor' },
  ],
  *rows(ctx) {
    const w = ctx.world;
    const p = w.persons;
    const rng = ctx.rng;
    const covered = hasHealthRecord(ctx.seed);
    const doctors = w.county.villages.map(() => staffName(rng));
    let visitNo = 0;
    for (const h of householdsByVillage(w)) {
      const start = w.households.start[h] as number;
      const end = start + (w.households.size[h] as number);
      for (let i = start; i < end; i++) {
        const flags = p.health[i] as number;
        if (flags === 0 || covered(i) >= 0.88) continue;
        // Visits after death or departure are ghosts; whether a patient has them is one decision.
        const died = p.death[i] as number;
        const left = p.movedOut[i] === 1 ? (p.moveDay[i] as number) : 0;
        const gone = died !== 0 ? died : left;
        const goneKind = died !== 0 ? 'stale_dead' : 'stale_moved';
        let ghosts: boolean | undefined;
        const archive = `${archiveVillage(w, i)}${scrambled7(ctx.seed, 'wjw-archive', i)}`;
        const village = w.houses.village[(p.house[i] as number) >= 0 ? (p.house[i] as number) : (p.prevHouse[i] as number)] as number;
        for (const [lo, hi] of VISITS) {
          const day = lo + rng.int(hi - lo);
          const missed = rng.chance(0.1);
          if (missed) continue;
          const ghost = gone !== 0 && day >= gone;
          if (ghost) {
            ghosts ??= ctx.decide(goneKind);
            if (!ghosts) continue;
          }
          for (const [flag, disease] of DISEASES) {
            if ((flags & flag) === 0) continue;
            visitNo++;
            const sys = flag === HYPERTENSION ? 125 + rng.int(40) : 115 + rng.int(30);
            const row: RowInput = {
              entity: personId(i),
              cells: [
                `SF${String(visitNo).padStart(8, '0')}`, archive, personName(w, i), idNumber(w, i), disease, formatDay(day, 'iso'),
                rng.pick(['门诊', '门诊', '家庭', '电话']), sys, Math.round(sys * 0.6) + rng.int(12),
                flag === DIABETES ? (5.5 + rng.int(60) / 10).toFixed(1) : '', rng.pick(['规律', '规律', '规律', '间断', '不服药']),
                doctors[village] ?? '',
              ],
              marks: ghost ? [goneKind] : [],
            };
            yield row;
          }
        }
      }
    }
  },
};

import { AS_OF, dayOf, formatDay, ymdOf } from '../dates.ts';
import { formatAddress } from '../housing.ts';
import { ageNow, idNumber, personName, phoneText, sexText } from '../person-format.ts';
import { personId } from '../world.ts';
import { householdsByVillage, personCoin, residentView } from './common.ts';
import type { FileSpec, RowContext, RowInput } from './types.ts';

/**
 * 民政: recipients of 城乡低保 (minimum living allowance, one row per household head),
 * 特困供养 (destitute support) and 高龄津贴 (old-age allowance, everyone 80 and over).
 * An XLSX 花名册 with a merged title row, grouped by township and village; dates as
 * 2019年3月1日. Known staleness: allowances keep being listed for people who died.
 */
const KINDS = ['城乡低保', '特困供养', '高龄津贴'] as const;

export const mzAssistance: FileSpec = {
  key: 'mz-assistance',
  department: 'MZJ',
  departmentName: (w) => `${w.county.name}民政局`,
  title: '最低生活保障、特困供养及高龄津贴对象名单',
  fileName: (w) => `${w.county.name}民政局_救助对象花名册_2024Q2.xlsx`,
  type: 'xlsx',
  encoding: 'utf-8',
  sheet: '花名册',
  sheetTitle: (w) => `${w.county.name}2024年第二季度城乡低保、特困供养、高龄津贴对象花名册`,
  dateStyle: 'cjk',
  addressForm: 'county',
  entity: 'person',
  dirtiness: 1,
  coverage: '低保户户主、特困供养人员、80 岁以上老人（95%） / heads of 低保 households, destitute persons, 95% of people aged 80+',
  staleness: '按季度更新；近三年死亡者和迁出者部分未清退 / quarterly; some who died in the last three years or left are still listed',
  columns: [
    { header: '序号', meaning: 'dept.serial', serial: true, check: 'number' },
    { header: '乡镇（街道）', meaning: 'person.township', required: true },
    { header: '村（社区）', meaning: 'person.village', required: true },
    { header: '姓名', meaning: 'person.name', required: true, role: 'name', check: 'name' },
    { header: '身份证号码', meaning: 'person.id_number', required: true, role: 'id', check: 'id' },
    { header: '性别', meaning: 'person.sex', check: 'enum', values: ['男', '女'], format: '男/女' },
    { header: '年龄', meaning: 'person.age', check: 'number', format: '截至 2024-06-30 的周岁 / age on 2024-06-30' },
    { header: '救助类别', meaning: 'dept.assistance_type', required: true, check: 'enum', values: KINDS },
    { header: '保障人数', meaning: 'dept.covered_persons', check: 'number' },
    { header: '月发放金额（元）', meaning: 'dept.monthly_amount', required: true, check: 'number' },
    { header: '享受起始日期', meaning: 'dept.start_date', required: true, check: 'date', format: 'cjk' },
    { header: '联系电话', meaning: 'person.phone', role: 'phone' },
    { header: '家庭住址', meaning: 'person.address', role: 'address', format: '县乡村及门牌 / from the county down' },
    { header: '备注', meaning: 'dept.remark' },
  ],
  *rows(ctx) {
    const w = ctx.world;
    const p = w.persons;
    const covered80 = personCoin(ctx.seed, 'mz-old-age');
    const recent = AS_OF - 3 * 365;
    for (const h of householdsByVillage(w)) {
      const start = w.households.start[h] as number;
      const end = start + (w.households.size[h] as number);
      const assistance = w.households.assistance[h] as number;
      if (assistance > 0) {
        let living = 0;
        for (let i = start; i < end; i++) if (p.death[i] === 0 && p.movedOut[i] === 0) living++;
        const amount = assistance === 1 ? Math.max(1, living) * ctx.rng.pick([420, 460, 520, 680]) : ctx.rng.pick([850, 920, 1100]);
        const since = dayOf(assistance === 1 ? 2016 : 2012, 1, 1) + ctx.rng.int(dayOf(2024, 3, 1) - dayOf(2016, 1, 1));
        const row = personRow(ctx, start, assistance === 1 ? 0 : 1, Math.max(1, living), amount, since, recent);
        if (row) yield row;
      }
      for (let i = start; i < end; i++) {
        const age = ageNow(p, i);
        if (age < 80 || covered80(i) >= 0.95) continue;
        const ymd = ymdOf(p.birth[i] as number);
        const eighty = dayOf(Math.floor(ymd / 10000) + 80, Math.floor(ymd / 100) % 100, 1);
        const amount = age >= 100 ? 300 : age >= 90 ? 200 : 100;
        const row = personRow(ctx, i, 2, 1, amount, Math.max(eighty, dayOf(2014, 1, 1)), recent);
        if (row) yield row;
      }
    }
  },
};

function personRow(ctx: RowContext, i: number, kind: number, covered: number, amount: number, since: number, recent: number): RowInput | null {
  const w = ctx.world;
  const p = w.persons;
  if (p.death[i] !== 0 && (p.death[i] as number) < recent) return null;
  const view = residentView(ctx, i, (parts) => formatAddress(parts, 'county'));
  if (!view) return null;
  const truth = new Map<number, string>();
  const marks: string[] = [];
  if (view.stale === 'stale_dead') marks.push('stale_dead');
  if (view.stale === 'stale_moved') {
    marks.push('stale_moved@家庭住址');
    truth.set(12, view.trueAddress ?? '');
    truth.set(1, view.current?.township ?? '');
    truth.set(2, view.current?.village ?? '');
  }
  const a = view.address;
  const firstOfMonth = dayOf(Math.floor(ymdOf(since) / 10000), Math.floor(ymdOf(since) / 100) % 100, 1);
  return {
    entity: personId(i),
    cells: [
      0, a.township, a.village, personName(w, i), idNumber(w, i), sexText(w, i), ageNow(p, i),
      KINDS[kind] as string, covered, amount, formatDay(firstOfMonth, 'cjk'), phoneText(w, i), formatAddress(a, 'county'),
      ctx.rng.chance(0.03) ? ctx.rng.pick(['动态管理', '重点户', '新增']) : '',
    ],
    address: a,
    marks,
    truth,
  };
}

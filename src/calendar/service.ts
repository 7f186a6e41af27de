import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import { invalidInput } from '../shared/errors.ts';
import { endOfLocalDay, localDate, workingCalendar, type DayKind, type WorkingCalendar } from './working-days.ts';

export type CalendarService = ReturnType<typeof createCalendarService>;

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The county's editable working-day calendar and the deadlines computed on it. */
export function createCalendarService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  let cached: WorkingCalendar | undefined;

  async function calendar(): Promise<WorkingCalendar> {
    if (cached) return cached;
    const rows = await db.selectFrom('calendar_days').select(['date', 'kind']).execute();
    cached = workingCalendar(new Map(rows.map((r) => [r.date, r.kind as DayKind])));
    return cached;
  }

  return {
    calendar,
    /** Deadline `n` working days after now, as an ISO instant at the end of that county-local day. */
    async deadlineAfter(workingDays: number, from: Date = clock.now()): Promise<string> {
      return endOfLocalDay((await calendar()).addWorkingDays(localDate(from), workingDays));
    },
    async overrides(year?: number) {
      let q = db.selectFrom('calendar_days').selectAll().orderBy('date');
      if (year) q = q.where('date', 'like', `${year}-%`);
      return (await q.execute()).map((r) => ({ date: r.date, kind: r.kind as DayKind, note: r.note }));
    },
    async setDays(days: ReadonlyArray<{ date: string; kind: DayKind | 'default'; note?: string | undefined }>, actorId: string) {
      const problems = days.flatMap((d, i) => [
        ...(isDate(d.date) ? [] : [{ path: `/days/${i}/date`, message: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' }]),
        ...(['holiday', 'workday', 'default'].includes(d.kind) ? [] : [{ path: `/days/${i}/kind`, message: 'holiday / workday / default' }]),
      ]);
      if (problems.length) throw invalidInput('日历设置有误 / invalid calendar days', problems);
      await db.transaction().execute(async (trx) => {
        for (const d of days) {
          await trx.deleteFrom('calendar_days').where('date', '=', d.date).execute();
          if (d.kind !== 'default') await trx.insertInto('calendar_days').values({ date: d.date, kind: d.kind, note: d.note ?? null, updated_by: actorId, updated_at: clock.now().toISOString() }).execute();
        }
      });
      cached = undefined;
    },
  };
}

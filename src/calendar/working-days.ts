/**
 * Working-day arithmetic for deadlines (数据异议 5 个工作日, 共享申请 10 个工作日).
 * Weekends are rest days unless the county marks them as make-up workdays (调休上班);
 * weekdays are workdays unless marked as holidays. Dates are county-local calendar dates (YYYY-MM-DD).
 *
 * @example
 * const cal = workingCalendar(new Map([['2026-10-01', 'holiday']]));
 * cal.addWorkingDays('2026-09-30', 1); // '2026-10-02' unless that is a holiday too
 */
export type DayKind = 'holiday' | 'workday';

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** The date `n` working days after `date` (n ≥ 0); the start date itself does not count. */
  addWorkingDays(date: string, n: number): string;
  /** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
  workingDaysBetween(from: string, to: string): number;
}

const DAY_MS = 86_400_000;
const parse = (date: string) => Date.parse(`${date}T00:00:00Z`);
const format = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function workingCalendar(overrides: ReadonlyMap<string, DayKind>): WorkingCalendar {
  const isWorkingDay = (date: string) => {
    const kind = overrides.get(date);
    if (kind) return kind === 'workday';
    const weekday = new Date(parse(date)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  return {
    isWorkingDay,
    addWorkingDays(date, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
      let ms = parse(date);
      let left = n;
      // Bounded: even a calendar of all holidays stops after ten years.
      for (let guard = 0; left > 0 && guard < 3660; guard++) {
        ms += DAY_MS;
        if (isWorkingDay(format(ms))) left--;
      }
      return format(ms);
    },
    workingDaysBetween(from, to) {
      let count = 0;
      for (let ms = parse(from) + DAY_MS; ms <= parse(to); ms += DAY_MS) if (isWorkingDay(format(ms))) count++;
      return count;
    },
  };
}

/** County-local date (China Standard Time, UTC+8, no daylight saving) of an instant. */
export function localDate(instant: Date): string {
  return format(instant.getTime() + 8 * 3_600_000);
}

/** The end of a local date (23:59:59.999 China time) as an ISO instant: deadlines run to the end of their day. */
export function endOfLocalDay(date: string): string {
  return new Date(parse(date) + DAY_MS - 8 * 3_600_000 - 1).toISOString();
}

/**
 * Calendar arithmetic without `Date` objects (proleptic Gregorian, day numbers
 * counted from 1970-01-01), so that date validation allocates nothing and does
 * not depend on the server's time zone.
 *
 * @example
 * isRealDate(2024, 2, 29); // true
 * formatYmd(1990, 3, 7);   // '1990-03-07'
 * excelSerialToYmd(25569); // { y: 1970, m: 1, d: 1 }
 */

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m - 1] ?? 0);
}

export function isRealDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link daysFromCivil}. */
export function civilFromDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatYmd(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

export function formatHms(h: number, mi: number, s: number): string {
  return `${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
}

// Excel's 1900 date system counts 1900-01-01 as serial 1 and, copying Lotus
// 1-2-3, treats 1900 as a leap year: serial 60 is the non-existent 1900-02-29
// and every later serial is one day ahead of a plain day count.
const EXCEL_EPOCH = daysFromCivil(1899, 12, 30);
export const EXCEL_FAKE_LEAP_DAY = 60;
export const EXCEL_MAX_SERIAL = 2958465; // 9999-12-31

/** Calendar date of an Excel (1900 system) serial day; undefined for 0, 60 and out-of-range serials. */
export function excelSerialToYmd(serial: number): Ymd | undefined {
  if (!Number.isInteger(serial) || serial < 1 || serial > EXCEL_MAX_SERIAL || serial === EXCEL_FAKE_LEAP_DAY) return undefined;
  return civilFromDays(EXCEL_EPOCH + (serial < EXCEL_FAKE_LEAP_DAY ? serial + 1 : serial));
}

/** Excel (1900 system) serial of a date on or after 1900-01-01. */
export function ymdToExcelSerial(y: number, m: number, d: number): number {
  const serial = daysFromCivil(y, m, d) - EXCEL_EPOCH;
  return serial <= EXCEL_FAKE_LEAP_DAY ? serial - 1 : serial;
}

// Records are kept in China Standard Time whatever zone the server runs in.
const CST_OFFSET_MS = 8 * 3600_000;
let cachedToday = 0;
let cacheUntil = 0;

/** Today in UTC+8 as the number yyyymmdd; recomputed once per day. */
/**
 * True when the date YYYYMMDD is not after today (Beijing time). Dates before the last day this
 * process saw are decided without reading the clock, which costs more than the rest of an ID check.
 */
export function notAfterToday(ymd: number): boolean {
  return ymd <= cachedToday || ymd <= todayYmdNumber();
}

export function todayYmdNumber(now = Date.now()): number {
  if (now < cacheUntil && now >= cacheUntil - 86400_000) return cachedToday;
  const local = now + CST_OFFSET_MS;
  const days = Math.floor(local / 86400_000);
  const { y, m, d } = civilFromDays(days);
  cachedToday = y * 10000 + m * 100 + d;
  cacheUntil = (days + 1) * 86400_000 - CST_OFFSET_MS;
  return cachedToday;
}

/** Reads `len` ASCII digits at `start` as a number, or -1 if any is not a digit. */
export function readDigits(s: string, start: number, len: number): number {
  let n = 0;
  for (let i = start; i < start + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Dates as whole days since 1970-01-01 (UTC, no time zone involved) and the styles in
 * which departments write them. Day arithmetic avoids Date objects on the hot path.
 *
 * @example
 * const d = dayOf(1990, 3, 7);
 * formatDay(d, 'slash');   // '1990/3/7'
 * formatDay(d, 'cjk');     // '1990年3月7日'
 * excelSerial(d);          // 32939
 */

import { civilFromDays, daysFromCivil } from '../standards/index.ts';

export type DateStyle = 'iso' | 'slash' | 'cjk' | 'compact' | 'dot' | 'datetime' | 'excel';

/** What each style looks like, for the manifest and the docs. */
export const DATE_STYLE_EXAMPLES: Readonly<Record<DateStyle, string>> = {
  iso: '1990-03-07',
  slash: '1990/3/7',
  cjk: '1990年3月7日',
  compact: '19900307',
  dot: '1990.03.07',
  datetime: '1990-03-07 09:41:26',
  excel: '32939 (Excel 日期序列号，单元格格式为日期 / Excel date serial in a date-formatted cell)',
};

/** Days since 1970-01-01 of a civil date: the standards module's day arithmetic, so the generator and the validators agree. */
export const dayOf = daysFromCivil;

/** Civil date of a day number, packed as y*10000 + m*100 + d. */
export function ymdOf(day: number): number {
  const { y, m, d } = civilFromDays(day);
  return y * 10000 + m * 100 + d;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Excel's serial for a day (1900 date system; valid for days after 1900-02-28). */
export function excelSerial(day: number): number {
  return day + 25569;
}

/** Whole years between a birth day and a reference day. */
export function ageOn(birth: number, on: number): number {
  const b = ymdOf(birth);
  const t = ymdOf(on);
  return Math.floor((t - b) / 10000);
}

/** Writes a day in a style; `seconds` adds a time of day for 'datetime'. */
export function formatDay(day: number, style: DateStyle, seconds = 0): string {
  const ymd = ymdOf(day);
  const y = Math.floor(ymd / 10000);
  const m = Math.floor(ymd / 100) % 100;
  const d = ymd % 100;
  switch (style) {
    case 'iso':
      return `${y}-${pad2(m)}-${pad2(d)}`;
    case 'slash':
      return `${y}/${m}/${d}`;
    case 'cjk':
      return `${y}年${m}月${d}日`;
    case 'compact':
      return String(ymd);
    case 'dot':
      return `${y}.${pad2(m)}.${pad2(d)}`;
    case 'datetime':
      return `${y}-${pad2(m)}-${pad2(d)} ${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
    case 'excel':
      return String(excelSerial(day));
  }
}

const PATTERNS: Record<Exclude<DateStyle, 'excel'>, RegExp> = {
  iso: /^(\d{4})-(\d{2})-(\d{2})$/,
  slash: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  cjk: /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
  compact: /^(\d{4})(\d{2})(\d{2})$/,
  dot: /^(\d{4})\.(\d{2})\.(\d{2})$/,
  datetime: /^(\d{4})-(\d{2})-(\d{2}) \d{2}:\d{2}:\d{2}$/,
};

/** Reads a day written in `style`; undefined when it is not a real date in that style. */
export function parseDay(text: string, style: DateStyle): number | undefined {
  if (style === 'excel') {
    const n = Number(text);
    return Number.isInteger(n) && n > 60 ? n - 25569 : undefined;
  }
  const m = PATTERNS[style].exec(text.trim());
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const day = dayOf(y, mo, d);
  return ymdOf(day) === y * 10000 + mo * 100 + d ? day : undefined;
}

/** The fixed "today" of every generated county: data as collected on 2024-06-30. */
export const AS_OF = dayOf(2024, 6, 30);

/**
 * 日期 and 日期时间 (GB/T 7408 / ISO 8601 output). Accepted input:
 * `1990-03-07`, `1990/3/7`, `1990.3.7`, `1990年3月7日`, `19900307`, an Excel
 * serial (1900 date system, 1–5 digits, optional fraction = time of day;
 * 1900–2100 are refused because they read as years), and
 * a time after a space or `T` (`HH:mm[:ss[.fff]]`, `HH时mm分[ss秒]`) with an
 * optional `Z`/`±hh:mm` offset. Dates normalise to `YYYY-MM-DD`; date-times
 * to `YYYY-MM-DD HH:mm:ss` in Beijing time (offsets are converted).
 *
 * @example
 * validateDate('1990年3月7日');            // { ok: true, value: '1990-03-07' }
 * validateDate('25569');                   // value '1970-01-01' (Excel serial)
 * validateDateTime('2024-03-07T06:30:00Z'); // value '2024-03-07 14:30:00'
 */
import { normalize } from './normalize.ts';
import { civilFromDays, daysFromCivil, excelSerialToYmd, EXCEL_FAKE_LEAP_DAY, formatHms, formatYmd, isRealDate, notAfterToday, readDigits, todayYmdNumber } from './date-core.ts';
import { clip, EMPTY, invalid, note, valid, type Reason, type ValidationResult } from './result.ts';

interface Parsed {
  y: number; m: number; d: number;
  hasTime: boolean; h: number; mi: number; sec: number; fraction: boolean;
  /** Minutes east of UTC, or null when the text names no offset. */
  offset: number | null;
  serial: string | null;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Four-digit numbers refused as Excel serials because they read as years (serials = 1905-03-14 … 1905-09-30). */
export const AMBIGUOUS_FROM = 1900;
export const AMBIGUOUS_TO = 2100;

function runEnd(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

function skipSpace(s: string, i: number): number {
  return s.charCodeAt(i) === 32 ? i + 1 : i;
}

function formatReason(s: string): Reason {
  return {
    zh: `无法识别的日期格式：“${clip(s)}”（可用 1990-03-07、1990/3/7、1990年3月7日、19900307 或 Excel 序列号）`,
    en: `unrecognised date format: '${clip(s)}' (use 1990-03-07, 1990/3/7, 1990年3月7日, 19900307 or an Excel serial number)`,
  };
}

function parse(s: string): Parsed | Reason {
  const n = s.length;
  const p: Parsed = { y: 0, m: 0, d: 0, hasTime: false, h: 0, mi: 0, sec: 0, fraction: false, offset: null, serial: null };
  const intEnd = runEnd(s, 0);
  if (intEnd === 0) return formatReason(s);
  if (intEnd === n && intEnd === 8) {
    p.y = readDigits(s, 0, 4); p.m = readDigits(s, 4, 2); p.d = readDigits(s, 6, 2);
    return p;
  }
  if (intEnd <= 5 && (intEnd === n || (s.charCodeAt(intEnd) === 46 && intEnd + 1 < n && runEnd(s, intEnd + 1) === n))) {
    // 1990 or 2024.3 is far more likely a year (and month) than a day in 1905.
    const int = readDigits(s, 0, intEnd);
    if (intEnd === 4 && int >= AMBIGUOUS_FROM && int <= AMBIGUOUS_TO) {
      return {
        zh: `“${clip(s)}”像是年份而不是完整日期（也可能是 Excel 序列号），无法确定`,
        en: `'${clip(s)}' looks like a year rather than a full date (or an Excel serial number); ambiguous`,
      };
    }
    return parseSerial(s, intEnd, p);
  }
  if (intEnd !== 4) return formatReason(s);
  p.y = readDigits(s, 0, 4);
  const sep = s.charCodeAt(4);
  let i: number;
  if (sep === 45 || sep === 47 || sep === 46) { // - / .
    const mEnd = runEnd(s, 5);
    if (mEnd - 5 < 1 || mEnd - 5 > 2 || s.charCodeAt(mEnd) !== sep) return formatReason(s);
    const dEnd = runEnd(s, mEnd + 1);
    if (dEnd - mEnd - 1 < 1 || dEnd - mEnd - 1 > 2) return formatReason(s);
    p.m = readDigits(s, 5, mEnd - 5); p.d = readDigits(s, mEnd + 1, dEnd - mEnd - 1);
    i = dEnd;
  } else if (s[skipSpace(s, 4)] === '年') {
    const mStart = skipSpace(s, skipSpace(s, 4) + 1);
    const mEnd = runEnd(s, mStart);
    if (mEnd - mStart < 1 || mEnd - mStart > 2) return formatReason(s);
    const yue = skipSpace(s, mEnd);
    if (s[yue] !== '月') return formatReason(s);
    const dStart = skipSpace(s, yue + 1);
    const dEnd = runEnd(s, dStart);
    if (dEnd - dStart < 1 || dEnd - dStart > 2) return formatReason(s);
    p.m = readDigits(s, mStart, mEnd - mStart); p.d = readDigits(s, dStart, dEnd - dStart);
    i = skipSpace(s, dEnd);
    if (s[i] === '日' || s[i] === '号') i++;
    else i = dEnd;
  } else {
    return formatReason(s);
  }
  if (i === n) return p;
  const c = s.charCodeAt(i);
  const timeStart = c === 32 || c === 84 ? i + 1 : s[i - 1] === '日' || s[i - 1] === '号' ? i : -1;
  return timeStart < 0 ? formatReason(s) : parseTime(s, timeStart, p);
}

function parseSerial(s: string, intEnd: number, p: Parsed): Parsed | Reason {
  const int = readDigits(s, 0, intEnd);
  let days = int;
  if (intEnd < s.length) {
    const secs = Math.round(Number(`0${s.slice(intEnd)}`) * 86400);
    if (secs === 86400) days++;
    else {
      p.hasTime = true;
      p.h = Math.floor(secs / 3600); p.mi = Math.floor((secs % 3600) / 60); p.sec = secs % 60;
    }
  }
  if (days === EXCEL_FAKE_LEAP_DAY) {
    return { zh: 'Excel 序列号 60 是不存在的 1900-02-29（Excel 的 1900 闰年错误）', en: "Excel serial 60 is the non-existent 1900-02-29 (Excel's 1900 leap-year bug)" };
  }
  const ymd = excelSerialToYmd(days);
  if (!ymd) return { zh: `Excel 序列号 ${int} 不对应任何日期`, en: `Excel serial ${int} is not a date` };
  p.y = ymd.y; p.m = ymd.m; p.d = ymd.d; p.serial = s;
  return p;
}

function timeReason(s: string): Reason {
  return { zh: `无法识别的时间：“${clip(s)}”（应为 HH:mm:ss）`, en: `unrecognised time: '${clip(s)}' (expected HH:mm:ss)` };
}

function parseTime(s: string, i: number, p: Parsed): Parsed | Reason {
  const n = s.length;
  const hEnd = runEnd(s, i);
  if (hEnd - i < 1 || hEnd - i > 2) return timeReason(s);
  p.hasTime = true;
  p.h = readDigits(s, i, hEnd - i);
  let j = hEnd;
  if (s.charCodeAt(j) === 58) { // HH:mm[:ss[.fff]]
    if (runEnd(s, j + 1) !== j + 3) return timeReason(s);
    p.mi = readDigits(s, j + 1, 2);
    j += 3;
    if (s.charCodeAt(j) === 58) {
      if (runEnd(s, j + 1) !== j + 3) return timeReason(s);
      p.sec = readDigits(s, j + 1, 2);
      j += 3;
      if (s.charCodeAt(j) === 46 || s.charCodeAt(j) === 44) {
        const fEnd = runEnd(s, j + 1);
        if (fEnd === j + 1) return timeReason(s);
        p.fraction = /[1-9]/.test(s.slice(j + 1, fEnd));
        j = fEnd;
      }
    }
  } else if (s[j] === '时' || s[j] === '点') {
    const mEnd = runEnd(s, j + 1);
    if (mEnd - j - 1 < 1 || mEnd - j - 1 > 2 || s[mEnd] !== '分') return timeReason(s);
    p.mi = readDigits(s, j + 1, mEnd - j - 1);
    j = mEnd + 1;
    const sEnd = runEnd(s, j);
    if (sEnd > j) {
      if (sEnd - j > 2 || s[sEnd] !== '秒') return timeReason(s);
      p.sec = readDigits(s, j, sEnd - j);
      j = sEnd + 1;
    }
  } else {
    return timeReason(s);
  }
  j = skipSpace(s, j);
  if (j < n) {
    const z = s.charCodeAt(j);
    if (z === 90 && j + 1 === n) p.offset = 0; // Z
    else if ((z === 43 || z === 45) && (n - j === 3 || n - j === 5 || (n - j === 6 && s.charCodeAt(j + 3) === 58))) {
      const oh = readDigits(s, j + 1, 2);
      const om = n - j === 3 ? 0 : readDigits(s, n - 2, 2);
      if (oh < 0 || om < 0 || oh > 14 || om > 59) return timeReason(s);
      p.offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
    } else return timeReason(s);
  }
  if (p.h > 23 || p.mi > 59 || p.sec > 59) {
    return { zh: `时间 ${formatHms(p.h, p.mi, p.sec)} 不存在`, en: `time ${formatHms(p.h, p.mi, p.sec)} does not exist` };
  }
  return p;
}

function checkDate(p: Parsed): Reason | undefined {
  if (p.y < 1000) return { zh: `年份 ${p.y} 超出范围（1000–9999）`, en: `year ${p.y} is out of range (1000-9999)` };
  if (!isRealDate(p.y, p.m, p.d)) {
    const shown = `${String(p.y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
    return { zh: `${shown} 不是有效日期`, en: `${shown} is not a real date` };
  }
  return undefined;
}

const isReason = (x: Parsed | Reason): x is Reason => 'zh' in x;
const serialNote = (serial: string) => note(`已按 Excel 序列号 ${serial} 换算`, `converted from Excel serial number ${serial}`);

/**
 * The date as the number YYYYMMDD when the bytes are a date `validateDate` returns exactly as
 * written (`YYYY-MM-DD`, a real date, year 1000 or later), else -1. The byte fast path of ingest
 * uses it; anything else goes to `validateDate`.
 *
 * @example
 * canonicalDateNumber(Buffer.from('1990-03-07'), 0, 10); // 19900307
 * canonicalDateNumber(Buffer.from('1990-3-7'), 0, 8);    // -1 (valid, but not as written)
 */
export function canonicalDateNumber(b: Uint8Array, start: number, end: number): number {
  if (end - start !== 10 || b[start + 4] !== 45 || b[start + 7] !== 45) return -1;
  let ymd = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = b[start + i]!;
    if (c < 48 || c > 57) return -1;
    ymd = ymd * 10 + (c - 48);
  }
  const y = Math.floor(ymd / 10000);
  return y >= 1000 && isRealDate(y, Math.floor(ymd / 100) % 100, ymd % 100) ? ymd : -1;
}

/** Validates a 日期 and returns `YYYY-MM-DD`. A time part, if any, is dropped with a note. */
export function validateDate(raw: string): ValidationResult {
  const s = normalize(raw);
  if (s.length === 0) return EMPTY;
  const p = parse(s);
  if (isReason(p)) return { ok: false, reason: p };
  const bad = checkDate(p);
  if (bad) return { ok: false, reason: bad };
  let notes: string[] | undefined;
  if (p.serial !== null) notes = [serialNote(p.serial)];
  if (p.hasTime && (p.h | p.mi | p.sec) !== 0) {
    (notes ??= []).push(note(`已舍弃时间部分 ${formatHms(p.h, p.mi, p.sec)}`, `time part ${formatHms(p.h, p.mi, p.sec)} dropped`));
  }
  return valid(formatYmd(p.y, p.m, p.d), notes);
}

/** Validates a 出生日期: a 日期 from 1900-01-01 up to today (UTC+8). */
/** Whether a date that `validateDate` accepts is also a plausible birth date (1900 to today). */
export function isPlausibleBirthDate(ymd: number): boolean {
  return ymd >= 19000101 && notAfterToday(ymd);
}

export function validateBirthDate(raw: string): ValidationResult {
  const r = validateDate(raw);
  if (!r.ok) return r;
  const ymd = Number(r.value.slice(0, 4)) * 10000 + Number(r.value.slice(5, 7)) * 100 + Number(r.value.slice(8, 10));
  if (isPlausibleBirthDate(ymd)) return r;
  if (ymd < 19000101) return invalid(`出生日期 ${r.value} 早于 1900 年`, `birth date ${r.value} is before 1900`);
  if (ymd > todayYmdNumber()) return invalid(`出生日期 ${r.value} 晚于今天`, `birth date ${r.value} is in the future`);
  return r;
}

const BEIJING = 480;

/** Validates a 日期时间 and returns `YYYY-MM-DD HH:mm:ss` in Beijing time. */
export function validateDateTime(raw: string): ValidationResult {
  const s = normalize(raw);
  if (s.length === 0) return EMPTY;
  const p = parse(s);
  if (isReason(p)) return { ok: false, reason: p };
  const bad = checkDate(p);
  if (bad) return { ok: false, reason: bad };
  let notes: string[] | undefined;
  if (p.serial !== null) notes = [serialNote(p.serial)];
  if (!p.hasTime) (notes ??= []).push(note('未含时间，按 00:00:00 处理', 'no time given, 00:00:00 assumed'));
  if (p.fraction) (notes ??= []).push(note('已舍去秒的小数部分', 'fractions of a second dropped'));
  let { y, m, d, h, mi } = p;
  if (p.offset !== null && p.offset !== BEIJING) {
    const total = daysFromCivil(y, m, d) * 1440 + h * 60 + mi - p.offset + BEIJING;
    const days = Math.floor(total / 1440);
    ({ y, m, d } = civilFromDays(days));
    h = Math.floor((total - days * 1440) / 60);
    mi = (total - days * 1440) % 60;
    const sign = p.offset < 0 ? '-' : '+';
    const off = `${sign}${String(Math.floor(Math.abs(p.offset) / 60)).padStart(2, '0')}:${String(Math.abs(p.offset) % 60).padStart(2, '0')}`;
    (notes ??= []).push(note(`已由 UTC${off} 换算为北京时间`, `converted from UTC${off} to Beijing time`));
    if (y < 1000 || y > 9999) return invalid('换算为北京时间后超出年份范围', 'out of the year range after conversion to Beijing time');
  }
  return valid(`${formatYmd(y, m, d)} ${formatHms(h, mi, p.sec)}`, notes);
}

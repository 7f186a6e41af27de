/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd for men), ISO 7064 MOD 11-2 check character.
 *
 * @example
 * validateIdNumber('11010519491231002x'); // { ok: true, value: '11010519491231002X' }
 * validateIdNumber('110105194912310021'); // reason.en: 'check character should be X, got 1'
 * idNumberCheckChar('34052419800101001'); // 'X'
 */
import { AppError } from '../shared/errors.ts';
import { compact } from './normalize.ts';
import { formatYmd, isRealDate, notAfterToday, readDigits, todayYmdNumber } from './date-core.ts';
import { describeChar, EMPTY, invalid, note, valid, type ValidationResult } from './result.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const CHECK_CODES = Uint8Array.from(CHECK_CHARS, (c) => c.charCodeAt(0));

/**
 * GB/T 2260 province-level codes: 31 mainland units plus 71 台湾, 81 香港,
 * 82 澳门 and 83, used by residence permits for Taiwan residents (2018).
 */
export const ID_PROVINCE_CODES: readonly string[] = Object.freeze([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);
const PROVINCE_TABLE = new Uint8Array(100);
for (const p of ID_PROVINCE_CODES) PROVINCE_TABLE[Number(p)] = 1;

function checkCharOf(s: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The MOD 11-2 check character for the first 17 digits of an ID number.
 * @example idNumberCheckChar('11010519491231002'); // 'X'
 */
export function idNumberCheckChar(first17: string): string {
  if (first17.length !== 17 || !isDigits(first17, 0, 17)) {
    throw new AppError('invalid_input', '需要 17 位数字 / expected 17 digits', [{ path: '/first17', message: first17 }]);
  }
  return checkCharOf(first17);
}

/**
 * 15-digit legacy number (pre-1999, born 19xx) → 18 digits: '19' goes before
 * the 6-digit birth date and a check character is appended.
 * @example upgradeLegacyId('340524800101001'); // '34052419800101001X'
 */
export function upgradeLegacyId(id15: string): string {
  const s = compact(id15);
  if (s.length !== 15 || !isDigits(s, 0, 15)) {
    throw new AppError('invalid_input', '需要 15 位数字 / expected 15 digits', [{ path: '/id15', message: id15 }]);
  }
  const body = `${s.slice(0, 6)}19${s.slice(6)}`;
  return body + checkCharOf(body);
}

function canonicalDigits(raw: string): string | undefined {
  const s = compact(raw);
  if (s.length === 15 && isDigits(s, 0, 15)) return upgradeLegacyId(s);
  if (s.length === 18 && isDigits(s, 0, 17)) {
    const last = s.charCodeAt(17);
    if (last === 120) return `${s.slice(0, 17)}X`;
    if ((last >= 48 && last <= 57) || last === 88) return s;
  }
  return undefined;
}

/**
 * Birth date embedded in an 18- or 15-digit number, as YYYY-MM-DD; undefined
 * when the number is malformed or the date is not a real date.
 * @example birthDateFromId('11010519491231002X'); // '1949-12-31'
 */
export function birthDateFromId(id: string): string | undefined {
  const s = canonicalDigits(id);
  if (s === undefined) return undefined;
  const y = readDigits(s, 6, 4);
  const m = readDigits(s, 10, 2);
  const d = readDigits(s, 12, 2);
  return isRealDate(y, m, d) ? formatYmd(y, m, d) : undefined;
}

/**
 * GB/T 2261.1 sex code from the sequence digit: '1' (男, odd) or '2' (女, even).
 * @example sexFromId('11010519491231002X'); // '2'
 */
export function sexFromId(id: string): '1' | '2' | undefined {
  const s = canonicalDigits(id);
  if (s === undefined) return undefined;
  return (s.charCodeAt(16) - 48) % 2 === 1 ? '1' : '2';
}

const UPGRADED_NOTE = note('15 位旧号码已升级为 18 位', '15-digit legacy number upgraded to 18 digits');

/**
 * Validates a 公民身份号码 and returns its canonical 18-character form
 * (full-width digits folded, spaces removed, x upper-cased, 15 → 18 upgraded).
 */
export function validateIdNumber(raw: string): ValidationResult {
  let s = compact(raw);
  const len = s.length;
  if (len === 0) return EMPTY;
  let notes: string[] | undefined;
  if (len === 15) {
    for (let i = 0; i < 15; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return notDigit(s, i);
    }
    s = upgradeLegacyId(s);
    notes = [UPGRADED_NOTE];
  } else if (len === 18) {
    for (let i = 0; i < 17; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return notDigit(s, i);
    }
    const last = s.charCodeAt(17);
    if (last === 120) s = `${s.slice(0, 17)}X`;
    else if (!((last >= 48 && last <= 57) || last === 88)) {
      const ch = describeChar(s.slice(17));
      return invalid(`第 18 位${ch.zh}应为数字或 X`, `character 18 (${ch.en}) should be a digit or X`);
    }
  } else {
    return invalid(`长度应为 18 位（或 15 位旧号码），实际为 ${len} 位`, `length should be 18 (or 15 for a legacy number), got ${len}`);
  }

  const province = (s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48);
  if (PROVINCE_TABLE[province] !== 1) {
    const p = s.slice(0, 2);
    return invalid(`地址码前两位 ${p} 不是有效的省级行政区划代码`, `first two digits ${p} are not a valid province code (GB/T 2260)`);
  }

  const y = readDigits(s, 6, 4);
  const m = readDigits(s, 10, 2);
  const d = readDigits(s, 12, 2);
  if (!isRealDate(y, m, d)) {
    const raw8 = s.slice(6, 14);
    return invalid(`出生日期 ${raw8} 不是有效日期`, `birth date ${raw8} is not a real date`);
  }
  if (y < 1900) {
    return invalid(`出生日期 ${formatYmd(y, m, d)} 早于 1900 年`, `birth date ${formatYmd(y, m, d)} is before 1900`);
  }
  if (y * 10000 + m * 100 + d > todayYmdNumber()) {
    return invalid(`出生日期 ${formatYmd(y, m, d)} 晚于今天`, `birth date ${formatYmd(y, m, d)} is in the future`);
  }

  const expected = checkCharOf(s);
  const actual = s[17]!;
  if (expected !== actual) {
    return invalid(`校验位应为 ${expected}，实际为 ${actual}`, `check character should be ${expected}, got ${actual}`);
  }
  if (province >= 81) {
    notes ??= [];
    notes.push(note('港澳台居民居住证号码', 'residence permit number of a Hong Kong, Macao or Taiwan resident'));
  }
  return valid(s, notes);
}

/**
 * True when the 18 bytes at `start` are an ID number that `validateIdNumber` accepts exactly as
 * written: digits, a check character that is a digit or upper-case X, a province, a real birth date
 * from 1900 to today, the right check character. The byte fast path of ingest uses it; anything it
 * says no to goes to `validateIdNumber`, which says why.
 *
 * @example
 * isCanonicalIdNumber(Buffer.from('11010519491231002X'), 0); // true
 */
export function isCanonicalIdNumber(b: Uint8Array, start: number): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = b[start + i]!;
    if (c < 48 || c > 57) return false;
    sum += (c - 48) * WEIGHTS[i]!;
  }
  if (b[start + 17] !== CHECK_CODES[sum % 11]) return false;
  if (PROVINCE_TABLE[(b[start]! - 48) * 10 + b[start + 1]! - 48] !== 1) return false;
  const y = (b[start + 6]! - 48) * 1000 + (b[start + 7]! - 48) * 100 + (b[start + 8]! - 48) * 10 + b[start + 9]! - 48;
  const m = (b[start + 10]! - 48) * 10 + b[start + 11]! - 48;
  const d = (b[start + 12]! - 48) * 10 + b[start + 13]! - 48;
  return y >= 1900 && isRealDate(y, m, d) && notAfterToday(y * 10000 + m * 100 + d);
}

function notDigit(s: string, i: number): ValidationResult {
  const cp = s.codePointAt(i) ?? 0;
  const ch = describeChar(String.fromCodePoint(cp));
  return invalid(`第 ${i + 1} 位${ch.zh}不是数字`, `character ${i + 1} (${ch.en}) is not a digit`);
}

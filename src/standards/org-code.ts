/**
 * 组织机构代码 (GB 11714-1997): 8 body characters (digits or upper-case
 * letters) and a MOD 11 check character, written `XXXXXXXX-Y`.
 *
 * @example
 * validateOrgCode('m000100y4');  // { ok: true, value: 'M000100Y-4' }
 * orgCodeCheckChar('M000100Y');  // '4'
 */
import { AppError } from '../shared/errors.ts';
import { compact } from './normalize.ts';
import { describeChar, EMPTY, invalid, valid, type ValidationResult } from './result.ts';

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Value of a body character: 0-9 for digits, 10-35 for A-Z (case-folded); -1 otherwise. */
function charValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  if (c >= 97 && c <= 122) return c - 87;
  return -1;
}

/** Check character over s[from..from+8), or '' when a body character is invalid. */
export function orgCheckCharAt(s: string, from: number): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = charValue(s.charCodeAt(from + i));
    if (v < 0) return '';
    sum += v * WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Check character of an 8-character organisation-code body.
 * @example orgCodeCheckChar('D2143569'); // computed MOD 11 character
 */
export function orgCodeCheckChar(body8: string): string {
  const c = body8.length === 8 ? orgCheckCharAt(body8, 0) : '';
  if (c === '') throw new AppError('invalid_input', '需要 8 位数字或大写字母 / expected 8 digits or capital letters', [{ path: '/body', message: body8 }]);
  return c;
}

/** Validates a 组织机构代码 with or without the hyphen; canonical form `XXXXXXXX-Y`. */
export function validateOrgCode(raw: string): ValidationResult {
  let s = compact(raw);
  if (s.length === 0) return EMPTY;
  if (s.length === 10 && s.charCodeAt(8) === 45) s = s.slice(0, 8) + s.slice(9);
  if (s.length !== 9) {
    return invalid(`长度应为 9 位（8 位本体代码加 1 位校验码），实际为 ${s.length} 位`, `length should be 9 (8 body characters and a check character), got ${s.length}`);
  }
  for (let i = 0; i < 8; i++) {
    if (charValue(s.charCodeAt(i)) < 0) {
      const ch = describeChar(String.fromCodePoint(s.codePointAt(i) ?? 0));
      return invalid(`第 ${i + 1} 位${ch.zh}不是数字或字母`, `character ${i + 1} (${ch.en}) is not a digit or letter`);
    }
  }
  const body = s.slice(0, 8).toUpperCase();
  const actual = s[8] === 'x' ? 'X' : s[8]!;
  const expected = orgCheckCharAt(body, 0);
  if (actual !== expected) {
    return invalid(`校验码应为 ${expected}，实际为 ${actual}`, `check character should be ${expected}, got ${actual}`);
  }
  return valid(`${body}-${expected}`);
}

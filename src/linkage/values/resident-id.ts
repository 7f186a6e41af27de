/**
 * Chinese resident identity numbers (GB 11643-1999, 18 characters, ISO 7064 MOD 11-2 check
 * character; legacy 15-digit numbers upgraded by inserting the century) and unified social credit
 * codes (GB 32100-2015, MOD 31 check character).
 *
 * @example
 * parseResidentId('11010519491231002X') // { id: '11010519491231002X', valid: true, birth: 19491231, sex: 2, region: '110105', legacy: false }
 * parseResidentId('110105491231002')   // the same person, legacy: true
 */
import { toHalfWidth } from '../text/normalize.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export interface ResidentId {
  /** 18-character form (legacy numbers upgraded), upper-case X. */
  readonly id: string;
  /** Check character and embedded date are both right. */
  readonly valid: boolean;
  /** Embedded birth date as yyyymmdd, 0 when not a real date. */
  readonly birth: number;
  /** 1 male, 2 female (odd / even sequence). */
  readonly sex: 1 | 2;
  readonly region: string;
  readonly legacy: boolean;
}

/** The check character for the first 17 digits. */
export function residentIdCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Normalises white space, full-width digits and x; returns null when the shape is not an ID at all. */
export function parseResidentId(raw: string): ResidentId | null {
  const s = toHalfWidth(raw).replace(/[\s-]+/g, '').toUpperCase();
  let id: string;
  let legacy = false;
  if (/^\d{17}[\dX]$/.test(s)) id = s;
  else if (/^\d{15}$/.test(s)) {
    const body = `${s.slice(0, 6)}19${s.slice(6)}`;
    id = body + residentIdCheck(body);
    legacy = true;
  } else return null;
  const birth = Number(id.slice(6, 14));
  const okDate = isRealDate(birth);
  const valid = okDate && residentIdCheck(id) === id[17];
  return { id, valid, birth: okDate ? birth : 0, sex: (id.charCodeAt(16) - 48) % 2 === 1 ? 1 : 2, region: id.slice(0, 6), legacy };
}

/** True for a plausible yyyymmdd calendar date between 1800 and 2199. */
export function isRealDate(yyyymmdd: number): boolean {
  const y = Math.floor(yyyymmdd / 10000);
  const m = Math.floor(yyyymmdd / 100) % 100;
  const d = yyyymmdd % 100;
  if (y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
  const dim = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return d <= dim;
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export interface CreditCode {
  readonly code: string;
  readonly valid: boolean;
}

/** Unified social credit code: 18 characters over 0-9 and A-Y without I, O, S, V, Z. */
export function parseCreditCode(raw: string): CreditCode | null {
  const s = toHalfWidth(raw).replace(/[\s-]+/g, '').toUpperCase();
  if (s.length !== 18) return null;
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const v = CREDIT_ALPHABET.indexOf(s[i]!);
    if (v < 0) return { code: s, valid: false };
    if (i < 17) sum += v * CREDIT_WEIGHTS[i]!;
  }
  const check = CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
  return { code: s, valid: check === s[17] };
}

/** The check character a credit code's first 17 characters call for. */
export function creditCodeCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(body17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
}

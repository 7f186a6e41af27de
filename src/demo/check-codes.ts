/**
 * Check characters the generator needs to make valid codes. Kept local (a few lines each)
 * so that the generator does not depend on src/standards, whose validators the tests use
 * as an independent judge of what the generator writes.
 *
 * @example
 * idCheckChar('11010519491231002');        // 'X'
 * usccCheckChar('91350100M000100Y4');      // '3'
 * orgCheckChar('M000100Y');                // '4'
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 / ISO 7064 MOD 11-2 check character of 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

/**
 * Canonical 18-character form of an ID as the unified standard accepts it (spaces and
 * full-width forms folded, x upper-cased, 15 digits upgraded), or undefined when invalid.
 */
export function canonicalId(raw: string, today = 20240630): string | undefined {
  let s = '';
  for (let i = 0; i < raw.length; i++) {
    let c = raw.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c === 32 || c === 0x3000 || c === 9) continue;
    s += String.fromCharCode(c === 120 ? 88 : c);
  }
  if (/^\d{15}$/.test(s)) {
    const body = `${s.slice(0, 6)}19${s.slice(6)}`;
    s = body + idCheckChar(body);
  }
  if (!/^\d{17}[\dX]$/.test(s) || !PROVINCES.has(s.slice(0, 2))) return undefined;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y * 10000 + m * 100 + d > today) return undefined;
  return idCheckChar(s) === s[17] ? s : undefined;
}

// Province-level GB/T 2260 codes, plus 71/81/82/83 of residence permits.
const PROVINCES = new Set('11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(' '));

function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** GB 32100 symbol set: digits and capitals without I, O, S, V, Z. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 MOD 11 check character of an 8-character organisation-code body. */
export function orgCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * (ORG_WEIGHTS[i] as number);
  }
  const v = 11 - (sum % 11);
  return v === 10 ? 'X' : v === 11 ? '0' : String(v);
}

/** GB 32100 MOD 31 check character of the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i] as string) * (USCC_WEIGHTS[i] as number);
  return USCC_CHARSET[(31 - (sum % 31)) % 31] as string;
}

/**
 * A complete USCC from its parts: authority ('9' 工商, '1' 机构编制), entity type, region
 * code and an 8-character organisation body drawn from the USCC symbol set.
 *
 * @example makeUscc('9', '1', '371321', 'MA3C4K7P'); // '91371321MA3C4K7P' + org check + check
 */
export function makeUscc(authority: string, type: string, region: string, body8: string): string {
  const first17 = `${authority}${type}${region}${body8}${orgCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

/** True when the code is a well-formed USCC with both check characters right. */
export function isValidUscc(raw: string): boolean {
  const s = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(s)) return false;
  return orgCheckChar(s.slice(8, 16)) === s[16] && usccCheckChar(s.slice(0, 17)) === s[17];
}

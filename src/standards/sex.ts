/**
 * 性别 (GB/T 2261.1-2003): 0 未知的性别, 1 男性, 2 女性, 9 未说明的性别.
 *
 * @example
 * validateSex('女');     // { ok: true, value: '2' }
 * validateSex('Male');   // { ok: true, value: '1' }
 */
import { normalize } from './normalize.ts';
import { clip, EMPTY, invalid, valid, type ValidationResult } from './result.ts';

export type SexCode = '0' | '1' | '2' | '9';

export const SEX_CODES: readonly { readonly code: SexCode; readonly name: string; readonly nameEn: string }[] = Object.freeze([
  { code: '0', name: '未知的性别', nameEn: 'not known' },
  { code: '1', name: '男性', nameEn: 'male' },
  { code: '2', name: '女性', nameEn: 'female' },
  { code: '9', name: '未说明的性别', nameEn: 'not stated' },
]);

const LOOKUP: ReadonlyMap<string, SexCode> = new Map<string, SexCode>([
  ['0', '0'], ['1', '1'], ['2', '2'], ['9', '9'],
  ['男', '1'], ['男性', '1'], ['m', '1'], ['male', '1'], ['man', '1'],
  ['女', '2'], ['女性', '2'], ['f', '2'], ['female', '2'], ['woman', '2'],
  ['未知', '0'], ['未知的性别', '0'], ['unknown', '0'], ['not known', '0'],
  ['未说明', '9'], ['未说明的性别', '9'], ['not stated', '9'],
]);

/** Validates a 性别 value and returns its GB/T 2261.1 code. */
export function validateSex(raw: string): ValidationResult {
  const s = normalize(raw);
  if (s.length === 0) return EMPTY;
  const code = LOOKUP.get(s) ?? LOOKUP.get(s.toLowerCase());
  if (code !== undefined) return valid(code);
  return invalid(`“${clip(s)}”不是有效的性别（应为 男/女/0/1/2/9）`, `'${clip(s)}' is not a valid sex (expected 男/女/M/F or code 0/1/2/9)`);
}

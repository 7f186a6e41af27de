/**
 * 地址: free text of 4–200 characters that contains at least one Chinese
 * character; normalised (full → half width, whitespace collapsed).
 *
 * @example
 * validateAddress('安徽省合肥市长丰县水湖镇　幸福路１２号'); // value '安徽省合肥市长丰县水湖镇 幸福路12号'
 */
import { codePointLength, hasCjk, normalize } from './normalize.ts';
import { EMPTY, invalid, valid, type ValidationResult } from './result.ts';

const NO_CJK = invalid('地址应包含汉字', 'an address must contain Chinese characters');

/** Validates a 地址 and returns it normalised. */
export function validateAddress(raw: string): ValidationResult {
  const s = normalize(raw);
  if (s.length === 0) return EMPTY;
  const len = codePointLength(s);
  if (len < 4 || len > 200) return invalid(`地址长度应为 4–200 个字符，实际为 ${len} 个`, `an address has 4-200 characters, got ${len}`);
  if (!hasCjk(s)) return NO_CJK;
  return valid(s);
}

/**
 * 数值 (N) and its catalog relatives: 整数 (I), 浮点 (F), 货币 (Y). Accepts
 * signs, thousands separators (1,234.5), full-width digits, exponent form
 * (1.2E3, as Excel exports) and, for currency, ¥/￥ and 元. Canonical form is
 * plain decimal without leading or trailing zeros (`-0012.50` → `-12.5`), or
 * with exactly `scale` decimals when `padScale` is set.
 *
 * @example
 * numericValidator()('1,234.50');                       // value '1234.5'
 * numericValidator({ precision: 5, scale: 2 })('1234.5'); // reason: 3 integer digits at most
 * numericValidator({ scale: 2, padScale: true, currency: true })('￥12元'); // value '12.00'
 */
import { compact } from './normalize.ts';
import { clip, EMPTY, invalid, valid, type Validator, type ValidationResult } from './result.ts';

export interface NumericOptions {
  /** Total significant digits, as in DECIMAL(precision, scale). */
  readonly precision?: number;
  /** Maximum digits after the decimal point. */
  readonly scale?: number;
  readonly integer?: boolean;
  /** Always write `scale` decimals (amounts: 12 → 12.00). */
  readonly padScale?: boolean;
  /** Strip a leading ¥/￥/RMB and a trailing 元. */
  readonly currency?: boolean;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function formatReason(s: string): ValidationResult {
  return invalid(`不是有效的数值：“${clip(s)}”`, `not a valid number: '${clip(s)}'`);
}

function parseNumber(s: string, o: NumericOptions): ValidationResult {
  let i = 0;
  let end = s.length;
  if (o.currency) {
    if (s.startsWith('¥') || s.startsWith('￥')) i = 1;
    else if (s.startsWith('RMB') || s.startsWith('rmb')) i = 3;
    if (s.endsWith('元')) end--;
  }
  let negative = false;
  const sign = s.charCodeAt(i);
  if (sign === 43 || sign === 45 || sign === 0x2212) {
    negative = sign !== 43;
    i++;
  }
  let int = '';
  let group = -1; // digits since the last comma; -1 before any comma
  let first = -1; // length of the group before the first comma
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      int += s[i];
      if (group >= 0) group++;
    } else if (c === 44) {
      if (group === -1) first = int.length;
      else if (group !== 3) return formatReason(s);
      if (int.length === 0) return formatReason(s);
      group = 0;
    } else break;
  }
  if (group >= 0 && (group !== 3 || first > 3)) return invalid(`千位分隔符位置不正确：“${clip(s)}”`, `misplaced thousands separator: '${clip(s)}'`);
  let frac = '';
  if (s.charCodeAt(i) === 46) {
    for (i++; i < end && isDigit(s.charCodeAt(i)); i++) frac += s[i];
  }
  if (int.length + frac.length === 0) return formatReason(s);
  let exp = 0;
  if (i < end && (s.charCodeAt(i) | 32) === 101) {
    let j = i + 1;
    const es = s.charCodeAt(j);
    if (es === 43 || es === 45) j++;
    const start = j;
    while (j < end && isDigit(s.charCodeAt(j))) j++;
    if (j === start || j - start > 3) return formatReason(s);
    exp = Number(s.slice(start, j)) * (es === 45 ? -1 : 1);
    i = j;
  }
  if (i !== end) return formatReason(s);

  // Shift the decimal point by the exponent, then trim zeros.
  let digits = int + frac;
  let point = int.length + exp;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  } else if (point > digits.length) {
    digits += '0'.repeat(point - digits.length);
  }
  let intPart = digits.slice(0, point).replace(/^0+/, '');
  let fracPart = digits.slice(point).replace(/0+$/, '');
  if (o.integer && fracPart) return invalid(`应为整数：“${clip(s)}”`, `should be an integer: '${clip(s)}'`);
  if (o.scale !== undefined && fracPart.length > o.scale) {
    return invalid(`小数位数不能超过 ${o.scale} 位，实际为 ${fracPart.length} 位`, `at most ${o.scale} decimal places, got ${fracPart.length}`);
  }
  if (o.precision !== undefined) {
    const maxInt = o.precision - (o.scale ?? 0);
    if (o.scale !== undefined && intPart.length > maxInt) {
      return invalid(`整数部分不能超过 ${maxInt} 位，实际为 ${intPart.length} 位`, `at most ${maxInt} integer digits, got ${intPart.length}`);
    }
    const significant = (intPart + fracPart).replace(/^0+/, '').length;
    if (significant > o.precision) {
      return invalid(`有效数字不能超过 ${o.precision} 位，实际为 ${significant} 位`, `at most ${o.precision} significant digits, got ${significant}`);
    }
  }
  if (o.padScale && o.scale !== undefined) fracPart = fracPart.padEnd(o.scale, '0');
  if (intPart === '') intPart = '0';
  const zero = intPart === '0' && /^0*$/.test(fracPart);
  return valid(`${negative && !zero ? '-' : ''}${intPart}${fracPart ? `.${fracPart}` : ''}`);
}

/** A validator for numbers with the given limits. */
export function numericValidator(options: NumericOptions = {}): Validator {
  const plainMax = options.padScale ? 0 : (options.precision ?? 15) - (options.scale ?? 0);
  return (raw: string): ValidationResult => {
    // Plain small non-negative integers are already canonical.
    const n = raw.length;
    if (n > 0 && n <= plainMax && (n === 1 || raw.charCodeAt(0) !== 48)) {
      let i = 0;
      while (i < n && isDigit(raw.charCodeAt(i))) i++;
      if (i === n) return valid(raw);
    }
    const s = compact(raw);
    if (s.length === 0) return EMPTY;
    return parseNumber(s, options);
  };
}

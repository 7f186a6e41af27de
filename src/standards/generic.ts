/**
 * Generic elements: 文本 (C/M), 布尔 (L), 邮政编码 and 电子邮箱.
 *
 * @example
 * textValidator({ maxLength: 10 })('  备注 ');  // value '备注'
 * validateBoolean('是');                        // value '1'
 * validateEmail('Zhang.San@Example.COM');       // value 'Zhang.San@example.com'
 */
import { codePointLength, compact, normalize } from './normalize.ts';
import { clip, EMPTY, invalid, valid, type Validator, type ValidationResult } from './result.ts';

export interface TextOptions {
  readonly maxLength?: number;
  readonly minLength?: number;
}

/** Normalised text within a length range counted in characters (code points). */
export function textValidator(options: TextOptions = {}): Validator {
  const max = options.maxLength ?? Infinity;
  const min = Math.max(1, options.minLength ?? 1);
  return (raw: string): ValidationResult => {
    const s = normalize(raw);
    if (s.length === 0) return EMPTY;
    // UTF-16 length bounds the code-point count from above, so most values skip the count.
    const len = s.length <= max && s.length >= min * 2 ? s.length : codePointLength(s);
    if (len > max) return invalid(`长度不能超过 ${max} 个字符，实际为 ${len} 个`, `at most ${max} characters, got ${len}`);
    if (len < min) return invalid(`长度不能少于 ${min} 个字符，实际为 ${len} 个`, `at least ${min} characters, got ${len}`);
    return valid(s);
  };
}

const TRUE_WORDS = ['1', '是', 'y', 'yes', 'true', 't', '真', '对', '√', '有'];
const FALSE_WORDS = ['0', '否', 'n', 'no', 'false', 'f', '假', '错', '×', '无'];
const BOOL = new Map<string, string>([...TRUE_WORDS.map((w) => [w, '1'] as const), ...FALSE_WORDS.map((w) => [w, '0'] as const)]);

/** 布尔: 是/否, Y/N, yes/no, true/false, 1/0 (and a few more) → '1' or '0'. */
export function validateBoolean(raw: string): ValidationResult {
  const s = normalize(raw);
  if (s.length === 0) return EMPTY;
  const v = BOOL.get(s) ?? BOOL.get(s.toLowerCase());
  if (v !== undefined) return valid(v);
  return invalid(`“${clip(s)}”不是逻辑值（应为 是/否、Y/N、true/false 或 1/0）`, `'${clip(s)}' is not a boolean (expected 是/否, Y/N, true/false or 1/0)`);
}

/** 邮政编码: six digits. */
export function validatePostcode(raw: string): ValidationResult {
  const s = compact(raw);
  if (s.length === 0) return EMPTY;
  if (s.length !== 6) return invalid(`邮政编码应为 6 位数字，实际为 ${s.length} 位`, `a postcode has 6 digits, got ${s.length}`);
  for (let i = 0; i < 6; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return invalid('邮政编码只能包含数字', 'a postcode has digits only');
  }
  return valid(s);
}

const LOCAL_CHARS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** 电子邮箱 (the common dot-atom form of RFC 5322); the domain is lower-cased. */
export function validateEmail(raw: string): ValidationResult {
  // normalize, not compact: a space inside an address is a typo to report, not to guess at.
  const s = normalize(raw);
  if (s.length === 0) return EMPTY;
  if (s.length > 254) return invalid(`电子邮箱不能超过 254 个字符，实际为 ${s.length} 个`, `an e-mail address has at most 254 characters, got ${s.length}`);
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return invalid(`电子邮箱应为 名称@域名 形式：“${clip(s)}”`, `an e-mail address looks like name@domain: '${clip(s)}'`);
  const local = s.slice(0, at);
  if (!LOCAL_CHARS.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return invalid(`电子邮箱 @ 之前的部分无效：“${clip(local)}”`, `the part before @ is not valid: '${clip(local)}'`);
  }
  const domain = s.slice(at + 1).toLowerCase();
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/^(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/.test(tld)) {
    return invalid(`电子邮箱域名无效：“${clip(domain)}”`, `the e-mail domain is not valid: '${clip(domain)}'`);
  }
  return valid(`${local}@${domain}`);
}

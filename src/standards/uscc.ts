/**
 * 统一社会信用代码 (GB 32100-2015): registration authority (1 char), entity
 * type (1), region code (6 digits), organisation code (9, GB 11714 with its
 * own check character) and a MOD 31 check character over the 31-symbol set
 * without I, O, S, V and Z.
 *
 * @example
 * validateUscc('91350100m000100y43'); // { ok: true, value: '91350100M000100Y43' }
 * usccCheckChar('91350100M000100Y4'); // '3'
 */
import { AppError } from '../shared/errors.ts';
import { compact } from './normalize.ts';
import { orgCheckCharAt } from './org-code.ts';
import { describeChar, EMPTY, invalid, valid, type ValidationResult } from './result.ts';

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// Char code → symbol value (0-30), or -1; lower-case letters fold to upper-case.
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_CHARSET.length; i++) {
  const c = USCC_CHARSET.charCodeAt(i);
  VALUE[c] = i;
  if (c >= 65) VALUE[c + 32] = i;
}

/** 登记管理部门代码 (GB 32100-2015 table 1). */
export const USCC_AUTHORITIES: Readonly<Record<string, string>> = Object.freeze({
  '1': '机构编制', '2': '外交', '3': '司法行政', '4': '文化', '5': '民政', '6': '旅游', '7': '宗教',
  '8': '工会', '9': '工商', A: '中央军委改革和编制办公室', N: '农业', Y: '其他',
});

function valueAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? VALUE[c]! : -1;
}

/**
 * MOD 31 check character of the first 17 characters.
 * @example usccCheckChar('91350100M000100Y4'); // '3'
 */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = first17.length === 17 ? valueAt(first17, i) : -1;
    if (v < 0) throw new AppError('invalid_input', '需要 17 位代码字符 / expected 17 code characters', [{ path: '/first17', message: first17 }]);
    sum += v * WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export interface UsccParts {
  readonly authority: string;
  readonly authorityName: string | undefined;
  readonly entityType: string;
  readonly regionCode: string;
  /** The embedded 组织机构代码 in `XXXXXXXX-Y` form. */
  readonly orgCode: string;
}

/** Splits a canonical (already validated) code into its parts. */
export function usccParts(code: string): UsccParts {
  return {
    authority: code[0] ?? '',
    authorityName: USCC_AUTHORITIES[code[0] ?? ''],
    entityType: code[1] ?? '',
    regionCode: code.slice(2, 8),
    orgCode: `${code.slice(8, 16)}-${code.slice(16, 17)}`,
  };
}

/** Validates a 统一社会信用代码; canonical form is upper-case, 18 characters. */
export function validateUscc(raw: string): ValidationResult {
  const s = compact(raw);
  if (s.length === 0) return EMPTY;
  if (s.length !== 18) return invalid(`长度应为 18 位，实际为 ${s.length} 位`, `length should be 18, got ${s.length}`);
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const v = valueAt(s, i);
    if (v < 0) {
      const ch = describeChar(String.fromCodePoint(s.codePointAt(i) ?? 0));
      const excluded = /^[IOSVZ]$/i.test(s[i] ?? '');
      return invalid(
        `第 ${i + 1} 位${ch.zh}不是代码字符${excluded ? '（代码不使用 I、O、S、V、Z）' : ''}`,
        `character ${i + 1} (${ch.en}) is not a code character${excluded ? ' (I, O, S, V and Z are not used)' : ''}`,
      );
    }
    if (i < 17) sum += v * WEIGHTS[i]!;
  }
  const value = s.toUpperCase();
  const authority = value[0]!;
  if (USCC_AUTHORITIES[authority] === undefined) {
    return invalid(`第 1 位登记管理部门代码 ${authority} 不存在`, `registration authority code ${authority} (character 1) does not exist`);
  }
  const type = value.charCodeAt(1);
  if (type < 49 || type > 57) {
    return invalid(`第 2 位机构类别代码 ${value[1]} 应为数字 1–9`, `entity type code ${value[1]} (character 2) should be a digit 1-9`);
  }
  for (let i = 2; i < 8; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return invalid(`第 3–8 位行政区划码 ${value.slice(2, 8)} 应为 6 位数字`, `region code ${value.slice(2, 8)} (characters 3-8) should be 6 digits`);
  }
  const orgExpected = orgCheckCharAt(value, 8);
  if (value[16] !== orgExpected) {
    return invalid(
      `第 9–17 位组织机构代码的校验码应为 ${orgExpected}，实际为 ${value[16]}`,
      `check character of the organisation code (characters 9-17) should be ${orgExpected}, got ${value[16]}`,
    );
  }
  const expected = USCC_CHARSET[(31 - (sum % 31)) % 31]!;
  if (value[17] !== expected) {
    return invalid(`校验码应为 ${expected}，实际为 ${value[17]}`, `check character should be ${expected}, got ${value[17]}`);
  }
  return valid(value);
}

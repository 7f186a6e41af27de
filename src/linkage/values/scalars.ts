/**
 * Normalisers for short coded values: dates, phones, sex, ethnicity, codes.
 * Each returns null for a missing value so that "missing" never counts as "different".
 *
 * @example
 * normalizeDate('1985年3月7日') // '19850307'
 * normalizePhone('+86 138-0013-8000') // '13800138000'
 * normalizeSex('女') // 'F'
 */
import { digitsOnly, normalizeText, toHalfWidth } from '../text/normalize.ts';

/** yyyymmdd from 8 digits, y-m-d with any separator or 年月日; other text is kept as written. */
export function normalizeDate(raw: string): string | null {
  const s = toHalfWidth(raw).trim();
  if (s === '') return null;
  if (/^\d{8}$/.test(s)) return s;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(s);
  if (m) return `${m[1]}${m[2]!.padStart(2, '0')}${m[3]!.padStart(2, '0')}`;
  return s.toLowerCase();
}

/** Digits only; China's +86 / 0086 dropped from mobiles; null when fewer than 5 digits remain. */
export function normalizePhone(raw: string): string | null {
  let d = digitsOnly(raw);
  if (d.length === 13 && d.startsWith('861')) d = d.slice(2);
  else if (d.length === 15 && d.startsWith('00861')) d = d.slice(4);
  return d.length < 5 ? null : d;
}

const MALE = new Set(['m', 'male', '男', '1', 'man', '男性']);
const FEMALE = new Set(['f', 'female', '女', '2', 'woman', '女性']);

/** 'M', 'F', or null for missing / unknown (未知, 9, 0). */
export function normalizeSex(raw: string): string | null {
  const s = normalizeText(raw);
  if (MALE.has(s)) return 'M';
  if (FEMALE.has(s)) return 'F';
  return null;
}

// GB/T 3304 codes, in order 01…56.
const ETHNIC =
  '汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺'.split(' ');

/** 汉族 / 汉 / 01 → 汉. */
export function normalizeEthnicity(raw: string): string | null {
  const s = normalizeText(raw);
  if (s === '') return null;
  if (/^\d{1,2}$/.test(s)) return ETHNIC[Number(s) - 1] ?? s;
  return s.replace(/族$/, '');
}

/** A code-like value (street number, postcode, other ID): half-width, upper case, no inner spaces. */
export function normalizeCode(raw: string): string | null {
  const s = toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
  return s === '' ? null : s;
}

/** Free text: half-width, lower case, white space collapsed. */
export function normalizeFree(raw: string): string | null {
  const s = normalizeText(raw);
  return s === '' ? null : s;
}

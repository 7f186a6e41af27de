/**
 * Text clean-up shared by every comparison: full-width to half-width, case, white space,
 * CJK detection and Chinese numerals in address units.
 *
 * @example
 * normalizeText('  ＷＡＮＧ　 Xiao ') // 'wang xiao'
 * chineseUnitNumerals('幸福村三组十二号') // '幸福村3组12号'
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** True when the string holds at least one CJK ideograph. */
export function hasCjk(s: string): boolean {
  return CJK.test(s);
}

/** Full-width ASCII (Ｗ, １, －, ＋) and the ideographic space to their half-width forms. */
const WIDE = /[\uff01-\uff5e\u3000]/;

export function toHalfWidth(s: string): string {
  if (!WIDE.test(s)) return s;
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000) {
      out += ' ';
      changed = true;
    } else out += s[i];
  }
  return changed ? out : s;
}

/** Half-width, lower case, trimmed, inner white space collapsed to one space. */
export function normalizeText(s: string): string {
  return toHalfWidth(s).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Removes every space, hyphen, apostrophe, dot and middle dot (for "soph ie" / "lillie-hinrichs" / "阿卜杜·热合曼"). */
export function squeeze(s: string): string {
  return s.replace(/[\s\-'.·•・]+/g, '');
}

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Value of a run of Chinese numerals such as 十二, 二十三, 一百零五, 三〇一; NaN when malformed. */
export function chineseNumeralValue(run: string): number {
  const hasUnit = /[十百千]/.test(run);
  if (!hasUnit) {
    // Digit-by-digit spelling (三〇一 → 301), as written for room numbers.
    let v = 0;
    for (const ch of run) {
      const d = DIGIT[ch];
      if (d === undefined) return Number.NaN;
      v = v * 10 + d;
    }
    return v;
  }
  let total = 0;
  let pending = 0;
  for (const ch of run) {
    const d = DIGIT[ch];
    if (d !== undefined) {
      pending = d;
      continue;
    }
    const u = UNIT[ch];
    if (u === undefined) return Number.NaN;
    total += (pending === 0 ? 1 : pending) * u;
    pending = 0;
  }
  return total + pending;
}

// Only runs right before an address unit are converted: 三里屯 stays a name, 三组 becomes 3组.
const UNIT_NUMERALS = /([零〇一二两三四五六七八九十百千]+)(?=(组|號|号|栋|幢|单元|室|层|楼|队|社|户|排|弄|巷|村民小组))/g;

/** Chinese numerals before address units to Arabic digits. */
export function chineseUnitNumerals(s: string): string {
  return s.replace(UNIT_NUMERALS, (run) => {
    const v = chineseNumeralValue(run);
    return Number.isNaN(v) ? run : String(v);
  });
}

/** Only the ASCII digits of a string. */
export function digitsOnly(s: string): string {
  return toHalfWidth(s).replace(/\D+/g, '');
}

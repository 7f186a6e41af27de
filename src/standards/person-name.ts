/**
 * 姓名: 2–20 characters, either Chinese (CJK ideographs, with the middle dot
 * of transliterated ethnic-minority names, e.g. 阿依古丽·买买提) or Latin
 * letters with spaces, hyphens, apostrophes and periods. Dot look-alikes
 * (•, ・, ‧, ∙, ⋅, ．) become U+00B7 ·, and spaces inside a Chinese name are
 * removed.
 *
 * @example
 * validatePersonName(' 张 三 ');          // value '张三'
 * validatePersonName('阿依古丽•买买提');   // value '阿依古丽·买买提'
 * validatePersonName('张3');               // reason.en: 'a name must not contain digits'
 */
import { isCjkCodePoint, normalize } from './normalize.ts';
import { describeChar, EMPTY, invalid, valid, type ValidationResult } from './result.ts';

const DOT = 0xb7;
const isDotLike = (cp: number) =>
  cp === DOT || cp === 0x2022 || cp === 0x30fb || cp === 0xff65 || cp === 0x2027 || cp === 0x2219 || cp === 0x22c5;
const isLatinLetter = (cp: number) =>
  (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7);
// Punctuation that may sit inside a Latin name: O'Neil, Jean-Luc, John F. Kennedy.
const isLatinPunct = (cp: number) => cp === 39 || cp === 45 || cp === 46 || cp === 0x2019;

const MIXED = invalid('姓名不能混用汉字和拉丁字母', 'a name must not mix Chinese characters and Latin letters');
const DIGITS = invalid('姓名不能包含数字', 'a name must not contain digits');
const BAD_DOT = invalid('间隔号“·”只能出现在两个汉字之间', "the middle dot '·' may only stand between two Chinese characters");

/** Validates a 姓名 and returns it normalised. */
export function validatePersonName(raw: string): ValidationResult {
  const s = normalize(raw);
  if (s.length === 0) return EMPTY;
  let cjk = 0;
  let latin = 0;
  let punct = 0;
  let out = '';
  let count = 0;
  let prev = 0; // previous kept code point, 0 at start
  for (let i = 0; i < s.length; i++) {
    let cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (cp === 32) {
      if (cjk === 0) out += ' ';
      continue; // a space in a Chinese name is dropped below
    }
    if (cp === 46 && cjk > 0 && latin === 0) cp = DOT; // 张.三 typed with a period
    if (isCjkCodePoint(cp)) cjk++;
    else if (isLatinLetter(cp)) latin++;
    else if (isDotLike(cp)) {
      if (latin > 0) return BAD_DOT;
      if (prev === 0 || prev === DOT) return BAD_DOT;
      cp = DOT;
    } else if (cp >= 48 && cp <= 57) return DIGITS;
    else if (isLatinPunct(cp) && cjk === 0) punct++;
    else {
      const ch = describeChar(String.fromCodePoint(cp));
      return invalid(`姓名含非法字符${ch.zh}`, `name contains an invalid character ${ch.en}`);
    }
    if (cjk > 0 && (latin > 0 || punct > 0)) return latin > 0 ? MIXED : invalid('汉字姓名不能包含标点', 'a Chinese name must not contain punctuation');
    out += String.fromCodePoint(cp);
    prev = cp;
    count++;
  }
  if (cjk > 0) {
    out = out.replace(/ /g, '');
    if (prev === DOT) return BAD_DOT;
  } else {
    out = out.trim();
    if (latin === 0 || !isLatinLetter(out.codePointAt(0) ?? 0)) {
      return invalid('姓名应由汉字或拉丁字母组成', 'a name consists of Chinese characters or Latin letters');
    }
    count = out.length;
  }
  if (count < 2 || count > 20) return invalid(`姓名长度应为 2–20 个字符，实际为 ${count} 个`, `a name has 2-20 characters, got ${count}`);
  return valid(out);
}

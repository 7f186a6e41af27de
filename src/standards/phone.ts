/**
 * 手机号码, 固定电话 and 联系电话 (either) for mainland China numbers.
 * Mobile numbers normalise to 11 digits; landlines to `0571-87654321`, with
 * an extension as `0571-87654321-8001`. Area codes 010 and 02x have three
 * digits, all others four, so the split is unambiguous.
 *
 * @example
 * validateMobile('+86 138-0013-8000');   // value '13800138000'
 * validateLandline('(0571)8765 4321转8001'); // value '0571-87654321-8001'
 * validateContactPhone('021 6412 3456');  // value '021-64123456'
 */
import { normalize } from './normalize.ts';
import { clip, describeChar, EMPTY, invalid, type Reason, valid, type ValidationResult } from './result.ts';

const isDigit = (c: number) => c >= 48 && c <= 57;
// Separators people put inside numbers.
const isSep = (c: number) => c === 32 || c === 45 || c === 40 || c === 41 || c === 46;

interface Digits {
  digits: string;
  /** Digit runs as written, for telling an extension apart. */
  groups: string[];
  plus: boolean;
}

function scan(s: string): Digits | Reason {
  let digits = '';
  let group = '';
  const groups: string[] = [];
  let plus = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      digits += s[i];
      group += s[i];
    } else if (isSep(c)) {
      if (group) groups.push(group);
      group = '';
    } else if (c === 43 && digits.length === 0 && !plus) {
      plus = true;
    } else {
      const ch = describeChar(String.fromCodePoint(s.codePointAt(i) ?? 0));
      return { zh: `电话号码含非法字符${ch.zh}`, en: `phone number contains an invalid character ${ch.en}` };
    }
  }
  if (group) groups.push(group);
  return { digits, groups, plus };
}

function stripCountryCode(d: Digits, keepTrunkZero: boolean): string | undefined {
  let rest: string | undefined;
  if (d.plus) rest = d.digits.startsWith('86') ? d.digits.slice(2) : undefined;
  else if (d.digits.startsWith('0086')) rest = d.digits.slice(4);
  else return d.digits;
  if (rest === undefined) return undefined;
  // Landline area codes lose their trunk 0 after +86 (+86 10 = 010); mobile numbers never start 10.
  const isMobileLike = rest.startsWith('1') && !rest.startsWith('10');
  return keepTrunkZero && !rest.startsWith('0') && !isMobileLike ? `0${rest}` : rest;
}

function mobileCheck(raw: string): ValidationResult {
  const s = normalize(raw);
  if (s.length === 0) return EMPTY;
  const d = scan(s);
  if ('zh' in d) return { ok: false, reason: d };
  let n = stripCountryCode(d, false);
  if (n === undefined) return invalid(`不是中国大陆号码（国家代码应为 +86）：“${clip(s)}”`, `not a mainland China number (country code should be +86): '${clip(s)}'`);
  if (n.length === 13 && n.startsWith('861') && !d.plus) n = n.slice(2);
  if (n.length !== 11) return invalid(`手机号码应为 11 位，实际为 ${n.length} 位`, `a mobile number has 11 digits, got ${n.length}`);
  if (n.charCodeAt(0) !== 49 || n.charCodeAt(1) < 51) {
    return invalid(`手机号码应以 13–19 开头，实际为 ${n.slice(0, 2)}`, `a mobile number starts with 13-19, got ${n.slice(0, 2)}`);
  }
  return valid(n);
}

/** Validates a 手机号码 and returns its 11 digits. */
export function validateMobile(raw: string): ValidationResult {
  // Clean 11-digit input is the common case; skip the general scan.
  if (raw.length === 11 && raw.charCodeAt(0) === 49 && raw.charCodeAt(1) >= 51) {
    let ok = true;
    for (let i = 2; i < 11 && ok; i++) ok = isDigit(raw.charCodeAt(i));
    if (ok && isDigit(raw.charCodeAt(1))) return valid(raw);
  }
  return mobileCheck(raw);
}

// Extension markers: 转, 分机, ext, x, #.
const EXT_RE = /\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;

/** Validates a 固定电话 and returns `0xxx-xxxxxxx` (or `0xx-xxxxxxxx`), plus `-ext` if given. */
export function validateLandline(raw: string): ValidationResult {
  let s = normalize(raw);
  if (s.length === 0) return EMPTY;
  let ext = '';
  const m = EXT_RE.exec(s);
  if (m) {
    ext = m[1]!;
    s = s.slice(0, m.index);
  }
  const d = scan(s);
  if ('zh' in d) return { ok: false, reason: d };
  let n = stripCountryCode(d, true);
  if (n === undefined) return invalid(`不是中国大陆号码（国家代码应为 +86）：“${clip(s)}”`, `not a mainland China number (country code should be +86): '${clip(s)}'`);
  if (n.length === 0) return invalid('缺少号码', 'no digits given');
  if (n.charCodeAt(0) !== 48) {
    return n.length <= 8
      ? invalid('固定电话缺少区号（如 0571）', 'landline number lacks an area code (e.g. 0571)')
      : invalid(`固定电话应以区号 0 开头，实际为 ${n[0]}`, `a landline number starts with a 0 area code, got ${n[0]}`);
  }
  const second = n.charCodeAt(1);
  const areaLen = second === 49 || second === 50 ? 3 : 4;
  if (second === 48 || Number.isNaN(second)) return invalid(`区号 ${n.slice(0, 2)} 无效`, `area code ${n.slice(0, 2)} is not valid`);
  if (second === 49 && n.charCodeAt(2) !== 48) return invalid(`区号 ${n.slice(0, 3)} 无效（01 开头的区号只有 010）`, `area code ${n.slice(0, 3)} is not valid (010 is the only one starting 01)`);
  let local = n.slice(areaLen);
  // A trailing '-123' group after a complete number is an extension.
  const last = d.groups[d.groups.length - 1] ?? '';
  if (!ext && local.length > 8 && d.groups.length >= 2 && last.length <= 6 && local.length - last.length >= 7 && local.length - last.length <= 8) {
    ext = last;
    local = local.slice(0, local.length - last.length);
    n = n.slice(0, n.length - last.length);
  }
  if (local.length < 7 || local.length > 8) {
    return invalid(`区号 ${n.slice(0, areaLen)} 后的本地号码应为 7–8 位，实际为 ${local.length} 位`, `the local number after area code ${n.slice(0, areaLen)} has 7-8 digits, got ${local.length}`);
  }
  if (local.charCodeAt(0) < 50) return invalid(`本地号码不能以 ${local[0]} 开头`, `a local number cannot start with ${local[0]}`);
  return valid(`${n.slice(0, areaLen)}-${local}${ext ? `-${ext}` : ''}`);
}

/** Validates a 联系电话: a mobile number or a landline, each in its canonical form. */
export function validateContactPhone(raw: string): ValidationResult {
  const mobile = validateMobile(raw);
  if (mobile.ok) return mobile;
  const land = validateLandline(raw);
  if (land.ok || land === EMPTY) return land;
  // Report the reason for the kind of number the value most looks like.
  const s = normalize(raw).replace(/^(?:\+86|0086)[\s-]*/, '');
  const first = s.replace(/[^0-9]/g, '')[0];
  if (first === '1') return mobile;
  if (first === '0') return land;
  return invalid(
    `既不是手机号码（${mobile.ok ? '' : mobile.reason.zh}），也不是固定电话（${land.reason.zh}）`,
    `neither a mobile number (${mobile.ok ? '' : mobile.reason.en}) nor a landline (${land.reason.en})`,
  );
}

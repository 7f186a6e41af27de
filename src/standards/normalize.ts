/**
 * Text normalisation shared by every validator. Departments' spreadsheets mix
 * full-width digits and punctuation (typed with a Chinese IME), ideographic
 * spaces, non-breaking spaces and stray BOMs; these helpers fold all of that
 * into plain half-width text. Both functions return the input string itself
 * when nothing needs changing, so the common clean cell costs no allocation.
 *
 * @example
 * normalize('  ３４０５２４　１９８０ '); // '340524 1980'
 * compact('１３８ ００１３-８０００'); // '1380013-8000'
 */

// Scratch buffer reused by the slow paths. Cells longer than SHARED_MAX get a
// buffer of their own so that one huge value does not pin memory for good.
const SHARED_MAX = 1 << 16;
let shared = new Uint16Array(256);

function scratch(n: number): Uint16Array {
  if (n > SHARED_MAX) return new Uint16Array(n);
  if (shared.length < n) shared = new Uint16Array(Math.max(n, shared.length * 2));
  return shared;
}

function decode(buf: Uint16Array, len: number): string {
  // fromCharCode.apply has an argument limit; chunk long strings.
  let out = '';
  for (let i = 0; i < len; i += 8192) {
    out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(len, i + 8192)) as unknown as number[]);
  }
  return out;
}

/** True for ASCII and Unicode whitespace, including U+3000 and NBSP. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/** Zero-width characters that editors and Excel leave behind; they are dropped. */
function isZeroWidth(c: number): boolean {
  return (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/** Characters at or above U+0080 that normalisation changes. */
function needsWork(c: number): boolean {
  return (c >= 0xff01 && c <= 0xff5e) || isSpaceCode(c) || isZeroWidth(c);
}

/** Full-width form U+FF01–U+FF5E → its ASCII twin; anything else unchanged. */
export function halfWidthCode(c: number): number {
  return c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
}

/**
 * Full-width → half-width (digits, letters, punctuation, U+3000), trim, and
 * collapse every inner run of whitespace to one ASCII space. Idempotent.
 *
 * @example
 * normalize('\u3000张　三 \t'); // '张 三'
 */
export function normalize(raw: string): string {
  const n = raw.length;
  let i = 0;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    if (c === 0x20) {
      // A single inner space is already canonical.
      if (i > 0 && i < n - 1 && raw.charCodeAt(i + 1) !== 0x20) continue;
      break;
    }
    if (c >= 0x80 && !needsWork(c)) continue;
    if (c < 0x20 && !isSpaceCode(c)) continue;
    if (c === 0x7f) continue;
    break;
  }
  if (i === n) return raw;

  const out = scratch(n);
  let len = 0;
  let pendingSpace = false;
  for (let j = 0; j < n; j++) {
    const c = raw.charCodeAt(j);
    if (isSpaceCode(c)) {
      pendingSpace = len > 0;
      continue;
    }
    if (isZeroWidth(c)) continue;
    if (pendingSpace) {
      out[len++] = 0x20;
      pendingSpace = false;
    }
    out[len++] = halfWidthCode(c);
  }
  return decode(out, len);
}

/**
 * Like {@link normalize} but removes all whitespace: for codes and numbers
 * that people type in groups (`110105 19491231 002X`).
 *
 * @example
 * compact('１３８ ００１３ ８０００'); // '13800138000'
 */
export function compact(raw: string): string {
  const n = raw.length;
  let i = 0;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    if (c >= 0x80 && !needsWork(c)) continue;
    if (c < 0x20 && !isSpaceCode(c)) continue;
    if (c === 0x7f) continue;
    break;
  }
  if (i === n) return raw;
  const out = scratch(n);
  let len = 0;
  for (let j = 0; j < n; j++) {
    const c = raw.charCodeAt(j);
    if (isSpaceCode(c) || isZeroWidth(c)) continue;
    out[len++] = halfWidthCode(c);
  }
  return decode(out, len);
}

/** Number of Unicode code points (a CJK Extension B character counts once). */
export function codePointLength(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** True for a CJK ideograph code point (basic block, Extensions A–H, compatibility, 〇). */
export function isCjkCodePoint(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x323af) ||
    (cp >= 0xf900 && cp <= 0xfaff) || cp === 0x3007
  );
}

/** True when the string holds at least one CJK ideograph. */
export function hasCjk(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007) return true;
    if (c >= 0xd840 && c <= 0xd88c && isCjkCodePoint(s.codePointAt(i) ?? 0)) return true;
  }
  return false;
}

/**
 * Writes JSON text straight into a buffer as UTF-8, byte for byte what `Buffer.from(JSON.stringify(s))`
 * gives (the same escapes: \b \t \n \f \r \" \\, \u00xx for other control characters, \udxxx for a lone
 * surrogate), without making the string first. The append path encodes every entry this way: building a
 * string of each entry only to convert it was most of the garbage the log made (decision 0521).
 * Every writer returns the position after what it wrote; the caller makes room (at most 6 bytes a
 * UTF-16 unit, plus the quotes).
 */

const HEX = '0123456789abcdef';

/** ASCII text (a constant fragment such as `,"items":[`) as it is. */
export function writeAscii(out: Uint8Array, pos: number, s: string): number {
  for (let i = 0; i < s.length; i++) out[pos++] = s.charCodeAt(i);
  return pos;
}

/** A non-negative integer in decimal. */
export function writeUint(out: Uint8Array, pos: number, n: number): number {
  let digits = 1;
  for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
  let at = pos + digits;
  do {
    out[--at] = 48 + (n % 10);
    n = Math.floor(n / 10);
  } while (n > 0);
  return pos + digits;
}

function writeUnicodeEscape(out: Uint8Array, pos: number, c: number): number {
  out[pos++] = 0x5c;
  out[pos++] = 0x75;
  for (let shift = 12; shift >= 0; shift -= 4) out[pos++] = HEX.charCodeAt((c >> shift) & 15);
  return pos;
}

const SHORT_ESCAPES: Record<number, number> = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72, 0x22: 0x22, 0x5c: 0x5c };

/** `JSON.stringify(s)` as UTF-8. */
export function writeJsonString(out: Uint8Array, pos: number, s: string): number {
  out[pos++] = 0x22;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c) out[pos++] = c;
      else if (SHORT_ESCAPES[c] !== undefined) {
        out[pos++] = 0x5c;
        out[pos++] = SHORT_ESCAPES[c]!;
      } else pos = writeUnicodeEscape(out, pos, c);
    } else if (c < 0x800) {
      out[pos++] = 0xc0 | (c >> 6);
      out[pos++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out[pos++] = 0xf0 | (cp >> 18);
        out[pos++] = 0x80 | ((cp >> 12) & 0x3f);
        out[pos++] = 0x80 | ((cp >> 6) & 0x3f);
        out[pos++] = 0x80 | (cp & 0x3f);
        i++;
      } else pos = writeUnicodeEscape(out, pos, c);
    } else {
      out[pos++] = 0xe0 | (c >> 12);
      out[pos++] = 0x80 | ((c >> 6) & 0x3f);
      out[pos++] = 0x80 | (c & 0x3f);
    }
  }
  out[pos++] = 0x22;
  return pos;
}

/** A string as JSON, or `null`. */
export function writeJsonOptional(out: Uint8Array, pos: number, s: string | null): number {
  return s === null ? writeAscii(out, pos, 'null') : writeJsonString(out, pos, s);
}

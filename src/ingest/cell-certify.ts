import { canonicalDateNumber, isCanonicalIdNumber, isPlausibleBirthDate, type Validator } from '../standards/index.ts';
import { MAX_CELL_CHARS, PLACEHOLDERS } from './cell-rules.ts';

/**
 * The byte fast path of cell validation: for a cell given as UTF-8 bytes, a certifier answers with
 * the cell's canonical value without building strings where it can, or gives up. Answers:
 * - `RAW`: the bytes themselves are the canonical value (valid, nothing to normalise, nothing to
 *   escape in JSON);
 * - a string: the canonical value;
 * - `null`: not decided here — the row takes the string path, which is the definition of what is
 *   valid, normalised, a warning or a reason (prepare.ts).
 * A certifier only says what the item's validator would say of the decoded text; the property tests
 * in cell-certify.test.ts hold each one to that.
 *
 * @example
 * const c = certifierFor({ kind: 'text', min: 1, max: 50 }, textValidator({ maxLength: 50 }));
 * c.certify(Buffer.from('界湖街道'), 0, 12); // RAW
 * c.certify(Buffer.from('　界湖'), 0, 9);    // null (the string path trims the ideographic space)
 */
export const RAW = true;
export type Certified = typeof RAW | string | null;

/** How an item's cells may be certified from their bytes. */
export type CertifyPlan =
  | { readonly kind: 'text'; readonly min: number; readonly max: number }
  | { readonly kind: 'address' }
  | { readonly kind: 'person_name' }
  /** 手机号码 or 联系电话: eleven digits 13…19 are canonical as they are. */
  | { readonly kind: 'mobile' }
  /** 公民身份号码 written canonically (standards' isCanonicalIdNumber). */
  | { readonly kind: 'id_number' }
  /** 日期 written as YYYY-MM-DD; a birth date also from 1900 to today. Other forms are remembered like `memo`. */
  | { readonly kind: 'date'; readonly birth: boolean }
  /** Decode and run the validator; remember the answers for short values (codes, dates, yes/no). */
  | { readonly kind: 'memo' }
  /** Decode and run the validator. */
  | { readonly kind: 'decode' };

// What the last successful `scanClean` found: code points, UTF-16 units, and CJK ideographs.
let scannedCodePoints = 0;
let scannedUtf16 = 0;
let scannedCjk = 0;
let scannedAscii = true;

function isCjk(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x323af) || (cp >= 0xf900 && cp <= 0xfaff) || cp === 0x3007;
}

/** Code points at or above U+0080 that normalisation changes, JSON escapes, or that mark bad text. */
function isUnclean(cp: number): boolean {
  if (cp < 0x2000) return cp === 0x85 || cp === 0xa0 || cp === 0x1680;
  if (cp <= 0x200d || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x2060 || cp === 0x3000) return true;
  return cp === 0xfeff || cp === 0xfffd || (cp >= 0xff01 && cp <= 0xff5e);
}

/**
 * True when the text is already in the form `normalize` gives (no outer or doubled space, no
 * full-width forms, no special spaces or zero-width characters) and needs no JSON escaping (no quote,
 * backslash or control character). The input is valid UTF-8.
 */
export function scanClean(buf: Uint8Array, start: number, end: number): boolean {
  let cps = 0;
  let utf16 = 0;
  let cjk = 0;
  let ascii = true;
  for (let i = start; i < end;) {
    const b = buf[i]!;
    if (b < 0x80) {
      if (b === 0x20) {
        if (i === start || i === end - 1 || buf[i + 1] === 0x20) return false;
      } else if (b < 0x20 || b === 0x22 || b === 0x5c || b === 0x7f) return false;
      i++;
      cps++;
      utf16++;
      continue;
    }
    ascii = false;
    let cp: number;
    if (b < 0xe0) {
      cp = ((b & 0x1f) << 6) | (buf[i + 1]! & 0x3f);
      i += 2;
      utf16++;
    } else if (b < 0xf0) {
      cp = ((b & 0x0f) << 12) | ((buf[i + 1]! & 0x3f) << 6) | (buf[i + 2]! & 0x3f);
      i += 3;
      utf16++;
    } else {
      cp = ((b & 0x07) << 18) | ((buf[i + 1]! & 0x3f) << 12) | ((buf[i + 2]! & 0x3f) << 6) | (buf[i + 3]! & 0x3f);
      i += 4;
      utf16 += 2;
    }
    if (isUnclean(cp)) return false;
    if (isCjk(cp)) cjk++;
    cps++;
  }
  scannedCodePoints = cps;
  scannedUtf16 = utf16;
  scannedCjk = cjk;
  scannedAscii = ascii;
  return true;
}

/** UTF-8 byte strings of the placeholders, by length, for the certifiers of free text. */
const PLACEHOLDER_BYTES: ReadonlyArray<readonly Buffer[]> = (() => {
  const byLength: Buffer[][] = [];
  for (const p of PLACEHOLDERS) {
    const b = Buffer.from(p);
    (byLength[b.length] ??= []).push(b);
  }
  return byLength;
})();
const MAX_PLACEHOLDER_BYTES = PLACEHOLDER_BYTES.length - 1;

function isPlaceholder(buf: Buffer, start: number, end: number): boolean {
  const len = end - start;
  if (len > MAX_PLACEHOLDER_BYTES) return false;
  const candidates = PLACEHOLDER_BYTES[len];
  if (!candidates) return false;
  next: for (const p of candidates) {
    for (let i = 0; i < len; i++) if (p[i] !== buf[start + i]) continue next;
    return true;
  }
  return false;
}

/** The cell's text. */
export function cellText(buf: Buffer, start: number, end: number): string {
  return buf.toString('utf8', start, end);
}

const MEMO_MAX_BYTES = 24;
const MEMO_MAX_ENTRIES = 1 << 16;

/**
 * Answers of a validator for short byte strings (a birth-date column holds a few tens of thousands
 * of distinct values in a million rows, a sex column three), in an open-addressing table keyed by
 * the bytes themselves, so that a hit builds no string. The table starts small and doubles, so that
 * the few values of a code column stay in the processor's cache.
 */
class Memo {
  private slots = new Int32Array(256).fill(-1);
  private hashes = new Int32Array(128);
  /** Entry e's bytes are pool[ends[e-1] ?? 0, ends[e]). */
  private ends = new Int32Array(128);
  private readonly answers: Array<string | null> = [];
  private pool = new Uint8Array(4096);
  private used = 0;

  constructor(private readonly validate: Validator) {}

  lookup(buf: Buffer, start: number, end: number): string | null {
    const len = end - start;
    if (len > MEMO_MAX_BYTES) return decoded(this.validate, buf, start, end);
    let h = 0x811c9dc5 ^ len;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    h ^= h >>> 15;
    const slots = this.slots;
    const mask = slots.length - 1;
    const pool = this.pool;
    let slot = h & mask;
    for (;;) {
      const e = slots[slot]!;
      if (e < 0) break;
      if (this.hashes[e] === h) {
        const at = e === 0 ? 0 : this.ends[e - 1]!;
        if (this.ends[e]! - at === len) {
          let i = 0;
          while (i < len && pool[at + i] === buf[start + i]) i++;
          if (i === len) return this.answers[e]!;
        }
      }
      slot = (slot + 1) & mask;
    }
    const answer = decoded(this.validate, buf, start, end);
    if (this.answers.length < MEMO_MAX_ENTRIES) this.remember(h, buf, start, end, answer);
    return answer;
  }

  private remember(h: number, buf: Buffer, start: number, end: number, answer: string | null): void {
    const e = this.answers.length;
    if (e === this.ends.length) {
      this.ends = grown(this.ends);
      this.hashes = grown(this.hashes);
    }
    const len = end - start;
    if (this.used + len > this.pool.length) {
      const bigger = new Uint8Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    for (let i = 0; i < len; i++) this.pool[this.used++] = buf[start + i]!;
    this.ends[e] = this.used;
    this.hashes[e] = h;
    this.answers.push(answer);
    if ((e + 1) * 2 <= this.slots.length) {
      this.place(e);
      return;
    }
    // Half full: double the table and put every entry back.
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let k = 0; k <= e; k++) this.place(k);
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[e]! & mask;
    while (this.slots[slot]! >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = e;
  }
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function decoded(validate: Validator, buf: Buffer, start: number, end: number): string | null {
  const raw = cellText(buf, start, end);
  // What the string path would fold, unquote or refuse before validating is left to it.
  if (raw.length <= 6 && PLACEHOLDERS.has(raw.trim())) return null;
  if (raw.charCodeAt(0) === 39 || raw.length > MAX_CELL_CHARS || raw.indexOf('\uFFFD') >= 0) return null;
  const r = validate(raw);
  return r.ok ? r.value : null;
}

const TEXT = 0;
const ADDRESS = 1;
const PERSON_NAME = 2;
const MOBILE = 3;
const MEMO = 4;
const DECODE = 5;
const ID_NUMBER = 6;
const DATE = 7;
const BIRTH_DATE = 8;
const KINDS = { text: TEXT, address: ADDRESS, person_name: PERSON_NAME, mobile: MOBILE, memo: MEMO, decode: DECODE, id_number: ID_NUMBER, date: DATE } as const;

/**
 * The certifier of one item. One class for every kind, so that the row loop calls one method
 * shape (a megamorphic call through closures cost more than the checks themselves).
 */
export class CellCertifier {
  private readonly kind: number;
  private readonly min: number;
  private readonly max: number;
  private readonly memo: Memo | undefined;

  constructor(plan: CertifyPlan, private readonly validate: Validator, private readonly utf16Max: number | null = null) {
    this.kind = plan.kind === 'date' && plan.birth ? BIRTH_DATE : KINDS[plan.kind];
    this.min = plan.kind === 'text' ? plan.min : 0;
    this.max = plan.kind === 'text' ? plan.max : 0;
    this.memo = plan.kind === 'memo' || plan.kind === 'date' ? new Memo(validate) : undefined;
  }

  certify(buf: Buffer, start: number, end: number): Certified {
    switch (this.kind) {
      case TEXT:
        if (!scanClean(buf, start, end) || buf[start] === 39 || isPlaceholder(buf, start, end)) return null;
        if (scannedCodePoints < this.min || scannedCodePoints > this.max) return null;
        return this.fits();
      case ADDRESS:
        if (!scanClean(buf, start, end) || buf[start] === 39 || isPlaceholder(buf, start, end)) return null;
        if (scannedCodePoints < 4 || scannedCodePoints > 200 || scannedCjk === 0) return null;
        return this.fits();
      case PERSON_NAME:
        // Only names of Chinese characters alone; anything else is for the full validator.
        if (!scanClean(buf, start, end) || scannedAscii || scannedCjk !== scannedCodePoints || scannedCjk < 2 || scannedCjk > 20) return null;
        if (isPlaceholder(buf, start, end)) return null;
        return this.fits();
      case MOBILE:
        if (end - start === 11 && buf[start] === 0x31 && buf[start + 1]! >= 0x33 && buf[start + 1]! <= 0x39) {
          let i = start + 2;
          while (i < end && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
          if (i === end) return this.fitsLength(11);
        }
        return decoded(this.validate, buf, start, end);
      case ID_NUMBER:
        if (end - start === 18 && isCanonicalIdNumber(buf, start)) return this.fitsLength(18);
        return decoded(this.validate, buf, start, end);
      case DATE:
        return canonicalDateNumber(buf, start, end) >= 0 ? this.fitsLength(10) : this.memo!.lookup(buf, start, end);
      case BIRTH_DATE: {
        const ymd = canonicalDateNumber(buf, start, end);
        if (ymd >= 0 && isPlausibleBirthDate(ymd)) return this.fitsLength(10);
        return this.memo!.lookup(buf, start, end);
      }
      case MEMO:
        return this.memo!.lookup(buf, start, end);
      default:
        return decoded(this.validate, buf, start, end);
    }
  }

  /** A value of n ASCII characters against the catalog length. */
  private fitsLength(n: number): Certified {
    return this.utf16Max === null || n <= this.utf16Max ? RAW : null;
  }

  /** RAW when the catalog length (UTF-16 units of the value, as the string path counts) allows it. */
  private fits(): Certified {
    return this.utf16Max === null || scannedUtf16 <= this.utf16Max ? RAW : null;
  }
}

/** The certifier for an item (see `CellCertifier`). */
export function certifierFor(plan: CertifyPlan, validate: Validator, utf16Max: number | null = null): CellCertifier {
  return new CellCertifier(plan, validate, utf16Max);
}

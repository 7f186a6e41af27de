import { prefixedHead, tailAfterSeq, type AuditEntry } from './entry.ts';
import { sha256HexOfPrefixed } from './merkle.ts';

/**
 * Entries waiting to be appended, already encoded to UTF-8 in one growing buffer: the bytes before the
 * value of `seq` and the bytes after it (the log numbers an entry only when it writes it). Kept off the
 * JavaScript heap so that a batch of ten thousand pending entries is not copied by every young-generation
 * garbage collection, and each entry is encoded once, at `appendEntry` time (decision 0521).
 *
 * @example
 * const pending = new EncodedEntries();
 * pending.add(normaliseEntry(input, 0, now));
 * const out = new EncodedRows(pending.byteLength, pending.count);
 * const row = out.row(pending, 0, 41); // { seq: 41, leaf: <UTF-8 of the canonical text>, leaf_hash }
 */
const ASCII = /^[\x00-\x7f]*$/;

export class EncodedEntries {
  #bytes = Buffer.allocUnsafe(16 * 1024);
  #used = 0;
  // Per entry: where its head starts, where `seq` goes, where its tail ends.
  readonly #starts: number[] = [];
  readonly #seqAt: number[] = [];
  readonly #ends: number[] = [];

  get count(): number {
    return this.#starts.length;
  }

  /** Bytes held, without the `seq` digits. */
  get byteLength(): number {
    return this.#used;
  }

  /** Bytes held by entries [from, from + count), without their `seq` digits. */
  byteLengthOf(from: number, count: number): number {
    return count === 0 ? 0 : this.#ends[from + count - 1]! - this.#starts[from]!;
  }

  /** Drops the entries from `count` on (an `appendEntries` call whose later input was invalid). */
  truncate(count: number): void {
    if (count >= this.count) return;
    this.#used = this.#starts[count]!;
    this.#starts.length = this.#seqAt.length = this.#ends.length = count;
  }

  /** Empties the buffer for reuse (its memory is kept: fresh large buffers cost page faults). */
  clear(): void {
    this.truncate(0);
  }

  add(entry: AuditEntry): void {
    const head = prefixedHead(entry);
    const tail = tailAfterSeq(entry);
    this.#reserve(3 * (head.length + tail.length)); // at most 3 UTF-8 bytes per UTF-16 unit
    this.#starts.push(this.#used);
    // One write for both parts (each write call costs more than its bytes); the tail (subject and time)
    // is nearly always ASCII, so its byte length is usually its length.
    this.#used += this.#bytes.write(head + tail, this.#used, 'utf8');
    this.#seqAt.push(this.#used - (ASCII.test(tail) ? tail.length : Buffer.byteLength(tail)));
    this.#ends.push(this.#used);
  }

  /** Writes entry k numbered `seq` (0x00 prefix included) at `out[at]`; returns the end offset. */
  writeTo(k: number, seq: number, out: Buffer, at: number): number {
    const start = this.#starts[k]!;
    const seqAt = this.#seqAt[k]!;
    const end = this.#ends[k]!;
    // TypedArray set and a digit loop: Buffer.copy and Buffer.write cost several times more per call.
    out.set(this.#bytes.subarray(start, seqAt), at);
    let pos = at + (seqAt - start) + digitCount(seq);
    const afterDigits = pos;
    let n = seq;
    do {
      out[--pos] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    out.set(this.#bytes.subarray(seqAt, end), afterDigits);
    return afterDigits + (end - seqAt);
  }

  #reserve(n: number): void {
    if (this.#used + n <= this.#bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.#bytes.length, this.#used + n));
    this.#bytes.copy(bigger, 0, 0, this.#used);
    this.#bytes = bigger;
  }
}

/** The row an append writes, with the leaf as the UTF-8 bytes of the canonical text. */
export interface EncodedRow {
  readonly seq: number;
  readonly leaf: Buffer;
  readonly leaf_hash: string;
}

/**
 * One batch's numbered leaves, back to back in one buffer that the rows' `leaf` views point into. The
 * buffer is reused by the next batch (the store copies bound values), so pass the previous one's `buffer`.
 */
export class EncodedRows {
  readonly #out: Buffer;
  #used = 0;

  /** Room for `count` entries holding `bytes` bytes in all (plus their seq digits), in `reuse` if it is big enough. */
  constructor(bytes: number, count: number, reuse?: Buffer) {
    const need = bytes + 16 * count;
    this.#out = reuse && reuse.length >= need ? reuse : Buffer.allocUnsafe(Math.max(need, 2 * (reuse?.length ?? 0)));
  }

  get buffer(): Buffer {
    return this.#out;
  }

  row(from: EncodedEntries, k: number, seq: number): EncodedRow {
    const start = this.#used;
    const end = from.writeTo(k, seq, this.#out, start);
    this.#used = end;
    const prefixed = this.#out.subarray(start, end);
    // The hash input is 0x00 || text, exactly the bytes written; the stored leaf is the text after the 0x00.
    return { seq, leaf: prefixed.subarray(1), leaf_hash: sha256HexOfPrefixed(prefixed) };
  }
}

function digitCount(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

import { encodePrefixed, type AuditEntry } from './entry.ts';
import { sha256HexOfPrefixed } from './merkle.ts';

/** The row an append writes, with the leaf as the UTF-8 bytes of the canonical text. */
export interface EncodedRow {
  readonly seq: number;
  readonly leaf: Buffer;
  readonly leaf_hash: string;
}

/**
 * One batch's numbered leaves, encoded to UTF-8 back to back in one buffer that the rows' `leaf` views
 * point into: the leaf hash is taken over those bytes and the store binds them, so each text is converted
 * to UTF-8 once (a string would be converted again by the hash and again by the driver). The buffer is
 * reused by the next batch (the store copies what it binds), so pass the previous one's `buffer`.
 *
 * @example
 * const rows = new EncodedRows(previous?.buffer);
 * rows.row(entry, 41); // { seq: 41, leaf: <UTF-8 of the canonical text>, leaf_hash: <hex of its leaf hash> }
 */
export class EncodedRows {
  #out: Buffer;
  #used = 0;

  constructor(reuse?: Buffer) {
    this.#out = reuse ?? Buffer.allocUnsafe(4 * 1024 * 1024);
  }

  /** The buffer last written to, for the next batch to reuse. */
  get buffer(): Buffer {
    return this.#out;
  }

  row(entry: AuditEntry, seq: number): EncodedRow {
    const text = encodePrefixed(entry, seq);
    const most = 3 * text.length; // at most 3 UTF-8 bytes per UTF-16 unit
    if (this.#used + most > this.#out.length) {
      // Rows already made keep the old buffer alive through their views; carry on in a bigger one.
      this.#out = Buffer.allocUnsafe(Math.max(2 * this.#out.length, most));
      this.#used = 0;
    }
    const start = this.#used;
    this.#used += this.#out.write(text, start, 'utf8');
    const prefixed = this.#out.subarray(start, this.#used);
    // The hash input is 0x00 || text, exactly the bytes written; the stored leaf is the text after the 0x00.
    return { seq, leaf: prefixed.subarray(1), leaf_hash: sha256HexOfPrefixed(prefixed) };
  }
}

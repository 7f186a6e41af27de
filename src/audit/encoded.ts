import { canonicalJson, type AuditEntry } from './entry.ts';
import { sha256HexOfPrefixed } from './merkle.ts';
import { writeAscii, writeJsonOptional, writeJsonString, writeUint } from './utf8-json.ts';

/** The row an append writes, with the leaf as the UTF-8 bytes of the canonical text. */
export interface EncodedRow {
  readonly seq: number;
  readonly leaf: Buffer;
  readonly leaf_hash: string;
  /** The entry's subject, for the subject index (subject-index.ts). */
  readonly subject: string | null;
}

/**
 * One batch's numbered leaves, encoded to UTF-8 back to back in one buffer that the rows' `leaf` views
 * point into: the leaf hash is taken over those bytes and the store binds them, so no entry becomes a
 * string on the way (decision 0521). The bytes are exactly those of `encodePrefixed(entry, seq)`, which a
 * property test holds. The buffer is reused by the next batch (the store copies what it binds), so pass
 * the previous one's `buffer`.
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

  row(e: AuditEntry, seq: number): EncodedRow {
    // Flat details (an exchange call's grant, provider, found, answer) are written in place; others as text.
    const flatUnits = flatDetailUnits(e.details);
    const details = flatUnits >= 0 ? undefined : canonicalJson(e.details);
    this.#reserve(e, details === undefined ? flatUnits : 3 * details.length);
    const out = this.#out;
    const start = this.#used;
    let p = writeAscii(out, start, '\0{"action":');
    p = writeJsonString(out, p, e.action);
    p = writeAscii(out, p, ',"actor":{"department":');
    p = writeJsonOptional(out, p, e.actor.department);
    p = writeAscii(out, p, ',"id":');
    p = writeJsonString(out, p, e.actor.id);
    p = writeAscii(out, p, ',"kind":');
    p = writeJsonString(out, p, e.actor.kind);
    p = writeAscii(out, p, '},"details":');
    if (details === undefined) p = writeFlatDetails(out, p, e.details);
    else p += out.write(details, p, 'utf8'); // already JSON text (with any lone surrogate escaped)
    p = writeAscii(out, p, ',"items":[');
    for (let i = 0; i < e.items.length; i++) {
      if (i > 0) out[p++] = 0x2c;
      p = writeJsonString(out, p, e.items[i]!);
    }
    p = writeAscii(out, p, '],"outcome":{"decision":');
    p = writeJsonString(out, p, e.outcome.decision);
    p = writeAscii(out, p, ',"reason":');
    p = writeJsonOptional(out, p, e.outcome.reason);
    p = writeAscii(out, p, '},"purpose":');
    p = writeJsonOptional(out, p, e.purpose);
    p = writeAscii(out, p, ',"requestId":');
    p = writeJsonOptional(out, p, e.requestId);
    p = writeAscii(out, p, ',"resource":');
    p = writeJsonOptional(out, p, e.resource);
    p = writeAscii(out, p, ',"seq":');
    p = writeUint(out, p, seq);
    p = writeAscii(out, p, ',"subject":');
    p = writeJsonOptional(out, p, e.subject);
    p = writeAscii(out, p, ',"time":');
    p = writeJsonString(out, p, e.time);
    out[p++] = 0x7d;
    this.#used = p;
    const prefixed = out.subarray(start, p);
    // The hash input is 0x00 || text, exactly the bytes written; the stored leaf is the text after the 0x00.
    return { seq, leaf: prefixed.subarray(1), leaf_hash: sha256HexOfPrefixed(prefixed), subject: e.subject };
  }

  /** Makes room for the entry: at most 6 bytes a UTF-16 unit (an escape), plus the fixed text. */
  #reserve(e: AuditEntry, detailUnits: number): void {
    let units = e.action.length + e.actor.id.length + e.actor.kind.length + e.outcome.decision.length + e.time.length + detailUnits;
    units += (e.actor.department?.length ?? 0) + (e.outcome.reason?.length ?? 0) + (e.purpose?.length ?? 0);
    units += (e.requestId?.length ?? 0) + (e.resource?.length ?? 0) + (e.subject?.length ?? 0);
    for (const item of e.items) units += item.length + 1;
    const most = 6 * units + 512;
    if (this.#used + most <= this.#out.length) return;
    // Rows already made keep the old buffer alive through their views; carry on in a bigger one.
    this.#out = Buffer.allocUnsafe(Math.max(2 * this.#out.length, most));
    this.#used = 0;
  }
}

/**
 * UTF-16 units the details need when every value is text, a finite number, true/false or null (each
 * written at most 6 bytes a unit, as `#reserve` counts), or -1 when a value is anything else.
 */
function flatDetailUnits(details: Readonly<Record<string, unknown>>): number {
  let units = 2;
  for (const key in details) {
    const v = details[key];
    units += key.length + 4;
    if (typeof v === 'string') units += v.length;
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return -1;
      units += 4; // up to 24 characters, at 6 bytes a unit
    } else if (typeof v !== 'boolean' && v !== null && v !== undefined) return -1;
  }
  return units;
}

/** Flat details as `canonicalJson` writes them: keys sorted, undefined values left out. */
function writeFlatDetails(out: Buffer, pos: number, details: Readonly<Record<string, unknown>>): number {
  out[pos++] = 0x7b;
  let first = true;
  for (const key of Object.keys(details).sort()) {
    const v = details[key];
    if (v === undefined) continue;
    if (!first) out[pos++] = 0x2c;
    first = false;
    pos = writeJsonString(out, pos, key);
    out[pos++] = 0x3a;
    if (typeof v === 'string') pos = writeJsonString(out, pos, v);
    else pos = writeAscii(out, pos, v === null ? 'null' : v === true ? 'true' : v === false ? 'false' : JSON.stringify(v));
  }
  out[pos++] = 0x7d;
  return pos;
}

/**
 * The CSV reader of csv.ts working on the file's bytes: fields are found by scanning bytes and
 * only the columns asked for are decoded (a thread that encodes two of nine columns decodes two),
 * so large files cost no whole-chunk string decoding and no strings nobody reads. Same rules as
 * CsvParser — any delimiter, RFC 4180 quotes with the same leniency, CR / LF / CRLF, blank lines
 * skipped, BOM, missing final newline — which the tests check against it. Works because UTF-8
 * never hides an ASCII byte (or the lead of a delimiter) inside another character.
 *
 * @example
 * readCsvFileColumns('people.csv', { delimiter: ',' }, (header) => header.map((h) => h === 'name'), (row) => …);
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface ColumnReadOptions {
  readonly delimiter: string;
  /** Bytes read at a time (tests use tiny chunks to cross every boundary). */
  readonly chunkBytes?: number;
}

/**
 * Calls `onRow` for every record. The first record (the header) is decoded whole and then given
 * to `select`, which says which columns later records need (undefined: all); the others are left ''.
 */
export function readCsvFileColumns(
  path: string,
  options: ColumnReadOptions,
  select: (header: readonly string[]) => readonly boolean[] | undefined,
  onRow: (fields: string[]) => void,
): void {
  const fd = openSync(path, 'r');
  try {
    const scanner = new ByteRecords(options.delimiter, select, onRow);
    // A small file is read in one go into a buffer of its size (a large buffer is off-heap memory
    // that V8 counts towards its next full collection).
    let buf = Buffer.allocUnsafe(options.chunkBytes ?? Math.min(4 << 20, fstatSync(fd).size + 1));
    let kept = 0;
    let first = true;
    for (;;) {
      if (kept === buf.length) {
        // One record longer than the buffer: make room.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, kept);
        buf = bigger;
      }
      const got = readSync(fd, buf, kept, buf.length - kept, null);
      const end = kept + got;
      let from = 0;
      if (first && end >= 3) {
        first = false;
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) from = 3;
      } else if (first && got === 0) first = false;
      const used = scanner.scan(buf, from, end, got === 0);
      if (got === 0) return;
      // The unfinished record moves to the front for the next read.
      kept = end - used;
      buf.copy(buf, 0, used, end);
    }
  } finally {
    closeSync(fd);
  }
}

const NONE = -1;
const QUOTE = 0x22;
const LF = 10;
const CR = 13;

class ByteRecords {
  private readonly delim: Buffer;
  private header = true;
  private wanted: readonly boolean[] | undefined;

  constructor(
    delimiter: string,
    private readonly select: (header: readonly string[]) => readonly boolean[] | undefined,
    private readonly onRow: (fields: string[]) => void,
  ) {
    if (delimiter === '') throw new Error('分隔符不能为空 / the delimiter must not be empty');
    this.delim = Buffer.from(delimiter, 'utf8');
  }

  /** Emits the complete records in buf[from, end); returns where the unfinished one starts. */
  scan(buf: Buffer, from: number, end: number, final: boolean): number {
    let pos = from;
    while (pos < end) {
      const c = buf[pos]!;
      if (c === LF || c === CR) {
        // A blank line (or the LF of a CRLF whose CR ended a line).
        if (c === CR && pos + 1 === end && !final) return pos;
        pos = c === CR && buf[pos + 1] === LF ? pos + 2 : pos + 1;
        continue;
      }
      const next = this.record(buf, pos, end, final);
      if (next < 0) return pos;
      pos = next;
    }
    return pos;
  }

  /** One record from `start`; returns the position after its line end, or -1 if it is not complete. */
  private record(buf: Buffer, start: number, end: number, final: boolean): number {
    const fields: string[] = [];
    const d = this.delim;
    const d0 = d[0]!;
    let i = start;
    for (;;) {
      const want = this.wanted === undefined || this.wanted[fields.length] === true;
      if (i < end && buf[i] === QUOTE) {
        const r = this.quotedField(buf, i + 1, end, final, want);
        if (r === undefined) return NONE;
        fields.push(r.text);
        i = r.next;
      } else {
        let j = i;
        let ascii = true;
        while (j < end) {
          const c = buf[j]!;
          if (c === LF || c === CR || (c === d0 && matches(buf, j, end, d))) break;
          if (c >= 0x80) ascii = false;
          j++;
        }
        // No stop before the chunk ends (a delimiter may be cut in two): wait for more.
        if (j >= end && !final) return NONE;
        fields.push(want && j > i ? buf.toString(ascii ? 'latin1' : 'utf8', i, j) : '');
        i = j;
      }
      if (i >= end) {
        if (!final) return NONE;
        this.emit(fields);
        return end;
      }
      if (matches(buf, i, end, d)) {
        i += d.length;
        continue;
      }
      // Line end. A CR at the very end of a chunk may be the first half of CRLF.
      if (buf[i] === CR && i + 1 === end && !final) return NONE;
      this.emit(fields);
      return buf[i] === CR && buf[i + 1] === LF ? i + 2 : i + 1;
    }
  }

  /**
   * A field that starts with a quote (content from `i`): doubled quotes are one quote; a quote
   * followed by anything but a delimiter or line end is kept as text; text after the closing
   * quote up to the delimiter is kept too — CsvParser's rules.
   */
  private quotedField(buf: Buffer, i: number, end: number, final: boolean, want: boolean): { text: string; next: number } | undefined {
    const d = this.delim;
    let text = '';
    for (;;) {
      const q = buf.indexOf(QUOTE, i);
      if (q < 0 || q >= end) {
        if (!final) return undefined;
        if (want) text += buf.toString('utf8', i, end);
        i = end;
        break;
      }
      if (want) text += buf.toString('utf8', i, q);
      i = q + 1;
      if (i < end && buf[i] === QUOTE) {
        if (want) text += '"';
        i++;
        continue;
      }
      if (!final && (i >= end || (end - i < d.length && d.subarray(0, end - i).equals(buf.subarray(i, end))))) return undefined;
      if (i >= end || matches(buf, i, end, d) || buf[i] === LF || buf[i] === CR) break;
      if (want) text += '"';
    }
    let j = i;
    while (j < end && buf[j] !== LF && buf[j] !== CR && !matches(buf, j, end, d)) j++;
    if (j >= end && !final) return undefined;
    if (want && j > i) text += buf.toString('utf8', i, j);
    return { text, next: j };
  }

  private emit(fields: string[]): void {
    this.onRow(fields);
    if (this.header) {
      this.header = false;
      this.wanted = this.select(fields);
    }
  }
}

function matches(buf: Buffer, at: number, end: number, d: Buffer): boolean {
  if (at + d.length > end) return false;
  for (let k = 0; k < d.length; k++) if (buf[at + k] !== d[k]) return false;
  return true;
}

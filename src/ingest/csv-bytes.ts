import { invalidInput } from '../shared/errors.ts';

/**
 * A streaming CSV parser over UTF-8 bytes for department exports: RFC 4180 quoting (quoted
 * delimiters, quotes and line breaks), CRLF, LF or CR line ends, a delimiter guessed from the first
 * line (`,` `\t` `;` `|`), and lenient handling of the malformed quoting hand-made files have (a stray
 * quote inside a field is kept as text, text after a closing quote is kept).
 *
 * Rows come out as byte spans, not strings: decoding a million-row file to JavaScript strings costs
 * more than parsing and validating it (docs/decisions/0305-ingest-byte-pipeline.md). A row's cells are
 * `buf.subarray(starts[i], ends[i])`; for a row without quotes `buf` is the input chunk itself, for a
 * quoted row a scratch buffer holding the unquoted cells. The row object and its buffers are reused:
 * the callback must take what it needs before returning.
 *
 * A row that grows past `maxRowBytes` without ending (an unclosed quote, or a file that is not CSV) is
 * a clear error rather than unbounded memory.
 *
 * @example
 * const rows: string[][] = [];
 * const p = new ByteCsvParser((row) => rows.push(cellStrings(row)));
 * p.push(Buffer.from('姓名,备注\r\n张三,"a, ""b"""\r\n')); p.end();
 * rows; // [['姓名', '备注'], ['张三', 'a, "b"']]
 */
export interface ByteRow {
  buf: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  /** Number of cells. */
  count: number;
}

export const DEFAULT_MAX_ROW_BYTES = 4 << 20;

const CANDIDATES = [',', '\t', ';', '|'];
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The delimiter that occurs most often outside quotes in the first line; ',' when none does. */
export function guessDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of CANDIDATES) {
    let count = 0;
    let quoted = false;
    for (let i = 0; i < firstLine.length; i++) {
      const c = firstLine[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && c === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** The cells of a row as strings. */
export function cellStrings(row: ByteRow): string[] {
  const out = new Array<string>(row.count);
  for (let i = 0; i < row.count; i++) out[i] = row.buf.toString('utf8', row.starts[i]!, row.ends[i]!);
  return out;
}

function firstLineEnd(buf: Buffer): number {
  const lf = buf.indexOf(LF);
  const cr = buf.indexOf(CR);
  if (lf < 0) return cr;
  return cr < 0 ? lf : Math.min(lf, cr);
}

export class ByteCsvParser {
  private rest: Buffer = Buffer.alloc(0);
  private work: Buffer = Buffer.alloc(0);
  private delim = -1;
  private sep = LF;
  private readonly row: ByteRow = { buf: Buffer.alloc(0), starts: new Int32Array(64), ends: new Int32Array(64), count: 0 };
  private scratch = Buffer.allocUnsafe(4096);
  private scratchLen = 0;
  /** Rows emitted so far (1-based number of the last row). */
  rows = 0;

  constructor(
    private readonly onRow: (row: ByteRow) => void,
    private readonly options: { delimiter?: string; maxRowBytes?: number } = {},
  ) {}

  get delimiter(): string {
    return this.delim < 0 ? '' : String.fromCharCode(this.delim);
  }

  push(chunk: Buffer): void {
    const buf = this.rest.length === 0 ? chunk : this.joined(chunk);
    if (this.delim < 0) {
      const nl = firstLineEnd(buf);
      // A CR at the end of what has arrived may be the first half of a CRLF.
      const undecided = nl < 0 || (buf[nl] === CR && nl + 1 >= buf.length);
      if (undecided && buf.length < (this.options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES)) {
        this.rest = buf;
        return;
      }
      this.start(buf, nl < 0 ? buf.length : nl);
    }
    const at = this.parse(buf, false);
    // The tail is copied: it must not pin the whole chunk, which the caller may reuse.
    this.rest = at >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(at));
    const limit = this.options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES;
    if (this.rest.length > limit) {
      throw invalidInput(
        `第 ${this.rows + 1} 行超过 ${Math.round(limit / 1024)} KB 仍未结束（引号未闭合，或不是 CSV 文件）/ row ${this.rows + 1} runs past the size limit without ending (an unclosed quote, or not a CSV file)`,
        [{ path: `/rows/${this.rows + 1}`, message: 'row too long' }],
      );
    }
  }

  /** The unparsed tail followed by the chunk, in a work buffer that is reused from push to push. */
  private joined(chunk: Buffer): Buffer {
    const need = this.rest.length + chunk.length;
    if (this.work.length < need) this.work = Buffer.allocUnsafeSlow(Math.max(need, this.work.length * 2));
    this.rest.copy(this.work, 0);
    chunk.copy(this.work, this.rest.length);
    return this.work.subarray(0, need);
  }

  end(): void {
    const buf = this.rest;
    this.rest = Buffer.alloc(0);
    if (this.delim < 0) {
      const nl = firstLineEnd(buf);
      this.start(buf, nl < 0 ? buf.length : nl);
    }
    if (buf.length > 0) this.parse(buf, true);
  }

  private start(buf: Buffer, lineEnd: number): void {
    const d = this.options.delimiter ?? guessDelimiter(buf.toString('utf8', 0, lineEnd));
    if (d.length !== 1 || d.charCodeAt(0) > 0x7f) throw new Error(`the CSV delimiter must be one ASCII character, got ${JSON.stringify(d)}`);
    this.delim = d.charCodeAt(0);
    // Old Mac exports end lines with CR alone.
    if (buf[lineEnd] === CR && lineEnd + 1 < buf.length && buf[lineEnd + 1] !== LF) this.sep = CR;
  }

  private cell(index: number, start: number, end: number): void {
    if (index >= this.row.starts.length) this.growCells();
    this.row.starts[index] = start;
    this.row.ends[index] = end;
  }

  private growCells(): void {
    const row = this.row;
    const starts = new Int32Array(row.starts.length * 2);
    const ends = new Int32Array(row.starts.length * 2);
    starts.set(row.starts);
    ends.set(row.ends);
    row.starts = starts;
    row.ends = ends;
  }

  private emit(buf: Buffer, count: number): void {
    this.row.buf = buf;
    this.row.count = count;
    this.rows++;
    this.onRow(this.row);
  }

  /** Parses complete rows; returns the position of the unparsed tail. */
  private parse(buf: Buffer, final: boolean): number {
    const n = buf.length;
    const sep = this.sep;
    const delim = this.delim;
    let pos = 0;
    // The next quote is found once and reused: searching from every line would rescan the chunk.
    let q = -2;
    while (pos < n) {
      let nl = buf.indexOf(sep, pos);
      if (nl < 0) {
        if (!final) return pos;
        nl = n;
      }
      if (q !== -1 && q < pos) q = buf.indexOf(QUOTE, pos);
      if (q < 0 || q > nl) {
        const end = nl > pos && buf[nl - 1] === CR ? nl - 1 : nl;
        const row = this.row;
        let { starts, ends } = row;
        let count = 0;
        let cellStart = pos;
        for (let i = pos; i < end; i++) {
          if (buf[i] === delim) {
            if (count === starts.length) {
              this.growCells();
              ({ starts, ends } = row);
            }
            starts[count] = cellStart;
            ends[count++] = i;
            cellStart = i + 1;
          }
        }
        this.cell(count++, cellStart, end);
        this.emit(buf, count);
        pos = nl + 1;
      } else {
        const next = this.quotedRow(buf, pos, final);
        if (next < 0) return pos;
        pos = next;
      }
    }
    return n;
  }

  private append(buf: Buffer, start: number, end: number): void {
    const len = end - start;
    if (this.scratchLen + len > this.scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, this.scratchLen + len));
      this.scratch.copy(bigger, 0, 0, this.scratchLen);
      this.scratch = bigger;
    }
    buf.copy(this.scratch, this.scratchLen, start, end);
    this.scratchLen += len;
  }

  /**
   * A row holding at least one quote, field by field, its cells copied unquoted into the scratch
   * buffer. Returns the position after it, or -1 if the row is not complete in `buf`.
   */
  private quotedRow(buf: Buffer, start: number, final: boolean): number {
    const n = buf.length;
    const dc = this.delim;
    const sc = this.sep;
    this.scratchLen = 0;
    let count = 0;
    let pos = start;
    for (;;) {
      const cellStart = this.scratchLen;
      if (pos < n && buf[pos] === QUOTE) {
        let i = pos + 1;
        for (;;) {
          const q = buf.indexOf(QUOTE, i);
          if (q < 0) {
            if (!final) return -1;
            this.append(buf, i, n);
            pos = n;
            break;
          }
          // A quote at the very end of the buffer may be the first half of an escaped "".
          if (q + 1 >= n && !final) return -1;
          if (buf[q + 1] === QUOTE) {
            this.append(buf, i, q + 1);
            i = q + 2;
            continue;
          }
          this.append(buf, i, q);
          pos = q + 1;
          break;
        }
      }
      // An unquoted field, or text after a closing quote, which spreadsheets keep.
      let j = pos;
      while (j < n) {
        const c = buf[j];
        if (c === dc || c === sc) break;
        j++;
      }
      if (j >= n && !final) return -1;
      const atLineEnd = j < n && buf[j] === sc;
      const end = atLineEnd && sc === LF && j > pos && buf[j - 1] === CR ? j - 1 : j;
      this.append(buf, pos, end);
      this.cell(count++, cellStart, this.scratchLen);
      if (j >= n) {
        this.emit(this.scratch, count);
        return n;
      }
      if (!atLineEnd) {
        pos = j + 1;
        if (pos >= n) {
          if (!final) return -1;
          this.cell(count++, this.scratchLen, this.scratchLen);
          this.emit(this.scratch, count);
          return n;
        }
        continue;
      }
      this.emit(this.scratch, count);
      return j + 1;
    }
  }
}

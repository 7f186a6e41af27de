/**
 * A small, fast CSV reader/writer for department files: any delimiter (multi-character such as
 * FEBRL's ", "), RFC 4180 quoting, CRLF/LF/CR line ends, UTF-8 BOM, missing final newline,
 * blank lines skipped. Incremental, so a large file streams through in chunks.
 *
 * @example
 * const rows: string[][] = [];
 * const p = new CsvParser({ delimiter: ', ' }, (r) => rows.push(r));
 * p.push('\uFEFFrec_id, surname\r\nrec-1-org, smith'); p.end();
 * rows // [['rec_id', 'surname'], ['rec-1-org', 'smith']]
 */
import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface CsvOptions {
  readonly delimiter?: string;
  readonly quote?: string;
}

export class CsvParser {
  private buf = '';
  private started = false;
  private readonly delim: string;
  private readonly quote: string;

  constructor(options: CsvOptions, private readonly onRow: (fields: string[]) => void) {
    this.delim = options.delimiter ?? ',';
    this.quote = options.quote ?? '"';
    if (this.delim === '') throw new Error('分隔符不能为空 / the delimiter must not be empty');
  }

  push(chunk: string): void {
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
    this.buf = '';
  }

  private drain(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    const lf = new NextIndex(buf, '\n');
    const cr = new NextIndex(buf, '\r');
    const quote = new NextIndex(buf, this.quote);
    const delim = new NextIndex(buf, this.delim);
    let pos = 0;
    while (pos < n) {
      const nl = Math.min(lf.from(pos), cr.from(pos));
      if (nl === NONE && !final) break;
      const lineEnd = nl === NONE ? n : nl;
      if (quote.from(pos) >= lineEnd) {
        // A CR at the very end of a chunk may be the first half of CRLF: wait for more input.
        if (nl === n - 1 && buf.charCodeAt(nl) === 13 && !final) break;
        if (lineEnd > pos) this.onRow(buf.slice(pos, lineEnd).split(this.delim));
        pos = nl === NONE ? n : skipNewline(buf, nl);
        continue;
      }
      const next = this.quotedRecord(buf, pos, final, { lf, cr, delim });
      if (next < 0) break;
      pos = next;
    }
    this.buf = pos === 0 ? buf : buf.slice(pos);
  }

  /** Character-level parse of one record starting at `start`; -1 when it is not complete yet. */
  private quotedRecord(buf: string, start: number, final: boolean, stops: Stops): number {
    const { delim, quote } = this;
    const n = buf.length;
    const fields: string[] = [];
    let i = start;
    for (;;) {
      let field = '';
      if (buf.startsWith(quote, i)) {
        i += quote.length;
        for (;;) {
          const q = buf.indexOf(quote, i);
          if (q < 0) {
            if (!final) return -1;
            field += buf.slice(i);
            i = n;
            break;
          }
          field += buf.slice(i, q);
          i = q + quote.length;
          if (buf.startsWith(quote, i)) {
            field += quote;
            i += quote.length;
            continue;
          }
          // At the end of a chunk we cannot yet tell "" from " + delimiter: wait for more.
          if (!final && (i >= n || (n - i < delim.length && delim.startsWith(buf.slice(i))))) return -1;
          if (i >= n || buf.startsWith(delim, i) || buf[i] === '\n' || buf[i] === '\r') break;
          // A stray quote inside a quoted field: keep it as text (lenient, like most readers).
          field += quote;
        }
        // Text between a closing quote and the delimiter is kept rather than lost.
        const stop = nextStop(stops, i);
        if (stop === NONE && !final) return -1;
        const end = stop === NONE ? n : stop;
        field += buf.slice(i, end);
        i = end;
      } else {
        const stop = nextStop(stops, i);
        if (stop === NONE && !final) return -1;
        const end = stop === NONE ? n : stop;
        field = buf.slice(i, end);
        i = end;
      }
      fields.push(field);
      if (i >= n) {
        this.onRow(fields);
        return n;
      }
      if (buf.startsWith(delim, i)) {
        i += delim.length;
        continue;
      }
      if (buf.charCodeAt(i) === 13 && i === n - 1 && !final) return -1;
      this.onRow(fields);
      return skipNewline(buf, i);
    }
  }
}

const NONE = Number.POSITIVE_INFINITY;

/**
 * indexOf with memory: asking again from a later position reuses the last answer while it is
 * still ahead, so scanning a whole buffer costs O(n) rather than O(n) per line.
 */
class NextIndex {
  private at = -1;
  private found = 0;
  constructor(private readonly buf: string, private readonly needle: string) {}
  from(pos: number): number {
    if (this.found === NONE) return NONE;
    if (this.at < 0 || this.found < pos) {
      const k = this.buf.indexOf(this.needle, pos);
      this.found = k < 0 ? NONE : k;
      this.at = pos;
    }
    return this.found;
  }
}

interface Stops {
  readonly lf: NextIndex;
  readonly cr: NextIndex;
  readonly delim: NextIndex;
}

function skipNewline(buf: string, nl: number): number {
  return buf.charCodeAt(nl) === 13 && buf.charCodeAt(nl + 1) === 10 ? nl + 2 : nl + 1;
}

/** Position of the next delimiter or line end from i, NONE if none. */
function nextStop(stops: Stops, i: number): number {
  return Math.min(stops.delim.from(i), stops.lf.from(i), stops.cr.from(i));
}

/** Parses a whole string. */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  const rows: string[][] = [];
  const p = new CsvParser(options, (r) => rows.push(r));
  p.push(text);
  p.end();
  return rows;
}

/** Streams a UTF-8 file through the parser in 4 MB chunks (small files in one read). */
export function readCsvFile(path: string, options: CsvOptions, onRow: (fields: string[]) => void): void {
  const parser = new CsvParser(options, onRow);
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.allocUnsafe(Math.min(Math.max(size, 1), 4 << 20));
    for (;;) {
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      parser.push(decoder.write(chunk.subarray(0, got)));
    }
    const tail = decoder.end();
    if (tail) parser.push(tail);
    parser.end();
  } finally {
    closeSync(fd);
  }
}

/** One field, quoted only when needed so that parseCsv gives it back unchanged. */
export function formatCsvField(value: string, delimiter = ',', quote = '"', lastInRow = false): string {
  const needs =
    value.startsWith(quote) ||
    value.includes(delimiter) ||
    value.includes('\n') ||
    value.includes('\r') ||
    // e.g. delimiter ", " after a value ending in "," must not match one character early
    (!lastInRow && delimiter.length > 1 && (value + delimiter).indexOf(delimiter) !== value.length);
  return needs ? quote + value.split(quote).join(quote + quote) + quote : value;
}

export function formatCsvRow(fields: readonly string[], delimiter = ','): string {
  if (fields.length === 1 && fields[0] === '') return '""';
  return fields.map((f, i) => formatCsvField(f, delimiter, '"', i === fields.length - 1)).join(delimiter);
}

/**
 * Buffered line writer to a file descriptor: lines are encoded straight into one reused buffer, so
 * millions of output rows cost few syscalls and no intermediate strings.
 */
export class LineWriter {
  private readonly buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private readonly fd: number;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  line(s: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    const most = s.length * 3 + 1;
    if (this.used + most > this.buf.length) {
      this.flush();
      if (most > this.buf.length) {
        writeSync(this.fd, `${s}\n`);
        return;
      }
    }
    this.used += this.buf.write(s, this.used, 'utf8');
    this.buf[this.used++] = 10;
  }
  flush(): void {
    if (this.used === 0) return;
    let at = 0;
    while (at < this.used) at += writeSync(this.fd, this.buf, at, this.used - at);
    this.used = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

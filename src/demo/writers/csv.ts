import { encodeGbk } from './gbk.ts';
import { FileSink } from './sink.ts';

/**
 * Streams CSV rows (RFC 4180 quoting) to a file in UTF-8, UTF-8 with BOM, or GBK.
 * Rows are joined into ~1 MB strings and encoded a chunk at a time (GBK through the
 * lookup table in gbk.ts), so encoding costs per chunk, not per cell.
 *
 * @example
 * const csv = await CsvWriter.open('/tmp/a.csv', { encoding: 'gbk', lineEnding: '\r\n' });
 * csv.row(['姓名', '公民身份号码']);
 * if (csv.needsDrain) await csv.drain();
 * await csv.close();
 */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

export interface CsvOptions {
  readonly encoding: CsvEncoding;
  readonly lineEnding: '\n' | '\r\n';
}

const CHUNK_CHARS = 1 << 20;
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE_OR_BREAK = /["\r\n]/;

function commas(line: string): number {
  let n = 0;
  for (let at = line.indexOf(','); at >= 0; at = line.indexOf(',', at + 1)) n++;
  return n;
}

export function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export class CsvWriter {
  private readonly sink: FileSink;
  private readonly options: CsvOptions;
  // Lines are joined once per chunk: a flat string encodes far faster than a += rope.
  private pending: string[] = [];
  private pendingChars = 0;
  rows = 0;

  private constructor(sink: FileSink, options: CsvOptions) {
    this.sink = sink;
    this.options = options;
  }

  static async open(path: string, options: CsvOptions): Promise<CsvWriter> {
    const writer = new CsvWriter(await FileSink.open(path), options);
    if (options.encoding === 'utf-8-bom') writer.sink.write(Buffer.from([0xef, 0xbb, 0xbf]));
    return writer;
  }

  row(cells: readonly string[]): void {
    let line = cells.join(',');
    // Most rows need no quoting: then the joined line has exactly one comma per separator.
    if (QUOTE_OR_BREAK.test(line) || commas(line) !== cells.length - 1) line = cells.map(csvCell).join(',');
    this.pending.push(line);
    this.pendingChars += line.length;
    this.rows++;
    if (this.pendingChars >= CHUNK_CHARS) this.flush();
  }

  /** Appends a line the caller has already formatted as CSV (no line ending). */
  line(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    this.rows++;
    if (this.pendingChars >= CHUNK_CHARS) this.flush();
  }

  get needsDrain(): boolean {
    return this.sink.needsDrain;
  }

  drain(): Promise<void> {
    return this.sink.drain();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const eol = this.options.lineEnding;
    const text = this.pending.join(eol) + eol;
    this.pending = [];
    this.pendingChars = 0;
    this.sink.write(this.options.encoding === 'gbk' ? encodeGbk(text) : Buffer.from(text, 'utf8'));
  }

  async close(): Promise<void> {
    this.flush();
    await this.sink.close();
  }

  get bytes(): number {
    return this.sink.bytes;
  }
}

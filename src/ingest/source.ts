import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { invalidInput } from '../shared/errors.ts';
import type { Reason } from '../standards/index.ts';
import { JsonRows } from './json-rows.ts';
import { detectEncoding, encodingLabel, ENCODING_SAMPLE_BYTES, textDecoderFor } from './text-decode.ts';
import { utf8Chunks } from './utf8-chunks.ts';

/**
 * What a department hands over, opened as batches of raw rows whatever its format: the format is
 * sniffed from the first bytes (zip → XLSX, `[`/`{` → JSON or NDJSON, anything else → CSV whose
 * encoding is detected), the content is hashed as it is read (for duplicate detection). JSON and
 * XLSX rows come out as arrays of cell text with their row number in the file; CSV comes out as
 * UTF-8 chunks for the byte parser (csv-bytes.ts), whatever the file's encoding.
 *
 * @example
 * const src = await openSource({ kind: 'file', path: '/tmp/户籍.csv' });
 * for await (const rows of src.rows) …;  src.hash(); // SHA-256 of the bytes
 */
export type SourceInput =
  | { readonly kind: 'file'; readonly path: string; readonly fileName?: string | undefined }
  | { readonly kind: 'buffer'; readonly buffer: Buffer; readonly fileName?: string | undefined }
  | { readonly kind: 'records'; readonly records: readonly unknown[] };

export type SourceFormat = 'csv' | 'xlsx' | 'json';

export interface RawRow {
  readonly rowNo: number;
  readonly cells: string[];
  /** The row could not be read as a record (malformed JSON element). */
  readonly error?: Reason | undefined;
}

interface Opened {
  readonly encoding: string | null;
  /** Hex CONTENT_HASH of the content; complete once the rows or bytes are exhausted. */
  hash(): string;
}

export type OpenedSource = Opened & (
  | {
    readonly format: 'xlsx' | 'json';
    /** For JSON the header is the field names, growing as rows are read; null when a header row is in the data. */
    readonly fieldNames: string[] | null;
    readonly rows: AsyncGenerator<RawRow[]>;
  }
  | { readonly format: 'csv'; readonly utf8: AsyncGenerator<Buffer> }
);

const CHUNK = 256 * 1024;

/** The hash that recognises a resubmitted file: SHA-256, hardware-accelerated (SHA extensions) on the machines this runs on. */
export const CONTENT_HASH = 'sha256';

function sniff(head: Buffer, fileName: string | undefined): SourceFormat {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw invalidInput('不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx / the legacy .xls format is not supported: save as .xlsx', [{ path: '/file', message: 'xls' }]);
  }
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x5b || head[i] === 0x7b) return 'json';
  if (fileName && /\.(xlsx|xlsm)$/i.test(fileName)) {
    throw invalidInput('文件扩展名为 .xlsx，但内容不是 Excel 工作簿 / the file is named .xlsx but is not a workbook', [{ path: '/file', message: 'not a zip' }]);
  }
  return 'csv';
}

async function* byteChunks(input: Extract<SourceInput, { kind: 'file' | 'buffer' }>, hash: Hash): AsyncGenerator<Buffer> {
  if (input.kind === 'buffer') {
    // A buffer handed to a worker thread arrives as a plain Uint8Array.
    const { buffer, byteOffset, byteLength } = input.buffer;
    const bytes = Buffer.isBuffer(input.buffer) ? input.buffer : Buffer.from(buffer, byteOffset, byteLength);
    for (let at = 0; at < bytes.length; at += CHUNK) {
      const chunk = bytes.subarray(at, at + CHUNK);
      hash.update(chunk);
      yield chunk;
    }
    return;
  }
  const fh = await open(input.path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw invalidInput(`无法读取文件 ${input.path}：${error.code ?? error.message} / cannot read the file`, [{ path: '/file', message: error.code ?? 'unreadable' }]);
  });
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      hash.update(chunk);
      yield chunk;
    }
  } finally {
    await fh.close();
  }
}

export async function openSource(input: SourceInput): Promise<OpenedSource> {
  const hash = createHash(CONTENT_HASH);
  let digest: string | undefined;
  const finish = () => (digest ??= hash.digest('hex'));

  if (input.kind === 'records') {
    hash.update(JSON.stringify(input.records));
    let batch: RawRow[] = [];
    const json = new JsonRows((row) => batch.push({ rowNo: json.rows, cells: row.cells, error: row.error }));
    const records = input.records;
    const rows = async function* (): AsyncGenerator<RawRow[]> {
      for (const r of records) {
        json.record(r);
        if (batch.length >= 5000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    };
    return { format: 'json', encoding: null, fieldNames: json.header, rows: rows(), hash: finish };
  }

  const chunks = byteChunks(input, hash);
  const first = await chunks.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  const fileName = input.kind === 'file' ? input.fileName ?? input.path : input.fileName;
  if (head.length === 0) throw invalidInput('文件为空 / the file is empty', [{ path: '/file', message: 'empty' }]);
  const format = sniff(head, fileName);

  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    yield* chunks;
  }

  if (format === 'xlsx') {
    return { format, encoding: null, fieldNames: null, rows: xlsxRaw(Readable.from(all())), hash: finish };
  }

  const detected = detectEncoding(head.subarray(0, ENCODING_SAMPLE_BYTES));
  if (format === 'json') {
    const collected: RawRow[] = [];
    const json = new JsonRows((row) => collected.push({ rowNo: json.rows, cells: row.cells, error: row.error }));
    return { format, encoding: encodingLabel(detected), fieldNames: json.header, rows: textRows(all(), textDecoderFor(detected), json, collected), hash: finish };
  }
  return { format, encoding: encodingLabel(detected), utf8: utf8Chunks(all(), detected), hash: finish };
}

async function* textRows(bytes: AsyncGenerator<Buffer>, decoder: TextDecoder, parser: { push(s: string): void; end(): void }, collected: RawRow[]): AsyncGenerator<RawRow[]> {
  for await (const chunk of bytes) {
    parser.push(decoder.decode(chunk, { stream: true }));
    if (collected.length > 0) yield collected.splice(0, collected.length);
  }
  parser.push(decoder.decode());
  parser.end();
  if (collected.length > 0) yield collected.splice(0, collected.length);
}

async function* xlsxRaw(stream: Readable): AsyncGenerator<RawRow[]> {
  // exceljs is large: loaded only when a workbook arrives, not by every CSV import's worker.
  const { xlsxRows } = await import('./xlsx-rows.ts');
  for await (const batch of xlsxRows(stream)) yield batch;
}

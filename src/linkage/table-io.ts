/**
 * Reading department CSV files into the encoded store: header checks with clear messages,
 * a cheap scan for Chinese text (so pinyin / OpenCC load only when needed), and rows streamed
 * straight into the dictionaries.
 *
 * @example
 * const zh = fileHasCjk('people.csv') ? await loadChineseTools() : undefined;
 * const store = createStore(fields, { chinese: zh });
 * readTableInto(store, 'people.csv', { delimiter: ',', idColumn: 'id' });
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { CsvParser } from './csv.ts';
import { readCsvFileColumns } from './csv-bytes.ts';
import type { RecordStore } from './encode/store.ts';
import type { FieldSpec } from './kinds.ts';
import { invalidInput, notFound } from '../shared/errors.ts';

export interface TableReadOptions {
  readonly delimiter: string;
  readonly idColumn: string;
  /** Called every 100 000 rows. */
  readonly onProgress?: (rows: number) => void;
  /** Encode only these columns (other threads encode the rest); default all of the store's fields. */
  readonly columns?: ReadonlySet<string>;
  /** Keep record ids (default true); a helper thread that encodes columns only does not need them. */
  readonly recordIds?: boolean;
}

export interface TableReadResult {
  readonly rows: number;
  readonly header: readonly string[];
  /** Rows with fewer fields than the header (missing trailing values are treated as empty). */
  readonly shortRows: number;
}

/** True when the UTF-8 file holds a CJK ideograph (lead bytes E3–E9 cover U+3000–U+9FFF). */
export function fileHasCjk(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(4 << 20);
    for (;;) {
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) return false;
      const view = chunk.subarray(0, got);
      for (let lead = 0xe3; lead <= 0xe9; lead++) if (view.indexOf(lead) >= 0) return true;
    }
  } finally {
    closeSync(fd);
  }
}

export function assertReadableFile(path: string, role: string): void {
  if (!existsSync(path)) throw notFound(`${role}文件不存在 / ${role === '左侧' ? 'left' : 'right'} file not found: ${path}`);
  if (!statSync(path).isFile()) throw invalidInput(`${role}路径不是文件 / not a file: ${path}`, [{ path: `/${role}`, message: path }]);
}

/**
 * Appends the rows of a CSV file to the store; header names are trimmed (FEBRL pads them). Only
 * the columns this store encodes (and the id) are decoded.
 */
export function readTableInto(store: RecordStore, path: string, options: TableReadOptions): TableReadResult {
  let header: string[] | undefined;
  let positions: number[] = [];
  let idPos = -1;
  let rows = 0;
  let shortRows = 0;
  const keepIds = options.recordIds ?? true;
  const select = (raw: readonly string[]): boolean[] => {
    header = checkHeader(path, raw, store.fields, options.idColumn);
    idPos = header.indexOf(options.idColumn);
    positions = store.fields.map((f) => (options.columns === undefined || options.columns.has(f.column) ? header!.indexOf(f.column) : -1));
    return header.map((_, c) => (keepIds && c === idPos) || positions.includes(c));
  };
  readCsvFileColumns(path, { delimiter: options.delimiter }, select, (row) => {
    if (header === undefined) return;
    if (row.length < header.length) shortRows++;
    const id = keepIds ? row[idPos]?.trim() || `row-${rows + 1}` : '';
    store.addRow(id, row, positions);
    rows++;
    if (options.onProgress && rows % 100000 === 0) options.onProgress(rows);
  });
  if (header === undefined) throw emptyFile(path);
  return { rows, header, shortRows };
}

/** The trimmed header of a CSV file, checked for the id column and every field's column. */
export function readHeader(path: string, delimiter: string, fields: readonly FieldSpec[], idColumn: string): string[] {
  let header: string[] | undefined;
  const parser = new CsvParser({ delimiter }, (row) => (header ??= row));
  const decoder = new StringDecoder('utf8');
  const chunk = Buffer.allocUnsafe(1 << 16);
  const fd = openSync(path, 'r');
  try {
    while (header === undefined) {
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) {
        parser.push(decoder.end());
        parser.end();
        break;
      }
      parser.push(decoder.write(chunk.subarray(0, got)));
    }
  } finally {
    closeSync(fd);
  }
  if (header === undefined) throw emptyFile(path);
  return checkHeader(path, header, fields, idColumn);
}

function checkHeader(path: string, row: readonly string[], fields: readonly FieldSpec[], idColumn: string): string[] {
  const header = row.map((h) => h.trim());
  if (!header.includes(idColumn)) throw unknownColumn(path, idColumn, header, '--id');
  for (const f of fields) if (!header.includes(f.column)) throw unknownColumn(path, f.column, header, '--fields');
  return header;
}

function emptyFile(path: string): Error {
  return invalidInput(`文件为空，缺少表头 / empty file, no header row: ${path}`, [{ path: '/file', message: path }]);
}

function unknownColumn(path: string, column: string, header: readonly string[], option: string): Error {
  return invalidInput(`${option} 中的列 "${column}" 不在文件 ${path} 的表头中 / column "${column}" (${option}) is not in the header of ${path}; columns: ${header.join(', ')}`, [
    { path: option, message: column },
  ]);
}

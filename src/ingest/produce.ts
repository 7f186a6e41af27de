import { invalidInput } from '../shared/errors.ts';
import { headerKey } from '../standards/index.ts';
import { compileResource, type ResourceSpec } from './compile.ts';
import { ByteCsvParser, cellStrings, type ByteRow } from './csv-bytes.ts';
import { findHeaderRow, HEADER_SEARCH_ROWS, mapColumns, type ColumnMapping, type SavedMapping } from './header.ts';
import { sortByHash } from './key-hash.ts';
import { RowPreparer, type PrepareStats, type PreparedChunk } from './prepare.ts';
import { openSource, type RawRow, type SourceInput } from './source.ts';
import { threadCpuMs } from '../shared/thread-cpu.ts';
import type { SortedKeys } from './writer.ts';

/**
 * The read side of a batch, independent of storage: opens the source, finds the header row, maps
 * columns to items, and prepares rows in chunks. Runs in the calling thread for small inputs and in
 * a worker for large files (see run-producer.ts); either way the writer consumes the same messages.
 *
 * @example
 * for await (const m of produce({ kind: 'file', path }, spec, {})) if (m.type === 'chunk') write(m.chunk);
 */
export interface StartInfo {
  readonly format: string;
  readonly encoding: string | null;
  readonly header: string[];
  /** Row number of the header in the file; 0 for JSON. */
  readonly headerRowNo: number;
  readonly mapping: Record<string, string | null>;
  readonly unmappedHeaders: readonly string[];
  readonly unmappedItems: readonly string[];
}

export type ProducerMessage =
  | { readonly type: 'start'; readonly info: StartInfo }
  | { readonly type: 'chunk'; readonly chunk: PreparedChunk; readonly rowsRead: number }
  | {
    readonly type: 'end'; readonly stats: PrepareStats; readonly hash: string; readonly blankRows: number; readonly info: StartInfo;
    readonly sortedKeys?: SortedKeys | undefined;
    /** CPU time of the thread that read the batch, where the platform tells (shared/thread-cpu.ts). */
    readonly cpuMs?: number | undefined;
  };

export interface ProduceOptions {
  readonly chunkRows?: number | undefined;
  /** Collect every accepted row's key hash and hand them over sorted at the end (writer.ts SortedKeys). */
  readonly sortKeys?: boolean | undefined;
}

/** The column an error report carries so that corrected rows find the quarantine entry they fix. */
export const ORIGIN_HEADER = '原行号';
const ORIGIN_HEADERS = new Set([ORIGIN_HEADER, 'sourcerow', 'source_row', '_row']);

function isBlank(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c !== '' && c.trim() !== '') return false;
  }
  return true;
}

/** A byte row that is certainly not blank, without decoding it: some cell holds a visible ASCII character. */
function visiblyFilled(row: ByteRow): boolean {
  const { buf, starts, ends } = row;
  for (let c = 0; c < row.count; c++) {
    for (let i = starts[c]!; i < ends[c]!; i++) {
      const b = buf[i]!;
      if (b > 0x20 && b < 0x7f) return true;
    }
  }
  return false;
}

/** Key hashes of the accepted rows in order, growing as chunks come. */
class KeyHashes {
  private hashes = new Float64Array(1 << 16);
  private count = 0;

  add(hashes: ArrayLike<number>): void {
    if (this.count + hashes.length > this.hashes.length) {
      const bigger = new Float64Array(Math.max(this.hashes.length * 2, this.count + hashes.length));
      bigger.set(this.hashes.subarray(0, this.count));
      this.hashes = bigger;
    }
    for (let i = 0; i < hashes.length; i++) this.hashes[this.count++] = hashes[i]!;
  }

  sorted(): SortedKeys {
    return sortByHash(this.hashes.subarray(0, this.count));
  }}

function checkMapping(mapping: ColumnMapping, spec: ResourceSpec, header: readonly string[]): void {
  const missing = spec.items.filter((item, i) => (item.required || item.isKey) && mapping.columnOfItem[i] === -1).map((i) => i.name);
  if (missing.length === 0 && mapping.columnOfItem.some((c) => c >= 0)) return;
  const list = missing.length > 0 ? missing : spec.items.map((i) => i.name);
  throw invalidInput(
    `缺少${missing.length > 0 ? '必填' : '可对应的'}列：${list.join('、')}（表头为：${header.filter(Boolean).join('、').slice(0, 300)}）。可在“列映射”中指定对应关系 / missing columns for ${list.join(', ')}; set the column mapping`,
    list.map((name) => ({ path: `/mapping/${name}`, message: '未找到对应列 / no column' })),
    { header, unmappedItems: list },
  );
}

export async function* produce(input: SourceInput, spec: ResourceSpec, saved: SavedMapping, options: ProduceOptions = {}): AsyncGenerator<ProducerMessage> {
  const chunkRows = options.chunkRows ?? 2048;
  const cpuAtStart = threadCpuMs();
  const source = await openSource(input);
  const compiled = compileResource(spec);
  const fieldNames = source.format === 'csv' ? null : source.fieldNames;
  const keyHashes = options.sortKeys ? new KeyHashes() : undefined;
  let header: string[] = [];
  let headerRowNo = 0;
  let mapping: ColumnMapping | undefined;
  let preparer: RowPreparer | undefined;
  let blankRows = 0;
  let info: StartInfo | undefined;
  const pending: RawRow[] = [];
  const ready: ProducerMessage[] = [];

  const start = (): StartInfo => {
    mapping = mapColumns(header, spec, saved);
    checkMapping(mapping, spec, header);
    const originColumn = header.findIndex((h) => ORIGIN_HEADERS.has(headerKey(h)));
    preparer = new RowPreparer(compiled, mapping, header, { strictWidth: source.format === 'csv', originColumn, flagRepeats: !options.sortKeys });
    info = {
      format: source.format, encoding: source.encoding, header: [...header], headerRowNo, mapping: mapping.byHeader,
      unmappedHeaders: mapping.unmappedHeaders, unmappedItems: mapping.unmappedItems,
    };
    return info;
  };
  const take = (): ProducerMessage => {
    const chunk = preparer!.take();
    keyHashes?.add(chunk.keyHashes);
    return { type: 'chunk', chunk, rowsRead: preparer!.stats.rowsRead };
  };
  const full = () => preparer!.pending >= chunkRows;

  if (source.format === 'csv') {
    // Rows before the header is found are kept as text; after it, they go to the preparer as bytes.
    const csv = new ByteCsvParser((row) => {
      if (!preparer) {
        const cells = cellStrings(row);
        if (!isBlank(cells) || pending.length > 0) pending.push({ rowNo: csv.rows, cells });
        if (pending.length >= HEADER_SEARCH_ROWS) {
          ready.push({ type: 'start', info: locateHeader() });
          for (const r of pending.splice(0)) feed(r);
        }
        return;
      }
      if (!visiblyFilled(row) && isBlank(cellStrings(row))) blankRows++;
      else preparer.prepareBytes(csv.rows, row);
      if (full()) ready.push(take());
    });
    for await (const chunk of source.utf8) {
      csv.push(chunk);
      yield* ready.splice(0);
    }
    csv.end();
    if (!preparer) {
      ready.push({ type: 'start', info: locateHeader() });
      for (const r of pending.splice(0)) feed(r);
    }
    yield* ready.splice(0);
  } else {
    for await (const batch of source.rows) {
      if (!preparer) {
        if (fieldNames) {
          header = [...fieldNames];
          yield { type: 'start', info: start() };
        } else {
          for (const row of batch) if (!isBlank(row.cells) || pending.length > 0) pending.push(row);
          if (pending.length < HEADER_SEARCH_ROWS) continue;
          yield { type: 'start', info: locateHeader() };
        }
      }
      const rows = pending.length > 0 ? pending.splice(0) : batch;
      for (const row of rows) {
        feed(row);
        if (full()) yield take();
      }
    }
    if (!preparer) {
      if (fieldNames) {
        header = [...fieldNames];
        if (header.length === 0) throw invalidInput('没有记录 / no records', [{ path: '/records', message: 'empty' }]);
        yield { type: 'start', info: start() };
      } else {
        yield { type: 'start', info: locateHeader() };
        for (const row of pending.splice(0)) feed(row);
      }
    }
  }
  if (preparer!.pending > 0) yield take();
  const final: StartInfo = { ...info!, header: [...header], mapping: mapping!.byHeader, unmappedHeaders: mapping!.unmappedHeaders, unmappedItems: mapping!.unmappedItems };
  const sortedKeys = keyHashes?.sorted();
  const cpu = threadCpuMs();
  yield { type: 'end', stats: preparer!.stats, hash: source.hash(), blankRows, info: final, sortedKeys, cpuMs: cpu === undefined || cpuAtStart === undefined ? undefined : cpu - cpuAtStart };

  function locateHeader(): StartInfo {
    const candidates = pending.slice(0, HEADER_SEARCH_ROWS);
    const at = findHeaderRow(candidates.map((r) => r.cells), spec, saved);
    if (at < 0) {
      const first = candidates[0]?.cells.filter(Boolean).join('、').slice(0, 200) ?? '';
      throw invalidInput(
        `未能识别表头：前 ${HEADER_SEARCH_ROWS} 行中没有一行的列名能对应到信息项（${spec.items.map((i) => i.name).join('、')}）${first ? `；第一行为：${first}` : ''} / no header row found`,
        [{ path: '/header', message: '无法对应 no match' }],
      );
    }
    header = candidates[at]!.cells.map((c) => c.trim());
    headerRowNo = candidates[at]!.rowNo;
    pending.splice(0, at + 1);
    return start();
  }

  function feed(row: RawRow): void {
    if (isBlank(row.cells) && !row.error) {
      blankRows++;
      return;
    }
    if (fieldNames && fieldNames.length !== header.length) {
      header = [...fieldNames];
      mapping = mapColumns(header, spec, saved);
      preparer!.remap(mapping, header);
    }
    preparer!.prepare(row.rowNo, row.cells, row.error);
  }
}

import { hash } from 'node:crypto';
import type { Reason } from '../standards/index.ts';
import { RAW, type Certified } from './cell-certify.ts';
import { MAX_CELL_CHARS, PLACEHOLDERS, type CompiledItem, type CompiledResource } from './compile.ts';
import { cellStrings, type ByteRow } from './csv-bytes.ts';
import { unneutralise } from './formula-guard.ts';
import type { ColumnMapping } from './header.ts';
import { keyHash, keyHashBegin, keyHashFeed, keyHashFeedSeparator, keyHashOfParts } from './key-hash.ts';
import { KeySet } from './key-set.ts';
import { RecordBytes } from './record-bytes.ts';

/**
 * The per-row step of a batch: each mapped cell validated and normalised by its item's element
 * exactly once, placeholders (/, #N/A, 无 …) folded to empty, cross-field checks run on the
 * normalised values, the record key computed and the record's JSON built. A row whose required
 * item is blank or invalid, whose cross-field check fails (policy `quarantine`) or whose shape is
 * wrong goes to quarantine with a reason per cell; an optional item with an invalid value is left
 * empty and reported as a warning (docs/decisions/0302-ingest-row-policy.md).
 *
 * Rows of CSV files arrive as bytes (`prepareBytes`): a row whose every cell its item's certifier
 * can decide (cell-certify.ts) is accepted without building its strings; any other row is decoded
 * and takes `prepare`, which is the definition of the outcome. Records are written as positional
 * JSON arrays in item order (`["v1",null,"v3"]`, trailing nulls dropped) into one byte buffer per
 * chunk, cheap to hand from a worker to the writer (docs/decisions/0305-ingest-byte-pipeline.md).
 *
 * @example
 * const p = new RowPreparer(compiled, mapping, header, { strictWidth: true });
 * p.prepare(2, ['张三', '11010519491231002x']);
 * p.take().keys; // ['11010519491231002X']
 */
export interface CellProblem {
  readonly column: string | null;
  readonly item: string;
  readonly zh: string;
  readonly en: string;
}

export interface PreparedChunk {
  keys: string[];
  /** keyHash of each key (key-hash.ts). */
  keyHashes: ArrayLike<number>;
  /** The accepted records' positional JSON, UTF-8, back to back: record i ends at `dataEnds[i]`. */
  data: Buffer;
  dataEnds: Int32Array;
  /** Row numbers in the corrected batch (resubmissions carry a 原行号 column) of the accepted rows that have one. */
  resolvedOrigins: number[];
  /** Indexes (into keys) of rows whose key probably appeared earlier in the batch. */
  maybeDup: number[];
  qRowNos: number[];
  qCells: string[];
  qErrors: string[];
  qKeys: Array<string | null>;
  qOrigins: number[];
  wRowNos: number[];
  wItems: string[];
  wRaw: string[];
  wReasons: string[];
  wKeys: Array<string | null>;
}

export interface ItemStats {
  filled: number;
  blank: number;
  valid: number;
  invalid: number;
}

export interface PrepareStats {
  rowsRead: number;
  accepted: number;
  quarantined: number;
  warnings: number;
  items: Record<string, ItemStats>;
  cross: Array<{ name: string; checked: number; inconsistent: number }>;
  /** Quarantine causes by item, with up to three example reasons each. */
  problems: Record<string, { count: number; examples: string[] }>;
}

type ChunkLists = Omit<PreparedChunk, 'data' | 'dataEnds' | 'keyHashes'> & { keyHashes: number[] };

const emptyLists = (): ChunkLists => ({
  keys: [], keyHashes: [], resolvedOrigins: [], maybeDup: [], qRowNos: [], qCells: [], qErrors: [], qKeys: [], qOrigins: [], wRowNos: [], wItems: [], wRaw: [], wReasons: [], wKeys: [],
});

/** The record start of row i of a chunk. */
export const dataStart = (chunk: Pick<PreparedChunk, 'dataEnds'>, i: number): number => (i === 0 ? 0 : chunk.dataEnds[i - 1]!);

const clipCell = (s: string) => (s.length > MAX_CELL_CHARS ? s.slice(0, MAX_CELL_CHARS) : s);
const clipRaw = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029]/;

const REQUIRED_EMPTY: Reason = { zh: '必填项为空', en: 'required value is empty' };
const BAD_TEXT: Reason = { zh: '含无法识别的字符（文件编码可能有误）', en: 'holds undecodable characters (wrong file encoding?)' };
const TOO_LONG: Reason = { zh: `超过 ${MAX_CELL_CHARS} 个字符`, en: `longer than ${MAX_CELL_CHARS} characters` };

export class RowPreparer {
  private chunk = emptyLists();
  private readonly records = new RecordBytes();
  private readonly values: Array<string | null>;
  /** Per item, the fast path's answer for the current row; undefined for a blank cell. */
  private readonly certified: Array<Exclude<Certified, null> | undefined>;
  private readonly texts: Array<string | undefined>;
  /** Flags keys probably seen earlier in the batch, for writers that upsert row by row. */
  private readonly seen: KeySet | undefined;
  private readonly statistics: PrepareStats;
  private readonly itemStats: ItemStats[];
  /** Rows the fast path accepted, and per item and cross check how many of them it counted, not yet in the statistics. */
  private fastRows = 0;
  private fastTotal = 0;
  private readonly fastFilled: Int32Array;
  private readonly fastCross: Int32Array;
  private columnOfItem: readonly number[];
  private header: readonly string[];

  constructor(
    private readonly resource: CompiledResource,
    mapping: ColumnMapping,
    header: readonly string[],
    private readonly options: { readonly strictWidth: boolean; readonly originColumn?: number; readonly flagRepeats?: boolean },
  ) {
    this.seen = options.flagRepeats === false ? undefined : new KeySet();
    this.columnOfItem = mapping.columnOfItem;
    this.header = header;
    this.values = resource.items.map(() => null);
    this.certified = resource.items.map(() => undefined);
    this.texts = resource.items.map(() => undefined);
    this.fastFilled = new Int32Array(resource.items.length);
    this.fastCross = new Int32Array(resource.crossChecks.length);
    this.statistics = {
      rowsRead: 0, accepted: 0, quarantined: 0, warnings: 0,
      items: Object.fromEntries(resource.items.map((i) => [i.name, { filled: 0, blank: 0, valid: 0, invalid: 0 }])),
      cross: resource.crossChecks.map((c) => ({ name: c.name, checked: 0, inconsistent: 0 })),
      problems: {},
    };
    this.itemStats = resource.items.map((i) => this.statistics.items[i.name]!);
  }

  /** Rows accepted by the byte fast path so far (a diagnostic: the rest took the string path). */
  get fastAccepted(): number {
    return this.fastTotal;
  }

  get stats(): PrepareStats {
    this.foldFast();
    return this.statistics;
  }

  /** JSON sources grow their header as new fields appear. */
  remap(mapping: ColumnMapping, header: readonly string[]): void {
    this.columnOfItem = mapping.columnOfItem;
    this.header = header;
  }

  get pending(): number {
    return this.chunk.keys.length + this.chunk.qRowNos.length;
  }

  take(): PreparedChunk {
    const lists = this.chunk;
    this.chunk = emptyLists();
    const { data, ends } = this.records.take();
    return { ...lists, data, dataEnds: ends };
  }

  /**
   * A CSV row as bytes. Rows that are not plainly valid in every cell are decoded and handed to
   * `prepare`, so the outcome is the same as for the decoded row. The record is written while the
   * cells are certified and dropped again if the row turns out to need the string path.
   */
  prepareBytes(rowNo: number, row: ByteRow): void {
    const { items, keyItems } = this.resource;
    if (row.count !== this.header.length || (this.options.originColumn ?? -1) >= 0 || keyItems.length === 0) {
      this.prepare(rowNo, cellStrings(row));
      return;
    }
    const { buf, starts, ends } = row;
    const certified = this.certified;
    const texts = this.texts;
    const filled = this.fastFilled;
    const out = this.records;
    // Room for the row's bytes as values, with quotes, separators and nulls for every item.
    out.open(ends[row.count - 1]! - starts[0]! + items.length * 8 + 2);
    let i = 0;
    for (; i < items.length; i++) {
      const item = items[i]!;
      const col = this.columnOfItem[i]!;
      texts[i] = undefined;
      if (col < 0 || starts[col] === ends[col]) {
        certified[i] = undefined;
        if (item.required) break;
        continue;
      }
      const answer = item.certifier.certify(buf, starts[col]!, ends[col]!);
      if (answer === null) break;
      certified[i] = answer;
      filled[i]!++;
      if (answer === RAW) out.rawValue(i, buf, starts[col]!, ends[col]!);
      else out.value(i, answer, item.plainJson);
    }
    let key: string | undefined;
    if (i === items.length) {
      key = this.fastKey(row);
      if (key !== undefined && !this.fastCrossChecks(row)) key = undefined;
    }
    if (key === undefined) {
      for (let j = 0; j < i; j++) if (certified[j] !== undefined) filled[j]!--;
      out.abandon();
      this.prepare(rowNo, cellStrings(row));
      return;
    }
    out.close();
    this.fastRows++;
    this.fastTotal++;
    this.accept(key, keyHashOfParts(), 0);
  }

  /** The record key of a certified row (its hash left in key-hash.ts), or undefined when a key item is blank. */
  private fastKey(row: ByteRow): string | undefined {
    const keyItems = this.resource.keyItems;
    keyHashBegin();
    let key = this.textOf(keyItems[0]!, row);
    if (key === undefined) return undefined;
    keyHashFeed(key);
    for (let k = 1; k < keyItems.length; k++) {
      const part = this.textOf(keyItems[k]!, row);
      if (part === undefined) return undefined;
      keyHashFeedSeparator();
      keyHashFeed(part);
      key += `|${part}`;
    }
    return key;
  }

  /** True when every cross-field check of a certified row agrees (those that apply are counted). */
  private fastCrossChecks(row: ByteRow): boolean {
    const crossChecks = this.resource.crossChecks;
    let agreed = 0;
    for (let c = 0; c < crossChecks.length; c++) {
      const check = crossChecks[c]!;
      const ref = this.textOf(check.reference, row);
      const target = this.textOf(check.target, row);
      if (ref === undefined || target === undefined) continue;
      if (!check.agrees?.(ref, target)) {
        const status = check.check(ref, target).status;
        if (status === 'not_checked') continue;
        if (status !== 'consistent') return false;
      }
      agreed |= 1 << c;
    }
    for (let c = 0; c < crossChecks.length; c++) if (agreed & (1 << c)) this.fastCross[c]!++;
    return true;
  }

  /** Folds the fast path's counters into the statistics. */
  private foldFast(): void {
    if (this.fastRows === 0) return;
    const stats = this.statistics;
    stats.rowsRead += this.fastRows;
    for (let i = 0; i < this.itemStats.length; i++) {
      const s = this.itemStats[i]!;
      const filled = this.fastFilled[i]!;
      s.valid += filled;
      s.filled += filled;
      s.blank += this.fastRows - filled;
    }
    for (let c = 0; c < this.fastCross.length; c++) stats.cross[c]!.checked += this.fastCross[c]!;
    this.fastRows = 0;
    this.fastFilled.fill(0);
    this.fastCross.fill(0);
  }

  prepare(rowNo: number, cells: readonly string[], rowError?: Reason): void {
    const { items, keyItems, crossChecks, crossField } = this.resource;
    const values = this.values;
    const stats = this.statistics;
    const itemStats = this.itemStats;
    stats.rowsRead++;
    let errors: CellProblem[] | null = null;
    let warnings: Array<[string, string, Reason]> | null = null;
    if (rowError) errors = [{ column: null, item: '', zh: rowError.zh, en: rowError.en }];
    const width = this.header.length;
    if (cells.length > width && cells.slice(width).some((c) => c.trim() !== '')) {
      (errors ??= []).push({ column: null, item: '', zh: `列数（${cells.length}）多于表头（${width}），多出的内容无处存放`, en: `${cells.length} cells but the header has ${width}; the extra cells have no column` });
    } else if (this.options.strictWidth && cells.length < width && !rowError) {
      (errors ??= []).push({ column: null, item: '', zh: `列数（${cells.length}）少于表头（${width}），该行可能被拆断`, en: `${cells.length} cells but the header has ${width}; the row may be broken` });
    }

    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const col = this.columnOfItem[i]!;
      const istats = itemStats[i]!;
      let raw = col >= 0 ? cells[col] : undefined;
      // A corrected error report comes back with its formula guard ('=…) still in place.
      if (raw !== undefined && raw.charCodeAt(0) === 39) raw = unneutralise(raw);
      values[i] = null;
      let placeholder = false;
      if (raw !== undefined && raw !== '') {
        if (raw.length <= 6 && !item.placeholdersAreValues) {
          const t = raw.trim();
          placeholder = t === '' || PLACEHOLDERS.has(t);
        }
        if (!placeholder) {
          const r = raw.length > MAX_CELL_CHARS ? { ok: false as const, reason: TOO_LONG } : raw.indexOf('\uFFFD') >= 0 ? { ok: false as const, reason: BAD_TEXT } : item.validate(raw);
          if (r.ok) {
            values[i] = r.value;
            istats.valid++;
            continue;
          }
          istats.invalid++;
          if (item.required) (errors ??= []).push({ column: col >= 0 ? this.header[col] ?? null : null, item: item.name, zh: r.reason.zh, en: r.reason.en });
          else (warnings ??= []).push([item.name, raw, r.reason]);
          continue;
        }
      }
      istats.blank++;
      if (item.required) {
        const reason = placeholder
          ? { zh: `“${raw!.trim()}”表示无值，必填项不能为空`, en: `'${raw!.trim()}' means no value; a required value is missing` }
          : REQUIRED_EMPTY;
        (errors ??= []).push({ column: col >= 0 ? this.header[col] ?? null : null, item: item.name, zh: reason.zh, en: reason.en });
      }
    }

    for (let c = 0; c < crossChecks.length; c++) {
      const check = crossChecks[c]!;
      const ref = values[check.reference];
      const target = values[check.target];
      if (ref === null || ref === undefined || target === null || target === undefined) continue;
      if (check.agrees?.(ref, target)) {
        stats.cross[c]!.checked++;
        continue;
      }
      const result = check.check(ref, target);
      if (result.status === 'not_checked') continue;
      stats.cross[c]!.checked++;
      if (result.status === 'consistent') continue;
      stats.cross[c]!.inconsistent++;
      const item = items[check.target]!;
      // Which of two individually valid values is wrong is unknown: only when the row cannot do
      // without either of them is it held back.
      if (crossField === 'quarantine' && item.required && items[check.reference]!.required) {
        const col = this.columnOfItem[check.target]!;
        (errors ??= []).push({ column: col >= 0 ? this.header[col] ?? null : null, item: item.name, zh: result.reason.zh, en: result.reason.en });
      } else (warnings ??= []).push([item.name, target, result.reason]);
    }

    let key: string | null = null;
    if (keyItems.length === 1) key = values[keyItems[0]!] ?? null;
    else if (keyItems.length > 1) {
      const parts: string[] = [];
      for (const k of keyItems) {
        const v = values[k];
        if (v === null || v === undefined) {
          key = null;
          break;
        }
        parts.push(v);
        key = '';
      }
      if (key !== null) key = parts.join('|');
    }

    const chunk = this.chunk;
    const originCol = this.options.originColumn ?? -1;
    const origin = originCol >= 0 ? Number.parseInt(cells[originCol] ?? '', 10) || 0 : 0;
    if (errors && warnings) {
      // The department corrects the whole row at once: show the optional items' problems too.
      for (const [item, , reason] of warnings) {
        const col = this.columnOfItem[items.findIndex((x) => x.name === item)] ?? -1;
        errors.push({ column: col >= 0 ? this.header[col] ?? null : null, item, zh: `可选项：${reason.zh}`, en: `optional item: ${reason.en}` });
      }
    }
    if (errors) {
      stats.quarantined++;
      chunk.qRowNos.push(rowNo);
      chunk.qCells.push(JSON.stringify(cells.map(clipCell)));
      chunk.qErrors.push(JSON.stringify(errors));
      chunk.qKeys.push(key);
      chunk.qOrigins.push(origin);
      for (const e of errors) {
        const p = (stats.problems[e.item || '整行 / row'] ??= { count: 0, examples: [] });
        p.count++;
        if (p.examples.length < 3 && !p.examples.includes(e.zh)) p.examples.push(e.zh);
      }
      return;
    }

    const out = this.records;
    out.open();
    for (let i = 0; i < items.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      itemStats[i]!.filled++;
      out.value(i, v, items[i]!.plainJson);
    }
    out.close();
    // No key items, or an optional key item left blank: the row is keyed by its content.
    if (key === null) key = `h:${hash('sha256', objectJson(items, values), 'base64url').slice(0, 22)}`;
    this.accept(key, keyHash(key), origin);
    if (warnings) {
      for (const [item, raw, reason] of warnings) {
        stats.warnings++;
        chunk.wRowNos.push(rowNo);
        chunk.wItems.push(item);
        chunk.wRaw.push(clipRaw(raw));
        chunk.wReasons.push(`${reason.zh} / ${reason.en}`);
        chunk.wKeys.push(key);
      }
    }
  }

  /** The fast path's value of item i as a string, decoded from the row when it was certified as bytes. */
  private textOf(i: number, row: ByteRow): string | undefined {
    const c = this.certified[i];
    if (c !== RAW) return c;
    const col = this.columnOfItem[i]!;
    return (this.texts[i] ??= row.buf.toString('utf8', row.starts[col]!, row.ends[col]!));
  }

  /** Books the record just written under its key. */
  private accept(key: string, hash: number, origin: number): void {
    const chunk = this.chunk;
    this.statistics.accepted++;
    if (this.seen?.add(key)) chunk.maybeDup.push(chunk.keys.length);
    chunk.keys.push(key);
    chunk.keyHashes.push(hash);
    if (origin) chunk.resolvedOrigins.push(origin);
  }
}

/**
 * The record as a JSON object keyed by item name (empty items absent): what a keyless record's
 * content hash is taken over, so that its key does not depend on how records are stored.
 */
function objectJson(items: readonly CompiledItem[], values: ReadonlyArray<string | null>): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const item = items[i]!;
    parts.push(item.jsonKey + (!item.plainJson && NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`));
  }
  return `{${parts.join(',')}}`;
}

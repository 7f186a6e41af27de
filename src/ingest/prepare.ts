import { hash } from 'node:crypto';
import type { Reason } from '../standards/index.ts';
import { MAX_CELL_CHARS, PLACEHOLDERS, type CompiledResource } from './compile.ts';
import { unneutralise } from './formula-guard.ts';
import type { ColumnMapping } from './header.ts';
import { KeySet } from './key-set.ts';

/**
 * The per-row step of a batch: each mapped cell validated and normalised by its item's element
 * exactly once, placeholders (/, #N/A, 无 …) folded to empty, cross-field checks run on the
 * normalised values, the record key computed and the record's JSON built. A row whose required
 * item is blank or invalid, whose cross-field check fails (policy `quarantine`) or whose shape is
 * wrong goes to quarantine with a reason per cell; an optional item with an invalid value is left
 * empty and reported as a warning (docs/decisions/0302-ingest-row-policy.md). Output accumulates
 * into flat arrays of primitives, cheap to post from a worker.
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
  data: string[];
  rowNos: number[];
  /** Row number in the corrected batch (resubmissions carry a 原行号 column), else 0. */
  origins: number[];
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

const emptyChunk = (): PreparedChunk => ({
  keys: [], data: [], rowNos: [], origins: [], maybeDup: [], qRowNos: [], qCells: [], qErrors: [], qKeys: [], qOrigins: [], wRowNos: [], wItems: [], wRaw: [], wReasons: [], wKeys: [],
});

const clipCell = (s: string) => (s.length > MAX_CELL_CHARS ? s.slice(0, MAX_CELL_CHARS) : s);
const clipRaw = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029]/;

const REQUIRED_EMPTY: Reason = { zh: '必填项为空', en: 'required value is empty' };
const BAD_TEXT: Reason = { zh: '含无法识别的字符（文件编码可能有误）', en: 'holds undecodable characters (wrong file encoding?)' };
const TOO_LONG: Reason = { zh: `超过 ${MAX_CELL_CHARS} 个字符`, en: `longer than ${MAX_CELL_CHARS} characters` };

export class RowPreparer {
  private chunk = emptyChunk();
  private readonly values: Array<string | null>;
  private readonly seen = new KeySet();
  readonly stats: PrepareStats;
  private readonly itemStats: ItemStats[];
  private readonly parts: string[] = [];
  private columnOfItem: readonly number[];
  private header: readonly string[];

  constructor(
    private readonly resource: CompiledResource,
    mapping: ColumnMapping,
    header: readonly string[],
    private readonly options: { readonly strictWidth: boolean; readonly originColumn?: number },
  ) {
    this.columnOfItem = mapping.columnOfItem;
    this.header = header;
    this.values = resource.items.map(() => null);
    this.stats = {
      rowsRead: 0, accepted: 0, quarantined: 0, warnings: 0,
      items: Object.fromEntries(resource.items.map((i) => [i.name, { filled: 0, blank: 0, valid: 0, invalid: 0 }])),
      cross: resource.crossChecks.map((c) => ({ name: c.name, checked: 0, inconsistent: 0 })),
      problems: {},
    };
    this.itemStats = resource.items.map((i) => this.stats.items[i.name]!);
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
    const out = this.chunk;
    this.chunk = emptyChunk();
    return out;
  }

  prepare(rowNo: number, cells: readonly string[], rowError?: Reason): void {
    const { items, keyItems, crossChecks, crossField } = this.resource;
    const values = this.values;
    const stats = this.stats;
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

    // Joining pre-quoted parts gives a flat string (concatenation leaves ropes that the garbage
    // collector pays for while chunks are held) and skips JSON.stringify for values that need no escape.
    const parts = this.parts;
    parts.length = 0;
    for (let i = 0; i < items.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      itemStats[i]!.filled++;
      const item = items[i]!;
      parts.push(item.jsonKey + (!item.plainJson && NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`));
    }
    const json = `{${parts.join(',')}}`;
    // No key items, or an optional key item left blank: the row is keyed by its content.
    if (key === null) key = `h:${hash('sha256', json, 'base64url').slice(0, 22)}`;
    stats.accepted++;
    if (this.seen.add(key!)) chunk.maybeDup.push(chunk.keys.length);
    chunk.keys.push(key!);
    chunk.data.push(json);
    chunk.rowNos.push(rowNo);
    chunk.origins.push(origin);
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
}

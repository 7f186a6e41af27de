/**
 * The encoded records: one Int32 column of value ids per source column, the value dictionaries
 * and the model's comparisons built over them. Records are appended (batch or incremental) and
 * addressed by dense index; the external id is kept for output.
 *
 * @example
 * const store = createStore([{ column: 'surname', kind: 'family_name' }]);
 * store.add('r1', (col) => row[col]);
 * store.comparisons[0].level(0, 1);
 */
import { IntColumn } from './buffers.ts';
import { CodeDict, DateDict, PhoneDict, type DictState, type ValueDict } from './dict.ts';
import { CreditCodeDict, ResidentIdDict } from './id-dicts.ts';
import { AddressDict, NameDict, TextDict } from './text-dicts.ts';
import { Comparison } from './comparison.ts';
import type { FieldKind, FieldSpec } from '../kinds.ts';
import type { ChineseTools } from '../chinese/tools.ts';

export interface StoreOptions {
  readonly chinese?: ChineseTools;
}

export interface RecordStore {
  readonly fields: readonly FieldSpec[];
  /** The Chinese tools the dictionaries were given, if any. */
  readonly chinese: ChineseTools | undefined;
  readonly comparisons: readonly Comparison[];
  /** Dictionary and id column per source column name. */
  readonly dicts: ReadonlyMap<string, ValueDict>;
  readonly columns: ReadonlyMap<string, IntColumn>;
  readonly recordIds: string[];
  readonly size: number;
  /** Appends a record; `get` returns the raw value of a column. Returns the record's index. */
  add(id: string, get: (column: string) => string | undefined): number;
  /**
   * Hot path for CSV rows: `positions[k]` is the row index of fields[k].column, or -1 for a
   * column another thread encodes (its values arrive through `adoptColumns`).
   */
  addRow(id: string, row: readonly string[], positions: readonly number[]): number;
  /** The encoded columns and their dictionaries, for the thread that owns the whole store. */
  exportColumns(columns: readonly string[]): EncodedColumns;
  /** Takes over columns another thread's store (same fields) encoded from the same rows. */
  adoptColumns(encoded: EncodedColumns): void;
}

/** Columns encoded by another thread: per dictionary its state and the columns it serves. */
export interface EncodedColumns {
  readonly dicts: readonly { readonly columns: readonly string[]; readonly state: DictState }[];
  readonly ids: Readonly<Record<string, Int32Array>>;
  readonly counts: Readonly<Record<string, { readonly data: Int32Array; readonly total: number }>>;
}

/** Columns whose values share one dictionary must be encoded by the same thread. */
export function dictionaryGroups(fields: readonly FieldSpec[]): FieldSpec[][] {
  const groupOf = (f: FieldSpec): string => (NAME_KINDS.includes(f.kind) ? 'name' : f.kind === 'address_line' || f.kind === 'full_name' ? f.kind : `column:${f.column}`);
  const groups = new Map<string, FieldSpec[]>();
  for (const f of fields) {
    const key = groupOf(f);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()];
}

const NAME_KINDS: readonly FieldKind[] = ['given_name', 'family_name'];

export function createStore(fields: readonly FieldSpec[], options: StoreOptions = {}): RecordStore {
  const zh = options.chinese;
  const dicts = new Map<string, ValueDict>();
  const columns = new Map<string, IntColumn>();
  for (const f of fields) columns.set(f.column, new IntColumn());

  // Columns whose values may swap share one dictionary so that a swap is an id comparison.
  const nameDict = new NameDict(zh, 'family_name');
  const fullNameDict = new NameDict(zh, 'full_name');
  const lineDict = new TextDict(zh, 0.9, 0.8);
  const comparisons: Comparison[] = [];
  const groups = dictionaryGroups(fields);
  for (const f of fields) {
    const ids = columns.get(f.column)!;
    const group = groups.find((g) => g.includes(f))!;
    const siblings = group.filter((g) => g.column !== f.column).map((g) => columns.get(g.column)!);
    let dict: ValueDict;
    let compare: ((a: number, b: number) => number) | undefined;
    let deterministic: ((id: number) => boolean) | undefined;
    switch (f.kind) {
      case 'given_name':
      case 'family_name': {
        const family = f.kind === 'family_name';
        dict = nameDict;
        compare = (a, b) => nameDict.compareNames(a, b, family);
        break;
      }
      case 'full_name':
        dict = fullNameDict;
        compare = (a, b) => fullNameDict.compareNames(a, b, true);
        break;
      case 'address_line':
        dict = lineDict;
        break;
      case 'locality':
      case 'other':
        dict = new TextDict(zh, 0.9, 0.8);
        break;
      case 'address':
        dict = new AddressDict(zh);
        break;
      case 'birth_date':
        dict = new DateDict();
        break;
      case 'phone':
        dict = new PhoneDict();
        break;
      case 'id_number': {
        const d = new ResidentIdDict();
        dict = d;
        deterministic = (id) => d.isValid(id);
        break;
      }
      case 'credit_code': {
        const d = new CreditCodeDict();
        dict = d;
        deterministic = (id) => d.isValid(id);
        break;
      }
      case 'other_id':
        dict = new CodeDict('other_id', { twoEdits: true });
        break;
      case 'street_number':
      case 'postcode':
        dict = new CodeDict(f.kind);
        break;
      case 'sex':
      case 'region':
      case 'ethnicity':
        dict = new CodeDict(f.kind);
        break;
    }
    dicts.set(f.column, dict);
    comparisons.push(new Comparison(f.column, f.kind, dict, ids, siblings, { compare, deterministic }));
  }

  const recordIds: string[] = [];
  const cols = fields.map((f) => columns.get(f.column)!);
  const fieldDicts = fields.map((f) => dicts.get(f.column)!);
  const push = (k: number, raw: string | undefined): void => {
    const v = fieldDicts[k]!.intern(raw);
    cols[k]!.push(v);
    if (v >= 0) comparisons[k]!.counts.add(v);
  };
  return {
    fields,
    chinese: zh,
    comparisons,
    dicts,
    columns,
    recordIds,
    get size() {
      return recordIds.length;
    },
    add(id, get) {
      for (let k = 0; k < fields.length; k++) push(k, get(fields[k]!.column));
      recordIds.push(id);
      return recordIds.length - 1;
    },
    addRow(id, row, positions) {
      for (let k = 0; k < positions.length; k++) {
        const at = positions[k]!;
        if (at >= 0) push(k, row[at]);
      }
      recordIds.push(id);
      return recordIds.length - 1;
    },
    exportColumns(names) {
      const ids: Record<string, Int32Array> = {};
      const counts: Record<string, { data: Int32Array; total: number }> = {};
      const byDict = new Map<ValueDict, string[]>();
      for (const name of names) {
        const k = fields.findIndex((f) => f.column === name);
        if (k < 0) throw new Error(`no column ${name}`);
        ids[name] = cols[k]!.toArray();
        const c = comparisons[k]!.counts;
        counts[name] = { data: c.data, total: c.total };
        byDict.set(fieldDicts[k]!, [...(byDict.get(fieldDicts[k]!) ?? []), name]);
      }
      return { dicts: [...byDict].map(([dict, columns]) => ({ columns, state: dict.exportState() })), ids, counts };
    },
    adoptColumns(encoded) {
      for (const { columns: names, state } of encoded.dicts) dicts.get(names[0]!)!.importState(state);
      for (const [name, ids] of Object.entries(encoded.ids)) {
        const k = fields.findIndex((f) => f.column === name);
        if (k < 0) throw new Error(`no column ${name}`);
        if (ids.length !== recordIds.length) throw new Error(`column ${name}: ${ids.length} values for ${recordIds.length} records`);
        cols[k]!.adopt(ids);
        const c = encoded.counts[name]!;
        comparisons[k]!.counts.adopt(c.data, c.total);
      }
    },
  };
}

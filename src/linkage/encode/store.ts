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
import { CodeDict, DateDict, PhoneDict, type ValueDict } from './dict.ts';
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
  readonly comparisons: readonly Comparison[];
  /** Dictionary and id column per source column name. */
  readonly dicts: ReadonlyMap<string, ValueDict>;
  readonly columns: ReadonlyMap<string, IntColumn>;
  readonly recordIds: string[];
  readonly size: number;
  /** Appends a record; `get` returns the raw value of a column. Returns the record's index. */
  add(id: string, get: (column: string) => string | undefined): number;
  /** Hot path for CSV rows: `positions[k]` is the row index of fields[k].column. */
  addRow(id: string, row: readonly string[], positions: readonly number[]): number;
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
  for (const f of fields) {
    const ids = columns.get(f.column)!;
    const group = NAME_KINDS.includes(f.kind) ? fields.filter((g) => NAME_KINDS.includes(g.kind)) : f.kind === 'address_line' || f.kind === 'full_name' ? fields.filter((g) => g.kind === f.kind) : [f];
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
      for (let k = 0; k < positions.length; k++) push(k, row[positions[k]!]);
      recordIds.push(id);
      return recordIds.length - 1;
    },
  };
}

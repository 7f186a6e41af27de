/**
 * A value dictionary per value type: raw strings are normalised once, interned to dense ids and
 * given pre-computed features; comparing two records then starts from two integers.
 * Level 0 is always "null" (a side is missing), level 1 "exact", the last level "else".
 *
 * @example
 * const d = new CodeDict('postcode', { twoEdits: false });
 * d.valueLevel(d.intern('4011'), d.intern('4101')) // 2: one_edit (an adjacent transposition)
 */
import { normalizeCode, normalizeDate, normalizeEthnicity, normalizeFree, normalizePhone, normalizeSex } from '../values/scalars.ts';
import { positionalEdits } from '../text/similarity.ts';
import { StringIndex, type StringIndexState } from './string-index.ts';
import { IntColumn } from './buffers.ts';

/** Typed arrays and string tables that a dictionary's features are kept in. */
export type FeatureState = { readonly [name: string]: Int32Array | Uint32Array | Uint8Array | StringIndexState };

/** What interning built: the value table and the features, as transferable typed arrays. */
export interface DictState {
  readonly index: StringIndexState;
  readonly features: FeatureState;
}

export abstract class ValueDict {
  abstract readonly levels: readonly string[];
  private byValue = new StringIndex();
  // Raw string → id, so that a value written the same way is normalised once. Dropped for columns
  // whose raw strings repeat less than 60% of the time (see intern).
  private byRaw: StringIndex | undefined = new StringIndex();
  private rawIds = new IntColumn();
  private rawHits = 0;

  /** The normalised value with this id. */
  value(id: number): string {
    return this.byValue.key(id);
  }

  /** All normalised values in id order (for inspection; the hot paths use value()). */
  get values(): readonly string[] {
    return this.byValue.allKeys();
  }

  /** Dense id of the normalised value, -1 when missing. */
  intern(raw: string | undefined): number {
    if (raw === undefined) return -1;
    const byRaw = this.byRaw;
    if (byRaw !== undefined) {
      const known = byRaw.get(raw);
      if (known >= 0) {
        this.rawHits++;
        return this.rawIds.data[known]!;
      }
    }
    const v = raw.trim() === '' ? null : this.normalize(raw);
    let id = -1;
    if (v !== null) {
      const before = this.byValue.size;
      id = this.byValue.id(v);
      if (id === before) this.addFeatures(id, v);
    }
    if (byRaw !== undefined) {
      byRaw.id(raw);
      this.rawIds.push(id);
      // A miss costs two probes of a large table (look up, remember) on top of normalising; it pays
      // off only when most raw strings repeat (dates, sex, ethnicity), not names or addresses.
      if (byRaw.size === 20000 && this.rawHits < 30000) this.byRaw = undefined;
      else if (byRaw.size >= 1 << 20) {
        byRaw.clear();
        this.rawIds.length = 0;
      }
    }
    return id;
  }

  get size(): number {
    return this.byValue.size;
  }

  /** Everything interning built, for another thread to adopt with `importState`. */
  exportState(): DictState {
    return { index: this.byValue.exportState(), features: this.exportFeatures() };
  }

  /** Takes over the values and features another thread's dictionary of the same kind built. */
  importState(state: DictState): void {
    if (this.size > 0) throw new Error('importState needs an empty dictionary');
    this.byValue = StringIndex.fromState(state.index);
    this.importFeatures(state.features);
  }

  get elseLevel(): number {
    return this.levels.length - 1;
  }

  /** Same value up to spacing / sound (cheap, by precomputed keys); used to detect swapped columns. */
  equivalent(_a: number, _b: number): boolean {
    return false;
  }

  /** Level for two different ids (both ≥ 0). */
  abstract compare(a: number, b: number): number;
  protected abstract normalize(raw: string): string | null;
  protected addFeatures(_id: number, _value: string): void {}
  protected exportFeatures(): FeatureState {
    return {};
  }
  protected importFeatures(_features: FeatureState): void {}
}

export type CodeKind = 'code' | 'postcode' | 'street_number' | 'other_id' | 'region' | 'sex' | 'ethnicity' | 'other_exact';

/** Short codes: exact, one edit (typo or adjacent transposition), optionally two edits, else. */
export class CodeDict extends ValueDict {
  readonly levels: readonly string[];
  private readonly editLevels: number;
  private readonly norm: (raw: string) => string | null;
  constructor(kind: CodeKind, options: { twoEdits?: boolean } = {}) {
    super();
    const categorical = kind === 'region' || kind === 'sex' || kind === 'ethnicity' || kind === 'other_exact';
    this.editLevels = categorical ? 0 : options.twoEdits ? 2 : 1;
    this.levels = ['null', 'exact', ...(this.editLevels >= 1 ? ['one_edit'] : []), ...(this.editLevels >= 2 ? ['two_edits'] : []), 'else'];
    this.norm = kind === 'sex' ? normalizeSex : kind === 'ethnicity' ? normalizeEthnicity : kind === 'region' || kind === 'other_exact' ? normalizeFree : normalizeCode;
  }
  protected normalize(raw: string): string | null {
    return this.norm(raw);
  }
  compare(a: number, b: number): number {
    if (this.editLevels === 0) return this.elseLevel;
    const d = positionalEdits(this.value(a), this.value(b), this.editLevels);
    return d <= this.editLevels ? 1 + d : this.elseLevel;
  }
}

/** Dates as yyyymmdd: exact, day/month transposed, one edit, two edits, else. */
export class DateDict extends ValueDict {
  readonly levels = ['null', 'exact', 'day_month_swapped', 'one_edit', 'two_edits', 'else'] as const;
  protected normalize(raw: string): string | null {
    return normalizeDate(raw);
  }
  private years = new IntColumn();
  protected override addFeatures(_id: number, v: string): void {
    this.years.push(v.length === 8 && /^\d{8}$/.test(v) ? Number(v.slice(0, 4)) : -1);
  }
  protected override exportFeatures(): FeatureState {
    return { years: this.years.toArray() };
  }
  protected override importFeatures(f: FeatureState): void {
    this.years = IntColumn.of(f.years as Int32Array);
  }
  /** Year of birth for blocking, -1 when the value is not yyyymmdd. */
  year(id: number): number {
    return this.years.data[id]!;
  }
  compare(a: number, b: number): number {
    const x = this.value(a);
    const y = this.value(b);
    if (x.length === 8 && y.length === 8 && isDayMonthSwap(x, y)) return 2;
    const d = positionalEdits(x, y, 2);
    return d === 1 ? 3 : d === 2 ? 4 : 5;
  }

}

/** Phones: exact, one edit, same last 7 digits (with / without area code), else. */
export class PhoneDict extends ValueDict {
  readonly levels = ['null', 'exact', 'one_edit', 'same_suffix', 'else'] as const;
  protected normalize(raw: string): string | null {
    return normalizePhone(raw);
  }
  compare(a: number, b: number): number {
    const x = this.value(a);
    const y = this.value(b);
    if (positionalEdits(x, y, 1) <= 1) return 2;
    if (x.length !== y.length && x.length >= 7 && y.length >= 7 && sameEnding(x, y, 7)) return 3;
    return 4;
  }
}

/** The last n characters are equal (without slicing two new strings). */
function sameEnding(x: string, y: string, n: number): boolean {
  for (let k = 1; k <= n; k++) if (x.charCodeAt(x.length - k) !== y.charCodeAt(y.length - k)) return false;
  return true;
}

/** yyyymmdd vs yyyyddmm (same year, month and day exchanged). */
function isDayMonthSwap(x: string, y: string): boolean {
  for (let i = 0; i < 4; i++) if (x.charCodeAt(i) !== y.charCodeAt(i)) return false;
  return x.charCodeAt(4) === y.charCodeAt(6) && x.charCodeAt(5) === y.charCodeAt(7) && x.charCodeAt(6) === y.charCodeAt(4) && x.charCodeAt(7) === y.charCodeAt(5);
}

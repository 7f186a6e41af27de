/**
 * One comparison = one field (or a group of swappable fields) of the model: turns a record pair
 * into a level through its value dictionary (equal ids are exact at once) and, for name and
 * address-line groups, a check whether the value moved to a sibling column (given ↔ family name).
 * The swap check is id equality only (exact or equivalent value), so it costs nothing on the many
 * pairs that disagree.
 *
 * @example
 * const level = comparison.level(i, j); // 0 null, 1 exact, …, levels.length - 1 else
 */
import { Counts, type IntColumn } from './buffers.ts';
import type { ValueDict } from './dict.ts';
import type { FieldKind } from '../kinds.ts';

export interface ComparisonOptions {
  /** Equal valid values decide a match on their own (ID numbers, credit codes). */
  readonly deterministic?: (valueId: number) => boolean;
  /** Value-pair comparison; defaults to dict.compare. */
  readonly compare?: (a: number, b: number) => number;
}

// Levels at or above this (weak, else) trigger the swap check.
const SWAP_FROM = 4;

export class Comparison {
  readonly levels: readonly string[];
  readonly counts = new Counts();
  readonly swappedLevel: number;
  readonly elseLevel: number;
  private readonly valueLevel: (a: number, b: number) => number;

  constructor(
    readonly name: string,
    readonly kind: FieldKind,
    readonly dict: ValueDict,
    readonly ids: IntColumn,
    private readonly siblings: readonly IntColumn[],
    readonly options: ComparisonOptions,
  ) {
    const base = dict.levels;
    this.levels = siblings.length > 0 ? [...base.slice(0, -1), 'swapped', 'else'] : base;
    this.swappedLevel = siblings.length > 0 ? base.length - 1 : -1;
    this.elseLevel = this.levels.length - 1;
    this.valueLevel = options.compare ?? ((a, b) => dict.compare(a, b));
  }

  /** Value id of record i (-1 missing). */
  value(i: number): number {
    return this.ids.data[i]!;
  }

  level(i: number, j: number): number {
    const d = this.ids.data;
    const a = d[i]!;
    const b = d[j]!;
    if (a < 0 || b < 0) return 0;
    if (a === b) return 1;
    const l = this.valueLevel(a, b);
    if (this.swappedLevel < 0) return l;
    if (l >= SWAP_FROM && this.movedToSibling(i, j, a, b)) return this.swappedLevel;
    return l === this.swappedLevel ? this.elseLevel : l;
  }

  /** True when equal valid values make the pair a match by rule. */
  deterministicMatch(i: number, j: number): boolean {
    const det = this.options.deterministic;
    if (det === undefined) return false;
    const a = this.ids.data[i]!;
    return a >= 0 && a === this.ids.data[j] && det(a);
  }

  private movedToSibling(i: number, j: number, a: number, b: number): boolean {
    for (const s of this.siblings) {
      const sb = s.data[j]!;
      if (sb >= 0 && (sb === a || this.dict.equivalent(a, sb))) return true;
      const sa = s.data[i]!;
      if (sa >= 0 && (sa === b || this.dict.equivalent(sa, b))) return true;
    }
    return false;
  }
}

/**
 * Comparison vectors for candidate pairs, one byte per comparison, and their distinct patterns
 * (what EM works on: a few thousand patterns instead of millions of pairs).
 *
 * @example
 * const levels = compareCandidates(store.comparisons, cands.left, cands.right, cands.count);
 * const { patterns, counts } = countPatterns(levels, store.comparisons.length, cands.count);
 */
import type { Comparison } from './encode/comparison.ts';

export function compareCandidates(comparisons: readonly Comparison[], left: Int32Array, right: Int32Array, count: number): Uint8Array {
  const f = comparisons.length;
  const out = new Uint8Array(count * f);
  // One comparison at a time over all pairs: each inner loop calls one kind of comparison,
  // which the JIT can specialise, instead of cycling through all kinds for every pair.
  for (let k = 0; k < f; k++) {
    const c = comparisons[k]!;
    for (let p = 0, o = k; p < count; p++, o += f) out[o] = c.level(left[p]!, right[p]!);
  }
  return out;
}

export interface Patterns {
  /** Distinct level vectors, `fields` bytes each. */
  readonly patterns: Uint8Array;
  readonly counts: Float64Array;
  readonly size: number;
}

/** Groups identical level vectors and counts them. */
export function countPatterns(levels: Uint8Array, fields: number, count: number): Patterns {
  const index = new Map<string | number, number>();
  const reps: number[] = [];
  const tally: number[] = [];
  for (let p = 0; p < count; p++) {
    let key = 0;
    const o = p * fields;
    // Base-16 digits: exact for up to 13 comparisons, string beyond.
    if (fields <= 13) for (let k = 0; k < fields; k++) key = key * 16 + levels[o + k]!;
    const k2: string | number = fields <= 13 ? key : levels.subarray(o, o + fields).join(',');
    const id = index.get(k2);
    if (id === undefined) {
      index.set(k2, reps.length);
      reps.push(p);
      tally.push(1);
    } else tally[id]!++;
  }
  const patterns = new Uint8Array(reps.length * fields);
  reps.forEach((p, r) => patterns.set(levels.subarray(p * fields, p * fields + fields), r * fields));
  return { patterns, counts: Float64Array.from(tally), size: reps.length };
}

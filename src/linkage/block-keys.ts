/**
 * Blocking keys as dense ids per record (-1: the rule cannot place it), numbered by first
 * occurrence. A rule on two keys is grouped by sorting on the pair (two stable counting sorts)
 * rather than by interning the pair in a hash table: on millions of records that was the most
 * expensive part of blocking (one random probe into a table of tens of MB per record and rule).
 *
 * @example
 * const { dense, keyCount } = denseKeys(rule, store.size);
 * dense[i] === dense[j] // i and j share the rule's block
 */
import type { BlockingRule } from './blocking.ts';

export interface DenseKeys {
  readonly dense: Int32Array;
  readonly keyCount: number;
}

export function denseKeys(rule: BlockingRule, n: number): DenseKeys {
  if (rule.parts !== undefined) {
    const grouped = pairKeys(rule.parts, n);
    if (grouped !== undefined) return grouped;
  }
  const raw = new Int32Array(n);
  let max = -1;
  for (let i = 0; i < n; i++) {
    const k = rule.key(i);
    raw[i] = k;
    if (k > max) max = k;
  }
  return renumber(raw, max, n);
}

/** Keys that are small ints already (value ids, token ids) renumbered by first occurrence. */
function renumber(raw: Int32Array, max: number, n: number): DenseKeys {
  let keyCount = 0;
  if (max > 4 * n + 65536) {
    // Sparse keys (a custom rule): a map keeps memory proportional to the records.
    const ids = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = raw[i]!;
      if (k < 0) continue;
      let id = ids.get(k);
      if (id === undefined) ids.set(k, (id = keyCount++));
      raw[i] = id;
    }
    return { dense: raw, keyCount };
  }
  const remap = new Int32Array(max + 1).fill(-1);
  for (let i = 0; i < n; i++) {
    const k = raw[i]!;
    if (k < 0) continue;
    let id = remap[k]!;
    if (id < 0) remap[k] = id = keyCount++;
    raw[i] = id;
  }
  return { dense: raw, keyCount };
}

/** Records grouped on (a, b) by sorting; undefined when the parts' values are too sparse to count. */
function pairKeys([partA, partB]: readonly [(i: number) => number, (i: number) => number], n: number): DenseKeys | undefined {
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  let maxA = -1;
  let maxB = -1;
  let placed = 0;
  for (let i = 0; i < n; i++) {
    const x = partA(i);
    const y = partB(i);
    if (x < 0 || y < 0) {
      a[i] = -1;
      continue;
    }
    a[i] = x;
    b[i] = y;
    if (x > maxA) maxA = x;
    if (y > maxB) maxB = y;
    placed++;
  }
  const limit = 4 * n + 65536;
  if (maxA > limit || maxB > limit) return undefined;
  let order: Int32Array = new Int32Array(placed);
  for (let i = 0, o = 0; i < n; i++) if (a[i]! >= 0) order[o++] = i;
  // Least significant part first: stable, so the result is ordered by (a, b), then by record.
  order = countingSort(order, b, maxB);
  order = countingSort(order, a, maxA);
  const group = new Int32Array(n).fill(-1);
  let groups = 0;
  for (let o = 0; o < placed; o++) {
    const i = order[o]!;
    const p = o === 0 ? -1 : order[o - 1]!;
    if (o === 0 || a[i] !== a[p] || b[i] !== b[p]) groups++;
    group[i] = groups - 1;
  }
  return renumber(group, groups - 1, n);
}

function countingSort(order: Int32Array, key: Int32Array, max: number): Int32Array {
  const start = new Int32Array(max + 2);
  for (let o = 0; o < order.length; o++) start[key[order[o]!]! + 1]!++;
  for (let k = 0; k <= max; k++) start[k + 1]! += start[k]!;
  const out = new Int32Array(order.length);
  for (let o = 0; o < order.length; o++) {
    const i = order[o]!;
    out[start[key[i]!]!++] = i;
  }
  return out;
}

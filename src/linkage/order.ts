/**
 * Stable descending order of float64 values by LSD radix sort on their bit patterns: the same
 * order as `indices.sort((x, y) => v[y] - v[x])`, without a comparator call per comparison
 * (a million edges sort in milliseconds, not half a second).
 *
 * @example
 * orderByDescending(Float64Array.of(0.5, 2, 0.5, -1)) // Int32Array [1, 0, 2, 3]
 */
export function orderByDescending(values: Float64Array, count = values.length): Int32Array {
  // Sortable keys: IEEE bits with the sign flipped (non-negative) or all bits flipped (negative)
  // order like the numbers; inverting them once more makes the ascending radix sort descending.
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const little = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  const [L, H] = little ? [0, 1] : [1, 0];
  for (let i = 0; i < count; i++) {
    bits[0] = values[i]! + 0; // -0 → +0, equal to it as the comparator sees it
    const h = words[H]!;
    const l = words[L]!;
    const negative = h >>> 31 === 1;
    hi[i] = ~(negative ? ~h : h | 0x80000000) >>> 0;
    lo[i] = ~(negative ? ~l : l) >>> 0;
  }
  let order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  let next = new Int32Array(count);
  const buckets = new Int32Array(1 << 16);
  for (const [word, shift] of [[lo, 0], [lo, 16], [hi, 0], [hi, 16]] as const) {
    buckets.fill(0);
    for (let i = 0; i < count; i++) buckets[(word[i]! >>> shift) & 0xffff]!++;
    for (let b = 0, sum = 0; b < buckets.length; b++) {
      const c = buckets[b]!;
      buckets[b] = sum;
      sum += c;
    }
    for (let i = 0; i < count; i++) {
      const k = order[i]!;
      next[buckets[(word[k]! >>> shift) & 0xffff]!++] = k;
    }
    [order, next] = [next, order];
  }
  return order;
}

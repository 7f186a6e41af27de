import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { orderByDescending } from './order.ts';

describe('orderByDescending', () => {
  it('orders like a stable comparator sort, ties by index', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1, 60, -40)), { maxLength: 300 }), (xs) => {
        const values = Float64Array.from(xs);
        const expected = xs.map((_, i) => i).sort((x, y) => values[y]! - values[x]!);
        assert.deepEqual([...orderByDescending(values)], expected);
      }),
    );
  });

  it('orders only the first `count` values', () => {
    assert.deepEqual([...orderByDescending(Float64Array.of(1, 3, 2, 9), 3)], [1, 2, 0]);
  });
});

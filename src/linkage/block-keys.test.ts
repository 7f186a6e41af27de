import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { denseKeys } from './block-keys.ts';
import { keyCombiner, type BlockingRule } from './blocking.ts';

describe('dense blocking keys', () => {
  it('numbers a two-part rule exactly as interning the pair would, first occurrence first', () => {
    const part = fc.array(fc.integer({ min: -1, max: 12 }), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(part, part, (xs, ys) => {
        const n = Math.min(xs.length, ys.length);
        const a = (i: number) => xs[i]!;
        const b = (i: number) => ys[i]!;
        const combine = keyCombiner();
        const viaPairs: BlockingRule = { name: 'r', key: (i) => combine(a(i), b(i)), parts: [a, b] };
        const viaKey: BlockingRule = { name: 'r', key: viaPairs.key };
        assert.deepEqual(denseKeys(viaPairs, n), denseKeys(viaKey, n));
      }),
    );
  });

  it('falls back to the key for parts too sparse to count', () => {
    const big = (i: number) => (i % 2 === 0 ? 2_000_000_000 : 7);
    const combine = keyCombiner();
    const rule: BlockingRule = { name: 'sparse', key: (i) => combine(big(i), i % 3), parts: [big, (i) => i % 3] };
    const { dense, keyCount } = denseKeys(rule, 12);
    assert.equal(keyCount, 6);
    assert.equal(dense[0], dense[6]);
    assert.notEqual(dense[0], dense[2]);
  });
});

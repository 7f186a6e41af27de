import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BAG_MAX_LENGTH, CharBags } from './char-bags.ts';

function naiveCommon(x: string, y: string): number {
  const cx = new Array<number>(32).fill(0);
  const cy = new Array<number>(32).fill(0);
  for (const c of x) cx[c.charCodeAt(0) & 31]!++;
  for (const c of y) cy[c.charCodeAt(0) & 31]!++;
  return cx.reduce((s, v, k) => s + Math.min(v, cy[k]!), 0);
}

describe('character bags', () => {
  it('count the common characters per bucket exactly, as a plain loop does', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'q', 'A', ' ', '1', '王', 'é', '~'), maxLength: BAG_MAX_LENGTH });
    fc.assert(
      fc.property(text, text, (x, y) => {
        const bags = new CharBags();
        bags.add(0, x);
        bags.add(1, y);
        assert.equal(bags.common(0, 1), naiveCommon(x, y));
        assert.equal(bags.common(1, 0), naiveCommon(x, y));
      }),
    );
  });

  it('survive export and a new home', () => {
    const bags = new CharBags();
    ['smith', 'smyth', 'jones'].forEach((v, i) => bags.add(i, v));
    const copy = new CharBags(bags.export(3).slice());
    assert.equal(copy.common(0, 1), 4);
    assert.equal(copy.common(0, 2), bags.common(0, 2));
  });
});

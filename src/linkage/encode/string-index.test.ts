import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StringIndex, packStrings, stringHash, unpackStrings } from './string-index.ts';

describe('StringIndex', () => {
  it('gives each distinct string one dense id, in first-seen order, like a Map', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', '王', '滑县石桥镇3组42号')), { maxLength: 400 }), (xs) => {
        const index = new StringIndex(4);
        const map = new Map<string, number>();
        for (const s of xs) {
          if (!map.has(s)) map.set(s, map.size);
          assert.equal(index.id(s), map.get(s));
        }
        assert.deepEqual(index.allKeys(), [...map.keys()]);
        for (const s of xs) assert.equal(index.get(s), map.get(s));
        assert.equal(index.get('\u0000not there'), -1);
      }),
    );
  });

  it('hashes to int32, the empty string included', () => {
    for (const s of ['', 'a', '王晓明']) assert.equal(stringHash(s), stringHash(s) | 0);
  });

  it('finds repeated empty strings without growing', () => {
    const index = new StringIndex();
    for (let i = 0; i < 1000; i++) index.id('');
    assert.equal(index.size, 1);
  });

  it('survives export and import, and keeps interning after it', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 8 }), { maxLength: 200 }), fc.string(), (xs, extra) => {
        const index = new StringIndex();
        for (const s of xs) index.id(s);
        const copy = StringIndex.fromState(structuredClone(index.exportState()));
        // Imported keys are materialised lazily: probe and intern before reading them all.
        assert.equal(copy.id(extra), xs.includes(extra) ? xs.indexOf(extra) : xs.length);
        for (const [i, s] of xs.entries()) assert.equal(copy.get(s), i);
        if (xs.length > 0) assert.equal(copy.key(xs.length - 1), xs.at(-1));
        assert.deepEqual(copy.allKeys(), xs.includes(extra) ? xs : [...xs, extra]);
      }),
    );
  });

  it('packs strings, lone surrogates and empty ones included', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' })), (xs) => assert.deepEqual(unpackStrings(packStrings(xs)), xs)));
  });
});

describe('packStrings', () => {
  it('uses one byte per character when it can, and round-trips Latin-1 and wider text alike', () => {
    assert.ok(packStrings(['4105', 'é', '']).text instanceof Uint8Array);
    assert.ok(packStrings(['4105', '王']).text instanceof Uint16Array);
    fc.assert(fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '9', 'é', 'ÿ', '\u0000') })), (xs) => assert.deepEqual(unpackStrings(packStrings(xs)), xs)));
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jaro, jaroReference, jaroWinkler, osaDistance, osaSimilarity, positionalEdits } from './similarity.ts';
import { soundex } from './phonetic.ts';

const short = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'm', 'r', 't', ' ', '1', '王', '张'), maxLength: 12 });
const any = fc.oneof(short, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 10 }));

/** Textbook OSA by full dynamic programming, to check the banded early-exit version. */
function osaNaive(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('string comparators', () => {
  for (const [name, f] of [['jaro', jaro], ['jaroWinkler', jaroWinkler], ['osaSimilarity', osaSimilarity]] as const) {
    it(`${name} is symmetric, 1 on identical strings and within [0, 1]`, () => {
      fc.assert(
        fc.property(any, any, (a, b) => {
          const s = f(a, b);
          assert.ok(s >= 0 && s <= 1, `${s} out of bounds`);
          assert.equal(s, f(b, a));
          assert.equal(f(a, a), 1);
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('bit-parallel Jaro equals the textbook quadratic Jaro', () => {
    fc.assert(fc.property(any, any, (a, b) => assert.ok(Math.abs(jaro(a, b) - jaroReference(a, b)) < 1e-12)), { numRuns: 3000 });
  });

  it('banded OSA distance equals full dynamic programming, capped at max + 1', () => {
    fc.assert(
      fc.property(short, short, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        const full = osaNaive(a, b);
        assert.equal(osaDistance(a, b), full);
        assert.equal(osaDistance(a, b, max), Math.min(full, max + 1));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts positional edits of fixed-width codes: never below OSA, equal to it within one edit', () => {
    const code = fc.string({ unit: fc.constantFrom('0', '1', '2', '9'), minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(code, code, (a, b) => {
        const p = positionalEdits(a, b, 8);
        assert.ok(p >= osaDistance(a, b));
        assert.equal(p, positionalEdits(b, a, 8));
        if (osaDistance(a, b) <= 1 && p <= 1) assert.equal(p, osaDistance(a, b));
      }),
      { numRuns: 2000 },
    );
    assert.equal(positionalEdits('19850307', '19850370', 2), 1);
    assert.equal(positionalEdits('19850307', '19860308', 2), 2);
    assert.equal(positionalEdits('12345678', '23456781', 2), 3);
  });

  it('scores the classic examples', () => {
    assert.ok(Math.abs(jaroWinkler('martha', 'marhta') - 0.9611) < 1e-4);
    assert.ok(Math.abs(jaroWinkler('dixon', 'dicksonx') - 0.8133) < 1e-4);
    assert.equal(osaDistance('2635962', '2639562'), 1);
    assert.equal(osaDistance('2635962', '2639561'), 2);
    assert.equal(osaDistance('6527653', '6527635'), 1);
    assert.equal(jaro('', 'abc'), 0);
  });

  it('gives sound-alike Latin names the same soundex', () => {
    assert.equal(soundex('Robert'), 'r163');
    assert.equal(soundex('Rupert'), 'r163');
    assert.equal(soundex('stubbs'), soundex('stubs'));
    assert.equal(soundex('Ashcraft'), 'a261');
    assert.equal(soundex(''), '');
  });
});

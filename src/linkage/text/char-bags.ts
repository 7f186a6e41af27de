/**
 * Per value, how many of its characters fall in each of 32 buckets (code & 31): the overlap of two
 * bags bounds the characters Jaro can match, so most disagreeing pairs skip Jaro altogether. Four
 * buckets share a 32-bit word (counts up to 127), so a bound is 8 word operations, not 32 byte
 * loads — SIMD within a register.
 *
 * @example
 * const bags = new CharBags(); bags.add(0, 'smith'); bags.add(1, 'smyth');
 * bags.common(0, 1) // 4 (s, m, t, h; i and y fall in different buckets)
 */

const WORDS = 8;
/** Longest value whose counts cannot reach 128 in a bucket: the bound is exact up to here. */
export const BAG_MAX_LENGTH = 127;

export class CharBags {
  private words: Uint32Array;
  constructor(words?: Uint32Array) {
    this.words = words ?? new Uint32Array(1024 * WORDS);
  }

  add(id: number, value: string): void {
    if ((id + 1) * WORDS > this.words.length) {
      const next = new Uint32Array(Math.max(1024 * WORDS, this.words.length * 2));
      next.set(this.words);
      this.words = next;
    }
    const o = id * WORDS;
    for (let i = 0; i < value.length; i++) {
      const bucket = value.charCodeAt(i) & 31;
      const at = o + (bucket >> 2);
      const shift = (bucket & 3) * 8;
      if (((this.words[at]! >>> shift) & 0xff) < 127) this.words[at] = this.words[at]! + (1 << shift);
    }
  }

  /** Σ over buckets of min(count in a, count in b); exact for values of at most BAG_MAX_LENGTH characters. */
  common(a: number, b: number): number {
    const w = this.words;
    const oa = a * WORDS;
    const ob = b * WORDS;
    let sum = 0;
    for (let k = 0; k < WORDS; k++) {
      const x = w[oa + k]!;
      const y = w[ob + k]!;
      // Per byte: the high bit of (x | 0x80) - y is set where x ≥ y (counts stay below 128).
      const ge = ((x | 0x80808080) - y) & 0x80808080;
      const mask = (ge >>> 7) * 0xff;
      const min = (y & mask) | (x & ~mask);
      const pairs = (min & 0x00ff00ff) + ((min >>> 8) & 0x00ff00ff);
      sum += (pairs & 0xffff) + (pairs >>> 16);
    }
    return sum;
  }

  /** The first `count` values' bags, to hand to another thread. */
  export(count: number): Uint32Array {
    return this.words.subarray(0, count * WORDS);
  }
}

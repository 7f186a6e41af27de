import { createHash } from 'node:crypto';

/**
 * Seeded pseudo-random numbers for the demo generator (Math.random is not reproducible).
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128-bit state, passes
 * PractRand, and is a handful of 32-bit ops per draw, which matters at ~50 draws per row.
 *
 * Every consumer takes its own stream, derived from the user's seed and a stream name, so
 * adding a department (or a draw inside one) never shifts the numbers another one sees.
 *
 * @example
 * const rng = rngFor(7, 'dept:gaj-hukou');
 * rng.int(6);        // 0..5
 * rng.chance(0.01);  // true about 1% of the time
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(state: readonly [number, number, number, number]) {
    [this.a, this.b, this.c, this.d] = state;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Roughly normal (Irwin–Hall of 4), cheap and bounded: mean 0, sd ≈ 1. */
  normal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508;
  }

  /** A child stream, for work that must not disturb this stream's sequence. */
  fork(name: string): Rng {
    return new Rng(stateFrom(`${this.u32()}:${name}`));
  }
}

function stateFrom(text: string): [number, number, number, number] {
  const h = createHash('sha256').update(text).digest();
  return [h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)];
}

/** The stream named `stream` of the generator seeded by `seed`. */
export function rngFor(seed: string | number, stream: string): Rng {
  return new Rng(stateFrom(`shutong-demo\u0000${seed}\u0000${stream}`));
}

/**
 * Draws indices in proportion to weights (cumulative table + binary search).
 *
 * @example
 * const sex = new Weighted([51, 49]); sex.sample(rng); // 0 or 1
 */
export class Weighted {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  get size(): number {
    return this.cumulative.length;
  }

  sample(rng: Rng): number {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/**
 * A per-item coin in [0, 1) that does not consume a stream: used where several files must
 * agree on a decision about the same person (e.g. whether the health centre has a record).
 *
 * @example
 * const key = hashKey(7, 'wjw-coverage');
 * hashUnit(key, personIndex) < 0.88;
 */
export function hashUnit(key: number, i: number): number {
  let h = (key ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export function hashKey(seed: string | number, name: string): number {
  return stateFrom(`shutong-demo-key\u0000${seed}\u0000${name}`)[0];
}

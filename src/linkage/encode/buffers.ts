/**
 * Growable typed columns and a fixed-memory cache of value-pair results: the hot path never
 * allocates objects per record or per pair.
 *
 * @example
 * const col = new IntColumn(); col.push(7); col.data[0] // 7
 * const cache = new PairCache(1 << 16); cache.set(3, 9, 2); cache.get(9, 3) // 2
 */

import { StringIndex, type StringIndexState } from './string-index.ts';

export class IntColumn {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  /** A column holding `values` (taken over, not copied). */
  static of(values: Int32Array): IntColumn {
    const c = new IntColumn(0);
    c.adopt(values);
    return c;
  }
  /** Replaces the contents with `values` (taken over, not copied). */
  adopt(values: Int32Array): void {
    this.data = values;
    this.length = values.length;
  }
  /** The filled part (a view: take it over or copy it before pushing more). */
  toArray(): Int32Array {
    return this.data.subarray(0, this.length);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** Counts per value id, grown on demand. */
export class Counts {
  data: Int32Array = new Int32Array(256);
  total = 0;
  /** Replaces the counts with `data` (taken over) summing to `total`. */
  adopt(data: Int32Array, total: number): void {
    this.data = data;
    this.total = total;
  }
  add(id: number): void {
    if (id >= this.data.length) {
      const next = new Int32Array(Math.max(id + 1, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[id]!++;
    this.total++;
  }
  get(id: number): number {
    return id < this.data.length ? this.data[id]! : 0;
  }
}

/**
 * Open-addressing map from an unordered pair of non-negative int32 ids to a small level.
 * When half full it is cleared rather than grown, so memory stays bounded on huge runs.
 */
export class PairCache {
  // Allocated on first use: a run that never needs a comparison's cache does not pay for it.
  private keysA = EMPTY;
  private keysB = EMPTY;
  private values = new Int8Array(0);
  private mask = 0;
  private used = 0;
  constructor(private readonly capacity = 1 << 16) {}
  private allocate(): void {
    let size = 1;
    while (size < this.capacity) size <<= 1;
    this.keysA = new Int32Array(size).fill(-1);
    this.keysB = new Int32Array(size);
    this.values = new Int8Array(size);
    this.mask = size - 1;
  }
  get(x: number, y: number): number {
    if (this.mask === 0) return -1;
    const a = x < y ? x : y;
    const b = x < y ? y : x;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & this.mask;
    for (;;) {
      const k = this.keysA[h]!;
      if (k === -1) return -1;
      if (k === a && this.keysB[h] === b) return this.values[h]!;
      h = (h + 1) & this.mask;
    }
  }
  set(x: number, y: number, v: number): void {
    if (this.mask === 0) this.allocate();
    if (this.used * 2 > this.mask) {
      this.keysA.fill(-1);
      this.used = 0;
    }
    const a = x < y ? x : y;
    const b = x < y ? y : x;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & this.mask;
    while (this.keysA[h] !== -1) {
      if (this.keysA[h] === a && this.keysB[h] === b) {
        this.values[h] = v;
        return;
      }
      h = (h + 1) & this.mask;
    }
    this.keysA[h] = a;
    this.keysB[h] = b;
    this.values[h] = v;
    this.used++;
  }
}

const EMPTY = new Int32Array(0);

/**
 * Dense ids for ordered pairs of non-negative int32 (composite blocking keys), without the slow
 * hashing of non-integer Map keys.
 */
export class IntPairMap {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private ids: Int32Array;
  size = 0;
  /** `capacity`: pairs expected, so that a large map does not rehash its way up. */
  constructor(capacity = 512) {
    let slots = 1024;
    while (slots < capacity * 2) slots <<= 1;
    this.keysA = new Int32Array(slots).fill(-1);
    this.keysB = new Int32Array(slots);
    this.ids = new Int32Array(slots);
  }
  id(a: number, b: number): number {
    if ((this.size + 1) * 2 > this.keysA.length) this.grow();
    const mask = this.keysA.length - 1;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) & mask;
    for (;;) {
      const k = this.keysA[h]!;
      if (k === -1) {
        this.keysA[h] = a;
        this.keysB[h] = b;
        this.ids[h] = this.size;
        return this.size++;
      }
      if (k === a && this.keysB[h] === b) return this.ids[h]!;
      h = (h + 1) & mask;
    }
  }
  /** The id of (a, b), or -1 when it was never given one. */
  get(a: number, b: number): number {
    const mask = this.keysA.length - 1;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) & mask;
    for (;;) {
      const k = this.keysA[h]!;
      if (k === -1) return -1;
      if (k === a && this.keysB[h] === b) return this.ids[h]!;
      h = (h + 1) & mask;
    }
  }
  private grow(): void {
    const { keysA, keysB, ids } = this;
    const n = keysA.length * 2;
    this.keysA = new Int32Array(n).fill(-1);
    this.keysB = new Int32Array(n);
    this.ids = new Int32Array(n);
    const mask = n - 1;
    for (let s = 0; s < keysA.length; s++) {
      const a = keysA[s]!;
      if (a === -1) continue;
      const b = keysB[s]!;
      let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) & mask;
      while (this.keysA[h] !== -1) h = (h + 1) & mask;
      this.keysA[h] = a;
      this.keysB[h] = b;
      this.ids[h] = ids[s]!;
    }
  }
}

/** A value per id computed on first request (blocking keys derived from a dictionary value). */
export class IdMemo {
  private known: Int32Array = new Int32Array(0);
  get(id: number, compute: (id: number) => number): number {
    if (id >= this.known.length) {
      const next = new Int32Array(Math.max(1024, id + 1, this.known.length * 2)).fill(UNKNOWN);
      next.set(this.known);
      this.known = next;
    }
    let v = this.known[id]!;
    if (v === UNKNOWN) this.known[id] = v = compute(id);
    return v;
  }
}

const UNKNOWN = -0x80000000;

/** Interns strings to dense ids. */
export class Interner {
  private constructor(private readonly index: StringIndex) {}
  static create(): Interner {
    return new Interner(new StringIndex());
  }
  static fromState(state: StringIndexState): Interner {
    return new Interner(StringIndex.fromState(state));
  }
  /** The string with this id. */
  value(id: number): string {
    return this.index.key(id);
  }
  id(s: string): number {
    return this.index.id(s);
  }
  exportState(): StringIndexState {
    return this.index.exportState();
  }
}

/**
 * A set of record keys kept as two 32-bit hashes per key in typed arrays: about 16 bytes a key
 * instead of ~80 for a Set<string>, so a million-row batch can flag repeated keys without holding
 * the keys. A hit means "probably seen" (a false hit needs both 32-bit hashes to collide, about one in
 * 10^10 per pair); the writer confirms it against the rows it already wrote.
 *
 * @example
 * const seen = new KeySet();
 * seen.add('110105194912310021'); // false: new
 * seen.add('110105194912310021'); // true: probably seen before
 */
export class KeySet {
  private a: Uint32Array;
  private b: Uint32Array;
  private size = 0;

  constructor(capacity = 1 << 16) {
    this.a = new Uint32Array(capacity);
    this.b = new Uint32Array(capacity);
  }

  /** Adds the key; true when it was (probably) there already. */
  add(key: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = (h1 | 1) >>> 0;
    h2 >>>= 0;
    if ((this.size + 1) * 2 > this.a.length) this.grow();
    return this.insert(h1, h2);
  }

  private insert(h1: number, h2: number): boolean {
    const mask = this.a.length - 1;
    let slot = (h1 ^ (h2 * 31)) & mask;
    for (;;) {
      const cur = this.a[slot]!;
      if (cur === 0) {
        this.a[slot] = h1;
        this.b[slot] = h2;
        this.size++;
        return false;
      }
      if (cur === h1 && this.b[slot] === h2) return true;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const oldA = this.a;
    const oldB = this.b;
    this.a = new Uint32Array(oldA.length * 2);
    this.b = new Uint32Array(oldA.length * 2);
    this.size = 0;
    for (let i = 0; i < oldA.length; i++) if (oldA[i] !== 0) this.insert(oldA[i]!, oldB[i]!);
  }
}

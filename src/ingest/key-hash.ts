/**
 * The 53-bit hash that indexes record keys (ingest_record_keys.key_hash): short, fixed-width index
 * entries that a first load can write in hash order, several times cheaper than text keys in key
 * order (docs/decisions/0306-ingest-record-keys.md). Equal hashes do not mean equal keys: every
 * lookup compares the record's key too. Stored in the database, so the function must never change
 * (the vectors in key-hash.test.ts pin it). It is cyrb53 over UTF-16 code units.
 *
 * @example
 * keyHash('11010519491231002X'); // a number in [0, 2^53)
 */
export function keyHash(key: string): number {
  keyHashBegin();
  keyHashFeed(key);
  return keyHashOfParts();
}

// The running state of a hash fed in parts (a composite key hashed without building its string first).
let h1 = 0;
let h2 = 0;

export function keyHashBegin(): void {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
}

export function keyHashFeed(part: string): void {
  let a = h1;
  let b = h2;
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  h1 = a;
  h2 = b;
}

/** The `|` that joins the parts of a composite key. */
export function keyHashFeedSeparator(): void {
  h1 = Math.imul(h1 ^ 124, 2654435761);
  h2 = Math.imul(h2 ^ 124, 1597334677);
}

/** The hash of everything fed since `keyHashBegin`. */
export function keyHashOfParts(): number {
  const a = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const b = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}

const TWO_32 = 4294967296;

/**
 * The ordinals 0…n-1 ordered by their hash (LSD radix sort, four 16-bit passes over the two 32-bit
 * halves), and the hashes in that order.
 *
 * @example
 * sortByHash(Float64Array.of(5, 1, 5)); // { hashes: [1, 5, 5], ordinals: [1, 0, 2] }
 */
export function sortByHash(input: Float64Array): { hashes: Float64Array; ordinals: Uint32Array } {
  const n = input.length;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = input[i]!;
    const high = Math.floor(h / TWO_32);
    hi[i] = high;
    lo[i] = h - high * TWO_32;
  }
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Uint32Array(65536);
  for (const [half, shift] of [[lo, 0], [lo, 16], [hi, 0], [hi, 16]] as const) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(half[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let b = 0; b < 65536; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const o = order[i]!;
      next[counts[(half[o]! >>> shift) & 0xffff]!++] = o;
    }
    [order, next] = [next, order];
  }
  const hashes = new Float64Array(n);
  for (let i = 0; i < n; i++) hashes[i] = input[order[i]!]!;
  return { hashes, ordinals: order };
}

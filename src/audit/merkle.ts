import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';

/**
 * Merkle tree hashing and proofs exactly as RFC 9162 §2.1 (SHA-256, leaf prefix 0x00, node prefix 0x01).
 * Sizes and indexes are plain numbers (safe up to 2^53); no 32-bit bitwise operators are used on them.
 *
 * Proof generation takes a `SubtreeHasher` (MTH of the leaves in [start, end)) so the same code serves
 * an in-memory tree and a database-backed one; `inclusionRanges` / `consistencyRanges` list the subtrees a
 * proof consists of, so a store can fetch exactly those.
 *
 * @example
 * const leaves = ['a', 'b', 'c'].map((s) => leafHash(Buffer.from(s)));
 * const root = rootOf(leaves);
 * const path = inclusionProof(1, 3, (s, e) => rootOf(leaves.slice(s, e)));
 * verifyInclusion(leaves[1]!, 1, 3, path, root); // true
 */

export const HASH_SIZE = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}) = SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

// One-shot crypto.hash (Node ≥ 20.12) costs about half of createHash().update().digest() per call,
// which is most of the price of an append or a verification.
const oneShot = (nodeCrypto as { hash?: (alg: string, data: string | Uint8Array, enc: 'buffer') => Buffer }).hash;
const oneShotHex = oneShot as unknown as ((alg: string, data: string, enc: 'hex') => string) | undefined;
const oneShotHexBytes = oneShot as unknown as ((alg: string, data: Uint8Array, enc: 'hex') => string) | undefined;
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

/** MTH({d}) = SHA-256(0x00 || d); a string is hashed as its UTF-8 bytes. */
export function leafHash(data: Uint8Array | string): Buffer {
  // "\0" + text encodes as the byte 0x00 followed by the UTF-8 of the text.
  if (oneShot) return oneShot('sha256', typeof data === 'string' ? `\0${data}` : Buffer.concat([LEAF_PREFIX, data]), 'buffer');
  const h = createHash('sha256').update(LEAF_PREFIX);
  return (typeof data === 'string' ? h.update(data, 'utf8') : h.update(data)).digest();
}

/** SHA-256(0x01 || source[offset .. offset + 64]): the parent of two adjacent hashes stored back to back. */
export function nodeHashOfPair(source: Buffer, offset: number): Buffer {
  if (!oneShot) return nodeHash(source.subarray(offset, offset + HASH_SIZE), source.subarray(offset + HASH_SIZE, offset + 2 * HASH_SIZE));
  source.copy(nodeInput, 1, offset, offset + 2 * HASH_SIZE);
  return oneShot('sha256', nodeInput, 'buffer');
}

/** `nodeHashOfPair` as hex: a string is cheaper to make than a Buffer, and the store keeps hashes as hex anyway. */
export function nodeHashHexOfPair(source: Buffer, offset: number): string {
  if (!oneShotHexBytes) return nodeHashOfPair(source, offset).toString('hex');
  source.copy(nodeInput, 1, offset, offset + 2 * HASH_SIZE);
  return oneShotHexBytes('sha256', nodeInput, 'hex');
}

/** Hex SHA-256 of a string's UTF-8 bytes as they are (for texts that already start with the 0x00 leaf prefix). */
export function sha256TextHex(text: string): string {
  return oneShotHex ? oneShotHex('sha256', text, 'hex') : createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 of a string's UTF-8 bytes as they are (for texts that already start with the 0x00 leaf prefix). */
export function sha256Text(text: string): Buffer {
  return oneShot ? oneShot('sha256', text, 'buffer') : createHash('sha256').update(text, 'utf8').digest();
}

/** Hex SHA-256 of bytes that already start with the 0x00 leaf prefix. */
export function sha256HexOfPrefixed(prefixed: Buffer): string {
  return oneShotHexBytes ? oneShotHexBytes('sha256', prefixed, 'hex') : createHash('sha256').update(prefixed).digest('hex');
}

/** Hex of the leaf hash of a text, without an intermediate Buffer (the verifier's inner loop). */
export function leafHashHex(text: string): string {
  return oneShotHex ? oneShotHex('sha256', `\0${text}`, 'hex') : leafHash(text).toString('hex');
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (oneShot && left.length === HASH_SIZE && right.length === HASH_SIZE) {
    nodeInput.set(left, 1);
    nodeInput.set(right, 1 + HASH_SIZE);
    return oneShot('sha256', nodeInput, 'buffer');
  }
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The largest power of two strictly less than n (n > 1): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  if (!(n > 1)) throw new RangeError(`splitPoint needs n > 1, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1 || !Number.isInteger(n)) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** MTH over a list of leaf hashes, by the RFC's recursive definition. */
export function rootOf(leafHashes: readonly Uint8Array[], start = 0, end = leafHashes.length): Buffer {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return Buffer.from(leafHashes[start]!);
  const k = splitPoint(n);
  return nodeHash(rootOf(leafHashes, start, start + k), rootOf(leafHashes, start + k, end));
}

/** A half-open leaf range [start, end) whose MTH is one element of a proof. */
export type LeafRange = readonly [start: number, end: number];

/** MTH(D[start:end]). */
export type SubtreeHasher = (start: number, end: number) => Uint8Array;

function checkSize(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/** The subtrees whose hashes form PATH(index, D[size]) (RFC 9162 §2.1.3.1), leaf level first. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  checkSize('index', index);
  checkSize('size', size);
  if (index >= size) throw new RangeError(`index ${index} is not below tree size ${size}`);
  const out: LeafRange[] = [];
  // Walk down from the root, collecting siblings; the proof lists them bottom-up, so reverse at the end.
  let start = 0;
  let end = size;
  let m = index;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      out.push([start + k, end]);
      end = start + k;
    } else {
      out.push([start, start + k]);
      start += k;
      m -= k;
    }
  }
  return out.reverse();
}

/** The subtrees whose hashes form PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (RFC 9162 §2.1.4.1). */
export function consistencyRanges(m: number, n: number): LeafRange[] {
  checkSize('from', m);
  checkSize('to', n);
  if (m > n) throw new RangeError(`old size ${m} exceeds new size ${n}`);
  if (m === 0 || m === n) return [];
  const out: LeafRange[] = [];
  let start = 0;
  let end = n;
  let b = true;
  let mm = m;
  for (;;) {
    const size = end - start;
    if (mm === size) {
      if (!b) out.push([start, end]);
      break;
    }
    const k = splitPoint(size);
    if (mm <= k) {
      out.push([start + k, end]);
      end = start + k;
    } else {
      out.push([start, start + k]);
      start += k;
      mm -= k;
      b = false;
    }
  }
  return out.reverse();
}

export function inclusionProof(index: number, size: number, mth: SubtreeHasher): Buffer[] {
  return inclusionRanges(index, size).map(([s, e]) => Buffer.from(mth(s, e)));
}

export function consistencyProof(m: number, n: number, mth: SubtreeHasher): Buffer[] {
  return consistencyRanges(m, n).map(([s, e]) => Buffer.from(mth(s, e)));
}

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === HASH_SIZE && b.length === HASH_SIZE && Buffer.compare(a, b) === 0;
}

/** RFC 9162 §2.1.3.2, step by step. */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, path: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0) return false;
  if (leaf.length !== HASH_SIZE || path.some((p) => p.length !== HASH_SIZE)) return false;
  // 1. leaf_index must be below tree_size.
  if (index >= size) return false;
  // 2. fn = leaf_index, sn = tree_size - 1.
  let fn = index;
  let sn = size - 1;
  // 3. r = hash.
  let r: Uint8Array = leaf;
  // 4. for each p in inclusion_path:
  for (const p of path) {
    if (sn === 0) return false; // a.
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r); // b.i
      if (!isOdd(fn)) {
        // b.ii: shift until LSB(fn) is set or fn is 0.
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn); // c.
    sn = half(sn);
  }
  // 5. sn must be 0 and r must equal the root.
  return sn === 0 && sameHash(r, root);
}

/**
 * RFC 9162 §2.1.4.2, step by step, for 0 < first < second. The trivial cases follow the usual
 * convention (as in transparency-dev/merkle): equal sizes need an empty proof and equal roots; an
 * empty old tree is consistent with anything and needs an empty proof.
 */
export function verifyConsistency(first: number, second: number, firstHash: Uint8Array, secondHash: Uint8Array, consistencyPath: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (consistencyPath.some((p) => p.length !== HASH_SIZE)) return false;
  if (first === second) return consistencyPath.length === 0 && sameHash(firstHash, secondHash);
  if (first === 0) return consistencyPath.length === 0;
  // 1. an empty path fails.
  if (consistencyPath.length === 0) return false;
  // 2. if first is a power of two, prepend first_hash.
  const path = isPowerOfTwo(first) ? [firstHash, ...consistencyPath] : [...consistencyPath];
  // 3.
  let fn = first - 1;
  let sn = second - 1;
  // 4. shift while LSB(fn) is set.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false; // a.
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr); // b.i
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        // b.ii
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c); // otherwise
    }
    fn = half(fn); // c.
    sn = half(sn);
  }
  // 7.
  return sn === 0 && sameHash(fr, firstHash) && sameHash(sr, secondHash);
}

/** The complete, aligned subtrees that make up [start, start + size) in RFC split order, as [start, level]. */
export function perfectSubtrees(start: number, size: number): Array<readonly [start: number, level: number]> {
  const out: Array<readonly [number, number]> = [];
  let s = start;
  let remaining = size;
  while (remaining > 0) {
    let width = 1;
    let level = 0;
    while (width * 2 <= remaining) {
      width *= 2;
      level++;
    }
    out.push([s, level]);
    s += width;
    remaining -= width;
  }
  return out;
}

/** Folds perfect-subtree roots (left to right, decreasing size) into the MTH of their concatenation. */
export function foldRoots(roots: readonly Uint8Array[]): Buffer {
  if (roots.length === 0) return EMPTY_ROOT;
  let r: Uint8Array = roots[roots.length - 1]!;
  for (let i = roots.length - 2; i >= 0; i--) r = nodeHash(roots[i]!, r);
  return Buffer.from(r);
}

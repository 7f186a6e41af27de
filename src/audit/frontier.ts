import { foldRoots, HASH_SIZE, nodeHashHexOfPair, perfectSubtrees } from './merkle.ts';

/** A complete, aligned subtree: leaves [index·2^level, (index+1)·2^level). */
export interface CompleteSubtree {
  readonly level: number;
  readonly index: number;
  /** The subtree hash as hex, which is how the store keeps it. */
  readonly hex: string;
  /** The same hash as bytes (made on demand: the append path needs only the hex). */
  readonly hash: Buffer;
}

// Deeper than any tree of 2^53 leaves can need.
const MAX_ROOTS = 64;

/**
 * The right edge ("compact range" from 0) of an append-only Merkle tree: the roots of the perfect
 * subtrees in the binary decomposition of the size. Appending costs O(1) amortised hashes (O(log n) at
 * worst) and the root of the current size costs O(log n), so the log never rehashes old leaves.
 *
 * The roots live in one buffer, 32 bytes a slot, and merges hash straight out of it: a Buffer per hash
 * would cost more than the hash itself (about a million of them per million appends).
 *
 * `onComplete` sees every complete subtree of level ≥ 1 as it forms, which is how the store keeps its
 * sparse cache of interior hashes for fast proofs.
 *
 * @example
 * const f = new Frontier();
 * f.append(leafHash(Buffer.from('a')));
 * f.append(leafHash(Buffer.from('b')));
 * f.root(); // MTH of the two leaves
 */
export class Frontier {
  #size: number;
  readonly #slots = Buffer.alloc(MAX_ROOTS * HASH_SIZE);
  readonly #levels: number[];
  readonly #onComplete: ((subtree: CompleteSubtree) => void) | undefined;

  /** Restores a frontier of `size` leaves from its perfect-subtree roots (left to right), e.g. read back from storage. */
  constructor(size = 0, roots: readonly Uint8Array[] = [], onComplete?: (subtree: CompleteSubtree) => void) {
    const shape = perfectSubtrees(0, size);
    if (shape.length !== roots.length) throw new RangeError(`a frontier of size ${size} has ${shape.length} roots, got ${roots.length}`);
    this.#size = size;
    roots.forEach((r, i) => {
      if (r.length !== HASH_SIZE) throw new RangeError('a frontier root must be 32 bytes');
      this.#slots.set(r, i * HASH_SIZE);
    });
    this.#levels = shape.map(([, level]) => level);
    this.#onComplete = onComplete;
  }

  get size(): number {
    return this.#size;
  }

  /** Appends a leaf hash (copied). */
  append(leaf: Uint8Array): void {
    if (leaf.length !== HASH_SIZE) throw new RangeError('leaf hash must be 32 bytes');
    this.#slots.set(leaf, this.#levels.length * HASH_SIZE);
    this.#merge();
  }

  /** Appends a leaf hash given as 64 hex digits (the form the log stores), skipping a Buffer per leaf. */
  appendHex(leafHex: string): void {
    if (this.#slots.write(leafHex, this.#levels.length * HASH_SIZE, 'hex') !== HASH_SIZE || leafHex.length !== 2 * HASH_SIZE) {
      throw new RangeError('leaf hash must be 64 hex digits');
    }
    this.#merge();
  }

  /** The new leaf sits in the slot after the last root: merge equal-level neighbours, each merge closing one complete subtree. */
  #merge(): void {
    const levels = this.#levels;
    let level = 0;
    let index = this.#size;
    while (levels.length > 0 && levels[levels.length - 1] === level) {
      levels.pop();
      const at = levels.length * HASH_SIZE;
      const hex = nodeHashHexOfPair(this.#slots, at);
      this.#slots.write(hex, at, 'hex');
      level++;
      index = Math.floor(index / 2);
      if (this.#onComplete) this.#onComplete(subtree(level, index, hex));
    }
    levels.push(level);
    this.#size++;
  }

  /** MTH of all leaves appended so far. */
  root(): Buffer {
    return foldRoots(this.roots());
  }

  /** The perfect-subtree roots, left to right (largest first). */
  roots(): Buffer[] {
    return this.#levels.map((_, i) => Buffer.from(this.#slots.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)));
  }

  clone(onComplete?: (subtree: CompleteSubtree) => void): Frontier {
    return new Frontier(this.#size, this.roots(), onComplete);
  }
}

function subtree(level: number, index: number, hex: string): CompleteSubtree {
  return new Subtree(level, index, hex);
}

// A class rather than an object literal with a getter, which V8 builds far more slowly.
class Subtree implements CompleteSubtree {
  constructor(readonly level: number, readonly index: number, readonly hex: string) {}

  get hash(): Buffer {
    return Buffer.from(this.hex, 'hex');
  }
}

import { foldRoots, nodeHash, perfectSubtrees } from './merkle.ts';

/** A complete, aligned subtree: leaves [index·2^level, (index+1)·2^level). */
export interface CompleteSubtree {
  readonly level: number;
  readonly index: number;
  readonly hash: Buffer;
}

/**
 * The right edge ("compact range" from 0) of an append-only Merkle tree: the roots of the perfect
 * subtrees in the binary decomposition of the size. Appending costs O(1) amortised hashes (O(log n) at
 * worst) and the root of the current size costs O(log n), so the log never rehashes old leaves.
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
  readonly #hashes: Buffer[];
  readonly #levels: number[];
  readonly #onComplete: ((subtree: CompleteSubtree) => void) | undefined;

  /** Restores a frontier of `size` leaves from its perfect-subtree roots (left to right), e.g. read back from storage. */
  constructor(size = 0, roots: readonly Uint8Array[] = [], onComplete?: (subtree: CompleteSubtree) => void) {
    const shape = perfectSubtrees(0, size);
    if (shape.length !== roots.length) throw new RangeError(`a frontier of size ${size} has ${shape.length} roots, got ${roots.length}`);
    this.#size = size;
    this.#hashes = roots.map((r) => Buffer.from(r));
    this.#levels = shape.map(([, level]) => level);
    this.#onComplete = onComplete;
  }

  get size(): number {
    return this.#size;
  }

  /** Appends a leaf hash; the frontier keeps a reference, so the caller must not reuse the buffer. */
  append(leaf: Buffer): void {
    let hash: Buffer = leaf;
    let level = 0;
    let index = this.#size;
    // Merge equal-level neighbours: each merge closes one complete subtree.
    while (this.#levels.length > 0 && this.#levels[this.#levels.length - 1] === level) {
      this.#levels.pop();
      hash = nodeHash(this.#hashes.pop()!, hash);
      level++;
      index = Math.floor(index / 2);
      this.#onComplete?.({ level, index, hash });
    }
    this.#hashes.push(hash);
    this.#levels.push(level);
    this.#size++;
  }

  /** MTH of all leaves appended so far. */
  root(): Buffer {
    return foldRoots(this.#hashes);
  }

  /** The perfect-subtree roots, left to right (largest first). */
  roots(): Buffer[] {
    return this.#hashes.map((h) => Buffer.from(h));
  }

  clone(onComplete?: (subtree: CompleteSubtree) => void): Frontier {
    return new Frontier(this.#size, this.#hashes, onComplete);
  }
}

import { HASH_SIZE, EMPTY_ROOT, consistencyProof, inclusionProof, nodeHash, nodeHashHexOfPair, splitPoint } from './merkle.ts';

/** One level of hashes in a single growable buffer (32 bytes a slot), so a million leaves cost 32 MB, not a million objects. */
class HashLevel {
  #buf = Buffer.alloc(HASH_SIZE * 1024);
  #count = 0;

  get count(): number {
    return this.#count;
  }

  push(hash: Uint8Array): void {
    this.#grow();
    this.#buf.set(hash, this.#count * HASH_SIZE);
    this.#count++;
  }

  pushHex(hex: string): void {
    this.#grow();
    if (this.#buf.write(hex, this.#count * HASH_SIZE, 'hex') !== HASH_SIZE) throw new RangeError('leaf hash must be 64 hex digits');
    this.#count++;
  }

  #grow(): void {
    if ((this.#count + 1) * HASH_SIZE > this.#buf.length) {
      const bigger = Buffer.alloc(this.#buf.length * 2);
      this.#buf.copy(bigger, 0, 0, this.#count * HASH_SIZE);
      this.#buf = bigger;
    }
  }

  /** The parent hash of slots i and i + 1, as hex. */
  pairHashHex(i: number): string {
    return nodeHashHexOfPair(this.#buf, i * HASH_SIZE);
  }

  /** A view onto slot i (valid until the next push). */
  at(i: number): Buffer {
    return this.#buf.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
  }
}

/**
 * An in-memory Merkle tree that keeps every complete subtree hash, so the MTH of any RFC range, and so
 * every inclusion or consistency proof, costs O(log n) hashes. Used by tests, the verifier and the
 * benchmark; the database-backed service keeps only a sparse cache (see stored-tree.ts).
 *
 * @example
 * const t = new MemoryTree();
 * for (const e of entries) t.append(leafHash(e));
 * t.inclusionProof(3, t.size);
 */
export class MemoryTree {
  readonly #levels: HashLevel[] = [new HashLevel()];

  get size(): number {
    return this.#levels[0]!.count;
  }

  append(leaf: Uint8Array): void {
    if (leaf.length !== HASH_SIZE) throw new RangeError('leaf hash must be 32 bytes');
    this.#levels[0]!.push(leaf);
    this.#closeSubtrees();
  }

  /** Appends a leaf hash given as hex, skipping a Buffer per leaf (the verifier reads a million). */
  appendHex(leafHex: string): void {
    this.#levels[0]!.pushHex(leafHex);
    this.#closeSubtrees();
  }

  #closeSubtrees(): void {
    // Close every complete subtree that this leaf finishes.
    let level = 0;
    let index = this.size - 1;
    while (index % 2 === 1) {
      const lower = this.#levels[level]!;
      // Hex, not a Buffer: a Buffer per node costs more than hashing it (a million nodes per million leaves).
      const parent = lower.pairHashHex(index - 1);
      level++;
      if (!this.#levels[level]) this.#levels.push(new HashLevel());
      this.#levels[level]!.pushHex(parent);
      index = (index - 1) / 2;
    }
  }

  leafHash(index: number): Buffer {
    if (index < 0 || index >= this.size) throw new RangeError(`no leaf ${index}`);
    return Buffer.from(this.#levels[0]!.at(index));
  }

  /** MTH(D[start:end]) for any 0 ≤ start ≤ end ≤ size. */
  subtreeHash = (start: number, end: number): Buffer => {
    if (start < 0 || end > this.size || start > end) throw new RangeError(`bad range [${start}, ${end}) for size ${this.size}`);
    return Buffer.from(this.#mth(start, end));
  };

  #mth(start: number, end: number): Uint8Array {
    const n = end - start;
    if (n === 0) return EMPTY_ROOT;
    // A complete aligned subtree is cached.
    let width = 1;
    let level = 0;
    while (width < n) {
      width *= 2;
      level++;
    }
    if (width === n && start % width === 0) return this.#levels[level]!.at(start / width);
    const k = splitPoint(n);
    return nodeHash(this.#mth(start, start + k), this.#mth(start + k, end));
  }

  root(size = this.size): Buffer {
    return this.subtreeHash(0, size);
  }

  inclusionProof(index: number, size = this.size): Buffer[] {
    if (size > this.size) throw new RangeError(`size ${size} exceeds tree size ${this.size}`);
    return inclusionProof(index, size, this.subtreeHash);
  }

  consistencyProof(m: number, n = this.size): Buffer[] {
    if (n > this.size) throw new RangeError(`size ${n} exceeds tree size ${this.size}`);
    return consistencyProof(m, n, this.subtreeHash);
  }
}

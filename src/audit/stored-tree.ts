import { foldRoots, inclusionRanges, consistencyRanges, nodeHash, perfectSubtrees, HASH_SIZE } from './merkle.ts';
import type { CompleteSubtree } from './frontier.ts';
import type { AuditStore } from './store.ts';
import type { AuditNodeRow } from './tables.ts';

/** Interior hashes are stored for complete subtrees at these levels (8, 16, …): one row per 256 leaves. */
export const NODE_LEVEL_STEP = 8;

export class LogIncompleteError extends Error {
  constructor(what: string) {
    super(`审计日志缺少数据，请运行 audit verify / audit log is missing ${what}; run audit verify`);
    this.name = 'LogIncompleteError';
  }
}

/** The node row to keep for a complete subtree, if its level is one we store. */
export function nodeRowFor(s: CompleteSubtree): AuditNodeRow | undefined {
  return s.level % NODE_LEVEL_STEP === 0 ? { level: s.level, idx: s.index, hash: s.hex } : undefined;
}

function foldPerfect(hashes: Buffer[]): Buffer {
  let level = hashes;
  while (level.length > 1) {
    const up: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) up.push(nodeHash(level[i]!, level[i + 1]!));
    level = up;
  }
  return level[0]!;
}

function decode(hexes: string[], expected: number, what: string): Buffer[] {
  if (hexes.length !== expected) throw new LogIncompleteError(what);
  return hexes.map((h) => {
    const b = Buffer.from(h, 'hex');
    if (b.length !== HASH_SIZE) throw new LogIncompleteError(`a well-formed hash in ${what}`);
    return b;
  });
}

/**
 * Merkle hashes computed from the database: a complete subtree at level L is folded from at most 256
 * hashes of the nearest stored level below it (or from leaf hashes), so any proof costs O(log n) small reads.
 */
export function storedTree(store: AuditStore) {
  async function perfect(start: number, level: number): Promise<Buffer> {
    const stored = Math.floor(level / NODE_LEVEL_STEP) * NODE_LEVEL_STEP;
    const count = 2 ** (level - stored);
    if (stored === 0) return foldPerfect(decode(await store.leafHashes(start, start + count), count, `leaves ${start}..${start + count - 1}`));
    const first = start / 2 ** stored;
    return foldPerfect(decode(await store.nodeHashes(stored, first, first + count), count, `level-${stored} nodes ${first}..${first + count - 1}`));
  }

  async function rangeHash(start: number, end: number): Promise<Buffer> {
    const roots: Buffer[] = [];
    for (const [s, level] of perfectSubtrees(start, end - start)) roots.push(await perfect(s, level));
    return foldRoots(roots);
  }

  return {
    rangeHash,
    root: (size: number): Promise<Buffer> => rangeHash(0, size),
    /** The frontier roots (perfect subtrees of [0, size), largest first). */
    async frontierRoots(size: number): Promise<Buffer[]> {
      const out: Buffer[] = [];
      for (const [s, level] of perfectSubtrees(0, size)) out.push(await perfect(s, level));
      return out;
    },
    async inclusionPath(index: number, size: number): Promise<Buffer[]> {
      const out: Buffer[] = [];
      for (const [s, e] of inclusionRanges(index, size)) out.push(await rangeHash(s, e));
      return out;
    },
    async consistencyPath(from: number, to: number): Promise<Buffer[]> {
      const out: Buffer[] = [];
      for (const [s, e] of consistencyRanges(from, to)) out.push(await rangeHash(s, e));
      return out;
    },
  };
}

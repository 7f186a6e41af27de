import { performance } from 'node:perf_hooks';
import { invalidInput } from '../shared/errors.ts';
import { openCheckpoint, parseCheckpoint } from './checkpoint.ts';
import { seqOfEncoded, seqOfEncodedBytes } from './entry.ts';
import { leafHashHex, sha256HexOfPrefixed } from './merkle.ts';
import { MemoryTree } from './memory-tree.ts';
import { parseVerifierKey, type NoteVerifier } from './note.ts';
import type { AuditStore } from './store.ts';

export interface VerifyOptions {
  /** The published verifier key to trust (pin it: a key read from the same database proves little). */
  readonly verifierKey: string;
  /** Checkpoint notes saved elsewhere (by clients, witnesses): they catch a log cut back together with its checkpoints. */
  readonly trustedCheckpoints?: readonly string[];
  readonly onProgress?: (entriesRead: number) => void;
  /** Verify the signature of every checkpoint, not only of those the verdict rests on (slower: ~50 µs each). */
  readonly allSignatures?: boolean;
}

export type TamperKind = 'changed' | 'removed' | 'inserted' | 'reordered';

export interface BadEntry {
  readonly seq: number;
  readonly kind: TamperKind;
  /** Set when signed checkpoints only narrow the first bad entry down to [seq, lastSeq]. */
  readonly lastSeq?: number;
  readonly message: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly entries: number;
  readonly rootHash: string;
  /** The newest checkpoint whose signature verified, and whether the recomputed tree matches it. */
  readonly checkpoint: { readonly size: number; readonly rootHash: string; readonly matches: boolean } | null;
  readonly checkpointsChecked: number;
  /** Entries after the newest verified checkpoint: not yet covered by a signature. */
  readonly uncheckpointed: number;
  readonly firstBad: BadEntry | null;
  readonly problems: readonly string[];
  readonly elapsedMs: number;
}

/** The first row that is locally wrong: a gap in seq, a leaf hash that does not match, or an entry that names another seq. */
interface Anomaly {
  readonly pos: number;
  readonly kind: 'gap' | 'hash' | 'moved';
  /** For 'moved': the seq written inside the entry. */
  readonly claimed?: number;
  /** For 'moved': whether the entry that belongs at `pos` turns up later, and the seq claimed by the next row. */
  foundLater?: boolean;
  nextClaimed?: number | undefined;
}

function classify(a: Anomaly, lastPos: number): BadEntry {
  if (a.kind === 'gap') return { seq: a.pos, kind: 'removed', message: `序号 ${a.pos} 的记录缺失 / entry ${a.pos} is missing` };
  if (a.kind === 'hash') return { seq: a.pos, kind: 'changed', message: `序号 ${a.pos} 的记录内容被修改 / entry ${a.pos} was changed` };
  const c = a.claimed!;
  if (c > a.pos) {
    return a.foundLater
      ? { seq: a.pos, kind: 'reordered', message: `序号 ${a.pos} 处是记录 ${c}，原记录被移到别处 / entry ${a.pos} holds entry ${c}: entries were reordered` }
      : { seq: a.pos, kind: 'removed', message: `记录 ${a.pos}–${c - 1} 被删除，其后记录被重新编号 / entries ${a.pos}–${c - 1} were removed and later ones renumbered` };
  }
  // An earlier entry shows up again here: later rows shifted (insertion) or this row replaced by a copy.
  const shifted = a.nextClaimed === c + 1 || a.pos === lastPos;
  return shifted
    ? { seq: c, kind: 'inserted', message: `记录 ${c}–${a.pos - 1} 是插入的，原记录 ${c} 被挪到 ${a.pos} / entries ${c}–${a.pos - 1} were inserted; original entry ${c} now sits at ${a.pos}` }
    : { seq: a.pos, kind: 'changed', message: `序号 ${a.pos} 的记录被替换为记录 ${c} 的副本 / entry ${a.pos} was replaced by a copy of entry ${c}` };
}

/**
 * Recomputes every leaf hash from the stored entry texts, rebuilds the tree, checks it against every
 * checkpoint (the first that no longer matches bounds the damage) and names the first bad entry.
 * Row-level checks (seq gaps, leaf hash column, the seq inside each entry) pin down crude tampering
 * exactly; tampering that also rewrites those columns is caught by the checkpoint roots, which narrow it
 * to the entries between two checkpoints (one per second under load).
 */
export async function verifyLog(store: AuditStore, options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  let verifier: NoteVerifier;
  try {
    verifier = parseVerifierKey(options.verifierKey);
  } catch (e) {
    throw invalidInput(`验证密钥无效 / invalid verifier key: ${(e as Error).message}`, [{ path: '/verifierKey', message: options.verifierKey }]);
  }
  const tree = new MemoryTree();
  let anomaly: Anomaly | undefined;
  let expected = 0;
  let lastSeq = -1;
  await store.scanEntries(
    (seq, leaf, storedHash) => {
      if (!anomaly && seq !== expected) anomaly = { pos: expected, kind: 'gap' };
      const bytes = typeof leaf !== 'string';
      const h = bytes ? sha256HexOfPrefixed(leaf) : leafHashHex(leaf);
      tree.appendHex(h);
      const claimed = bytes ? seqOfEncodedBytes(leaf) : seqOfEncoded(leaf);
      if (!anomaly) {
        if (h !== storedHash) anomaly = { pos: seq, kind: 'hash' };
        else if (claimed !== seq) anomaly = { pos: seq, kind: 'moved', claimed: claimed ?? -1, foundLater: false };
      } else if (anomaly.kind === 'moved') {
        if (claimed === anomaly.pos) anomaly.foundLater = true;
        if (seq === anomaly.pos + 1) anomaly.nextClaimed = claimed;
      }
      expected = seq + 1;
      lastSeq = seq;
    },
    options.onProgress,
  );
  const problems: string[] = [];
  const local = anomaly ? classify(anomaly, lastSeq) : undefined;

  const cps = await checkCheckpoints(store, verifier, tree, options, problems);
  const range = cps.range;
  // Row-level findings are exact; prefer them unless the signed checkpoints show damage strictly before them.
  const firstBad = local && (!range || local.seq <= (range.lastSeq ?? range.seq)) ? local : (range ?? local ?? null);

  // Stored interior hashes serve proofs: they must match the recomputed tree.
  for (const n of await store.allNodes()) {
    const width = 2 ** n.level;
    const start = Number(n.idx) * width;
    if (start + width <= tree.size && tree.subtreeHash(start, start + width).toString('hex') !== n.hash) {
      problems.push(`存储的内部哈希（层 ${n.level}，序号 ${n.idx}）错误 / stored interior hash at level ${n.level} index ${n.idx} is wrong`);
    }
  }
  const covered = cps.newest?.size ?? 0;
  return {
    ok: !firstBad && problems.length === 0,
    entries: tree.size,
    rootHash: tree.root().toString('hex'),
    checkpoint: cps.newest ?? null,
    checkpointsChecked: cps.checked,
    uncheckpointed: Math.max(0, tree.size - covered),
    firstBad,
    problems,
    elapsedMs: Math.round(performance.now() - started),
  };
}

interface CheckpointFindings {
  readonly newest: { size: number; rootHash: string; matches: boolean } | undefined;
  readonly range: BadEntry | undefined;
  readonly checked: number;
}

/**
 * Compares every checkpoint body with the recomputed tree (cheap), and verifies signatures where the verdict
 * rests on them: each mismatch (a forged checkpoint, or tampered entries), the last good one before the first
 * genuine mismatch, and the newest. Tampering is monotone: every checkpoint from the first bad entry on mismatches.
 */
async function checkCheckpoints(store: AuditStore, verifier: NoteVerifier, tree: MemoryTree, options: VerifyOptions, problems: string[]): Promise<CheckpointFindings> {
  const list = await store.checkpointNotes();
  for (const note of options.trustedCheckpoints ?? []) {
    try {
      list.push({ size: openCheckpoint(note, verifier).size, note });
    } catch (e) {
      problems.push(`外部检查点无效 / a supplied checkpoint does not verify: ${(e as Error).message}`);
    }
  }
  list.sort((a, b) => a.size - b.size);
  let checked = 0;
  const signed = new Map<number, boolean>();
  const signatureOk = (i: number): boolean => {
    if (!signed.has(i)) {
      checked++;
      const { size, note } = list[i]!;
      try {
        const cp = openCheckpoint(note, verifier);
        if (cp.size !== size) throw new Error(`stored under size ${size} but says ${cp.size}`);
        signed.set(i, true);
      } catch (e) {
        problems.push(`检查点 ${size} 签名或格式无效 / checkpoint at size ${size} is invalid: ${(e as Error).message}`);
        signed.set(i, false);
      }
    }
    return signed.get(i)!;
  };
  /** The root hash a checkpoint's body claims for its stored size (unsigned: cheap), if it is well-formed. */
  const rootOf = (i: number): string | undefined => {
    const { size, note } = list[i]!;
    try {
      const cp = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1));
      return cp.size === size && cp.origin === verifier.name ? cp.rootHash.toString('hex') : undefined;
    } catch {
      return undefined;
    }
  };
  const matches = (i: number): boolean => {
    const root = rootOf(i);
    return root !== undefined && list[i]!.size <= tree.size && tree.root(list[i]!.size).toString('hex') === root;
  };
  let firstBad = -1;
  const good: number[] = [];
  for (let i = 0; i < list.length; i++) {
    if (matches(i)) {
      if (options.allSignatures) signatureOk(i);
      good.push(i);
    } else if (signatureOk(i)) {
      firstBad = i;
      break;
    }
  }
  let range: BadEntry | undefined;
  if (firstBad >= 0) {
    let lastGood = good.length - 1;
    while (lastGood >= 0 && !signatureOk(good[lastGood]!)) lastGood--;
    const from = lastGood >= 0 ? list[good[lastGood]!]!.size : 0;
    const bad = list[firstBad]!.size;
    range =
      bad > tree.size && from <= tree.size
        ? { seq: tree.size, kind: 'removed', lastSeq: bad - 1, message: `日志比已签名的检查点（${bad} 条）短：记录 ${tree.size}–${bad - 1} 被删除 / the log is shorter than a signed checkpoint of ${bad}: entries ${tree.size}–${bad - 1} were removed` }
        : bad - from === 1
          ? { seq: from, kind: 'changed', message: `序号 ${from} 的记录与已签名的检查点不符 / entry ${from} does not match the signed checkpoints` }
          : { seq: from, kind: 'changed', lastSeq: bad - 1, message: `第一个被篡改的记录在 ${from}–${bad - 1} 之间（检查点 ${from} 仍一致，${bad} 已不一致）/ the first tampered entry is in ${from}–${bad - 1}` };
  }
  let newest = list.length - 1;
  while (newest >= 0 && !signatureOk(newest)) newest--;
  const n = newest >= 0 ? { size: list[newest]!.size, rootHash: rootOf(newest) ?? '', matches: matches(newest) } : undefined;
  return { newest: n, range, checked };
}

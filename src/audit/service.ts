import { performance } from 'node:perf_hooks';
import { conflict, invalidInput, notFound } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import { signCheckpoint } from './checkpoint.ts';
import { EncodedRows } from './encoded.ts';
import { normaliseEntry, type AuditEntry, type AuditEntryInput } from './entry.ts';
import { Frontier } from './frontier.ts';
import { loadOrCreateSigner } from './keys.ts';
import { leafHash } from './merkle.ts';
import type { NoteSigner } from './note.ts';
import type { AppendRow, AuditStore, EntryFilter } from './store.ts';
import { nodeRowFor, storedTree } from './stored-tree.ts';
import type { AuditNodeRow } from './tables.ts';
import { verifyLog, type VerifyOptions, type VerifyReport } from './verify.ts';

export interface AuditServiceOptions {
  readonly store: AuditStore;
  readonly clock: Clock;
  /** Checkpoint origin and signing key name, e.g. `shutong.example.gov.cn/audit` (config.auditOrigin). */
  readonly origin: string;
  /** Seals the signing key at rest when set. */
  readonly keySecret?: string | undefined;
  /** Checkpoints are issued at least this often while entries arrive (default 1000 ms; 0: only on `checkpointNow` and `close`). */
  readonly checkpointIntervalMs?: number;
  /** Most entries written in one transaction (default 10 000). */
  readonly maxBatch?: number;
}

export interface InclusionProofJson {
  readonly leafIndex: number;
  readonly treeSize: number;
  /** The canonical entry text; its UTF-8 bytes are the leaf. */
  readonly leaf: string;
  readonly leafHash: string;
  readonly rootHash: string;
  readonly auditPath: string[];
  /** The signed checkpoint of exactly this tree size, when one was issued. */
  readonly checkpoint: string | null;
}

export interface ConsistencyProofJson {
  readonly from: number;
  readonly to: number;
  readonly oldRootHash: string;
  readonly newRootHash: string;
  readonly consistencyPath: string[];
  readonly oldCheckpoint: string | null;
  readonly newCheckpoint: string | null;
}

interface Pending {
  readonly entries: AuditEntry[];
  readonly resolve: (first: number) => void;
  readonly reject: (error: unknown) => void;
}

export type AuditService = ReturnType<typeof createAuditService>;

const KEEP_BUFFER_BYTES = 32 * 1024 * 1024;

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/**
 * The tamper-evident audit log: appends (grouped into one transaction per event-loop turn), signed
 * checkpoints at least every `checkpointIntervalMs` while entries arrive, proofs and verification.
 *
 * @example
 * const audit = createAuditService({ store: createAuditStore(handle), clock: systemClock, origin: config.auditOrigin });
 * const { index } = await audit.appendEntry({ actor, action: 'exchange.query', outcome: { decision: 'allowed', reason: null } });
 * await audit.inclusionProof(index); // after the next checkpoint
 */
export function createAuditService(options: AuditServiceOptions) {
  const { store, clock, origin } = options;
  const interval = options.checkpointIntervalMs ?? 1000;
  const maxBatch = options.maxBatch ?? 10_000;
  const tree = storedTree(store);
  let frontier: Frontier | undefined;
  let signer: NoteSigner | undefined;
  let ready: Promise<void> | undefined;
  let queue: Pending[] = [];
  // Kept between batches: a fresh buffer of megabytes costs page faults on every batch.
  let rowBuffer: Buffer | undefined;
  let draining: Promise<void> | undefined;
  let lastCheckpointSize = -1;
  let lastCheckpointAt = 0;
  let checkpointing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  // Only a process that appended may sign on its own initiative: a reader (e.g. `audit verify`) signing the
  // database's current state would vouch for rows it never wrote.
  let wrote = false;

  async function loadFrontier(): Promise<Frontier> {
    const size = await store.size();
    return new Frontier(size, await tree.frontierRoots(size));
  }

  function init(): Promise<void> {
    ready ??= (async () => {
      signer = await loadOrCreateSigner(store, origin, options.keySecret, clock);
      frontier = await loadFrontier();
      lastCheckpointSize = Number((await store.latestCheckpoint())?.size ?? -1);
    })();
    return ready;
  }

  /** Writes one batch, retrying when another process has appended in the meantime. */
  async function write(entries: AuditEntry[]): Promise<number> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const start = frontier!.size;
      const nodes: AuditNodeRow[] = [];
      const next = frontier!.clone((s) => {
        const row = nodeRowFor(s);
        if (row) nodes.push(row);
      });
      // Entries are encoded here, while the store may still be inserting earlier rows (append-writer.ts).
      const rows = new EncodedRows(rowBuffer);
      const rowAt = (k: number): AppendRow => {
        const row = rows.row(entries[k]!, start + k);
        next.appendHex(row.leaf_hash);
        return row;
      };
      const written = await store.appendBatch(entries.length, rowAt, () => nodes, start);
      rowBuffer = rows.buffer.length <= KEEP_BUFFER_BYTES ? rows.buffer : undefined;
      if (written) {
        frontier = next;
        wrote = true;
        return start;
      }
      frontier = await loadFrontier();
    }
    throw conflict('审计日志写入冲突，请重试 / audit log append kept conflicting with another writer; retry');
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch: Pending[] = [];
      let count = 0;
      while (queue.length > 0 && (count === 0 || count + queue[0]!.entries.length <= maxBatch)) {
        const p = queue.shift()!;
        batch.push(p);
        count += p.entries.length;
      }
      try {
        let first = await write(batch.length === 1 ? batch[0]!.entries : batch.flatMap((p) => p.entries));
        for (const p of batch) {
          p.resolve(first);
          first += p.entries.length;
        }
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
      // A failed checkpoint is retried by the timer; it must not fail the appends that did commit.
      if (interval > 0 && performance.now() - lastCheckpointAt >= interval) await checkpointNow().catch(() => {});
    }
  }

  function schedule(): void {
    if (draining) return;
    // Defer one turn so that concurrent callers share a transaction.
    draining = new Promise<void>((done) => setImmediate(done))
      .then(drain)
      .catch(() => {})
      .finally(() => {
        draining = undefined;
        // An entry queued after drain's last look but before this point would otherwise wait forever.
        if (queue.length > 0) schedule();
      });
  }

  /** Validates the inputs (all or none) and queues them; resolves to the index of the first. */
  function enqueue(inputs: readonly AuditEntryInput[], now: Date): Promise<number> {
    let entries: AuditEntry[];
    try {
      entries = inputs.map((i) => normaliseEntry(i, 0, now));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<number>((resolve, reject) => {
      queue.push({ entries, resolve, reject });
      schedule();
    });
  }

  function startTimer(): void {
    if (timer || interval <= 0) return;
    timer = setInterval(() => {
      if (frontier && frontier.size !== lastCheckpointSize) checkpointNow().catch(() => {});
    }, interval);
    timer.unref();
  }

  /** Signs and stores a checkpoint for everything committed so far (no-op when nothing is new). */
  function checkpointNow(): Promise<void> {
    // Chain on the previous attempt whatever its outcome, so one failure does not block later checkpoints.
    checkpointing = checkpointing.catch(() => {}).then(async () => {
      await init();
      lastCheckpointAt = performance.now();
      const size = frontier!.size;
      if (size === lastCheckpointSize) return;
      const rootHash = frontier!.root();
      const note = signCheckpoint({ origin, size, rootHash }, signer!);
      await store.insertCheckpoint({ size, root_hash: hex(rootHash), note, created_at: clock.now().toISOString() });
      lastCheckpointSize = size;
    });
    return checkpointing;
  }

  async function checkedSize(size: number | undefined, what: string): Promise<number> {
    await init();
    const latest = await store.latestCheckpoint();
    const s = size ?? Number(latest?.size ?? 0);
    if (!Number.isSafeInteger(s) || s < 0) throw invalidInput(`${what} 应为非负整数 / ${what} must be a non-negative integer`, [{ path: `/${what}`, message: String(size) }]);
    const current = await store.size();
    if (s > current) throw notFound(`日志只有 ${current} 条记录 / the log has only ${current} entries (asked for size ${s})`);
    return s;
  }

  return {
    origin,

    async appendEntry(input: AuditEntryInput): Promise<{ index: number }> {
      await init();
      startTimer();
      return { index: await enqueue([input], clock.now()) };
    },

    /** Appends several entries contiguously; returns the index of the first. */
    async appendEntries(inputs: readonly AuditEntryInput[]): Promise<{ first: number; count: number }> {
      await init();
      startTimer();
      if (inputs.length === 0) return { first: frontier!.size, count: 0 };
      return { first: await enqueue(inputs, clock.now()), count: inputs.length };
    },

    checkpointNow,

    /** The latest signed checkpoint note (issuing the first one, of size 0, on an empty log). */
    async getCheckpoint(): Promise<string> {
      await init();
      let latest = await store.latestCheckpoint();
      if (!latest && frontier!.size === 0) {
        await checkpointNow();
        latest = await store.latestCheckpoint();
      }
      if (!latest) throw notFound('审计日志还没有检查点：写入方下次追加后一秒内会签发 / no checkpoint yet: the writer signs one within a second of its next append');
      return latest.note;
    },

    async getVerifierKey(): Promise<string> {
      await init();
      return signer!.verifierKey;
    },

    async inclusionProof(index: number, size?: number): Promise<InclusionProofJson> {
      const treeSize = await checkedSize(size, 'size');
      if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) {
        throw invalidInput(`序号应在 0 到 ${treeSize - 1} 之间 / index must be in [0, ${treeSize}) for tree size ${treeSize}`, [{ path: '/index', message: String(index) }]);
      }
      const row = await store.entryAt(index);
      if (!row) throw notFound(`没有序号为 ${index} 的审计记录 / no audit entry ${index}`);
      const [path, root, cp] = [await tree.inclusionPath(index, treeSize), await tree.root(treeSize), await store.checkpointAt(treeSize)];
      // The leaf hash is recomputed from the entry text, so an edited entry yields a proof that fails.
      return { leafIndex: index, treeSize, leaf: row.leaf, leafHash: hex(leafHash(row.leaf)), rootHash: hex(root), auditPath: path.map(hex), checkpoint: cp?.note ?? null };
    },

    async consistencyProof(from: number, to?: number): Promise<ConsistencyProofJson> {
      const newSize = await checkedSize(to, 'to');
      if (!Number.isSafeInteger(from) || from < 0 || from > newSize) {
        throw invalidInput(`起始大小应在 0 到 ${newSize} 之间 / from must be in [0, ${newSize}]`, [{ path: '/from', message: String(from) }]);
      }
      const [path, oldRoot, newRoot] = [await tree.consistencyPath(from, newSize), await tree.root(from), await tree.root(newSize)];
      const [oldCp, newCp] = [await store.checkpointAt(from), await store.checkpointAt(newSize)];
      return { from, to: newSize, oldRootHash: hex(oldRoot), newRootHash: hex(newRoot), consistencyPath: path.map(hex), oldCheckpoint: oldCp?.note ?? null, newCheckpoint: newCp?.note ?? null };
    },

    async listEntries(filter: EntryFilter = {}): Promise<Array<{ index: number; entry: AuditEntry }>> {
      const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
      const rows = await store.listEntries({ ...filter, limit });
      return rows.map((r) => ({ index: Number(r.seq), entry: JSON.parse(r.leaf) as AuditEntry }));
    },

    /** Recomputes the whole log from the stored entry texts; see verify.ts. */
    async verifyLog(opts: Omit<VerifyOptions, 'verifierKey'> & { verifierKey?: string } = {}): Promise<VerifyReport> {
      const key = opts.verifierKey ?? (await store.keyByName(origin))?.verifier_key;
      if (!key) throw notFound('审计日志还没有签名密钥 / the audit log has no signing key yet');
      return verifyLog(store, { ...opts, verifierKey: key });
    },

    /** Stops the checkpointer after writing what is queued and signing a final checkpoint. */
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      while (draining) await draining;
      if (wrote) await checkpointNow();
      queue = [];
    },
  };
}

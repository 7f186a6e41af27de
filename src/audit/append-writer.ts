import { Worker } from 'node:worker_threads';
import type { SUBJECT_CATCH_UP_SQL } from './subject-index.ts';
import type { AuditNodeRow } from './tables.ts';

/** A row as the writer thread takes it: the leaf as the UTF-8 bytes of its text. */
export interface WriterRow {
  readonly seq: number;
  readonly leaf: Uint8Array | string;
  readonly leaf_hash: string;
  readonly subject?: string | null | undefined;
}

// Rows per message: big enough that messages are cheap, small enough that the thread starts early.
const ROWS_PER_MESSAGE = 1024;
// An idle writer thread (and its connection) goes away; the next large batch starts another.
const IDLE_MS = 2000;

type Reply = { id: number; ok: boolean; conflict?: boolean; error?: string };

/**
 * Inserts large audit batches on a thread of its own with its own SQLite connection, so that the main
 * thread encodes and hashes rows while the previous ones are being inserted (decision 0522). The batch is
 * still one transaction (BEGIN IMMEDIATE, expected-size check, rows, interior nodes, COMMIT), so other
 * processes and the main connection see all of it or nothing.
 *
 * @example
 * const writer = new AppendWriter('/data/shutong.db');
 * await writer.append(count, rowAt, () => nodes, expectedSize); // false: another writer appended first
 */
type Waiting = Map<number, { resolve: (ok: boolean) => void; reject: (e: Error) => void }>;

export class AppendWriter {
  #current: { worker: Worker; waiting: Waiting } | undefined;
  #nextId = 1;
  #idle: NodeJS.Timeout | undefined;

  /** `subjectSql`: the subject index's catch-up (subject-index.ts), run by the thread after each commit. */
  constructor(private readonly file: string, private readonly subjectSql: typeof SUBJECT_CATCH_UP_SQL) {}

  async append(count: number, rowAt: (k: number) => WriterRow, nodes: () => readonly AuditNodeRow[], expectedSize: number): Promise<boolean> {
    const { worker, waiting } = this.#start();
    const id = this.#nextId++;
    const done = new Promise<boolean>((resolve, reject) => waiting.set(id, { resolve, reject }));
    worker.postMessage({ type: 'begin', id, expectedSize });
    for (let from = 0; from < count; from += ROWS_PER_MESSAGE) {
      const n = Math.min(ROWS_PER_MESSAGE, count - from);
      const rows: Array<{ seq: number; leaf: Uint8Array; leaf_hash: string; subject?: string | null | undefined }> = new Array(n);
      let bytes = 0;
      for (let k = 0; k < n; k++) {
        const r = rowAt(from + k);
        rows[k] = typeof r.leaf === 'string' ? { ...r, leaf: Buffer.from(r.leaf, 'utf8') } : (r as (typeof rows)[number]);
        bytes += rows[k]!.leaf.length;
      }
      // One transferred buffer of leaves and one string of hashes per message, not an object per row.
      const buf = new Uint8Array(new ArrayBuffer(bytes));
      const ends = new Int32Array(n);
      let at = 0;
      for (let k = 0; k < n; k++) {
        buf.set(rows[k]!.leaf, at);
        at += rows[k]!.leaf.length;
        ends[k] = at;
      }
      const hashes = rows.map((r) => r.leaf_hash).join('');
      // Subjects as the rows carry them (undefined: unknown, the thread reads them from the leaves).
      const subjects = rows.every((r) => r.subject !== undefined) ? rows.map((r) => r.subject ?? null) : undefined;
      worker.postMessage({ type: 'rows', id, firstSeq: rows[0]!.seq, bytes: buf.buffer, ends, hashes, subjects }, [buf.buffer, ends.buffer]);
    }
    worker.postMessage({ type: 'commit', id, nodes: nodes().map((r) => [r.level, r.idx, r.hash]) });
    return done;
  }

  #start(): { worker: Worker; waiting: Waiting } {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = undefined;
    if (this.#current) return this.#current;
    const worker = new Worker(new URL('./append-worker.mjs', import.meta.url), { workerData: { file: this.file, subjectSql: this.subjectSql } });
    worker.unref(); // an idle writer must not keep a finished process alive
    const current = { worker, waiting: new Map() as Waiting };
    worker.on('message', (reply: Reply) => this.#settle(current.waiting, reply));
    const fail = (error: Error) => {
      if (this.#current === current) this.#current = undefined;
      for (const w of current.waiting.values()) w.reject(error);
      current.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('审计写入线程已退出 / the audit writer thread exited')));
    this.#current = current;
    return current;
  }

  #settle(waiting: Waiting, reply: Reply): void {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok || reply.conflict) w?.resolve(reply.ok);
    else w?.reject(new Error(reply.error ?? 'audit append failed'));
    if (waiting.size === 0) {
      // Closing only when nothing is in flight, after a quiet spell.
      this.#idle = setTimeout(() => this.close(), IDLE_MS);
      this.#idle.unref();
    }
  }

  /** Stops the thread once it has finished what it was sent. */
  close(): void {
    const current = this.#current;
    this.#current = undefined;
    current?.worker.postMessage({ type: 'close' });
  }
}

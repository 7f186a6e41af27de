import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Moves SQLite's WAL checkpoints off the connection that serves requests. By default the committing
 * connection checkpoints when the WAL passes 1,000 pages, which after a million-row batch means
 * copying hundreds of megabytes inside the commit, with the event loop blocked. Once a large write
 * asks for it (`start`), the main connection stops checkpointing and a worker thread with its own
 * connection checkpoints at once and then every second (docs/decisions/0307-background-checkpoints.md).
 *
 * @example
 * const cp = new Checkpointer(raw, '/data/shutong.db');
 * cp.request(); // after a large commit
 * await cp.close();
 */
export class Checkpointer {
  private worker: Worker | undefined;

  constructor(private readonly raw: BetterSqlite3.Database, private readonly file: string, private readonly everyMs = 1000) {}

  request(): void {
    if (!this.worker) {
      this.raw.pragma('wal_autocheckpoint = 0');
      this.worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file: this.file, everyMs: this.everyMs } });
      // The checkpointer must not keep a finished CLI process alive.
      this.worker.unref();
    }
    this.worker.postMessage('checkpoint');
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Waiting for the last checkpoint must keep the process alive.
    worker.ref();
    worker.postMessage('close');
    await exited;
    this.raw.pragma('wal_autocheckpoint = 1000');
  }
}

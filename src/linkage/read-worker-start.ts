/**
 * Starts a helper thread of `readTables` and waits for its encoded columns. Under tsx the thread
 * registers tsx itself (so this works under `node --import tsx` and bin/shutong.js alike); in the
 * CLI bundle it runs the bundle.
 *
 * @example
 * const helper = startReadWorker({ paths, delimiter: ',', idColumn: 'id', fields: group, chinese: true });
 * store.adoptColumns((await helper.done).encoded);
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, type FieldProblem } from '../shared/errors.ts';
import type { EncodedColumns } from './encode/store.ts';
import type { FieldSpec } from './kinds.ts';

export interface ReadWorkerInput {
  readonly paths: readonly string[];
  readonly delimiter: string;
  readonly idColumn: string;
  /** The columns this thread encodes (whole dictionary groups). */
  readonly fields: readonly FieldSpec[];
  readonly chinese: boolean;
}

export interface ReadWorkerResult {
  /** Data rows per file, to check against the rows the other threads read. */
  readonly rows: readonly number[];
  readonly encoded: EncodedColumns;
  /** Milliseconds from the thread's start to its result (for the stage report). */
  readonly elapsedMs: number;
}

export type ReadWorkerMessage =
  | ({ readonly kind: 'done' } & ReadWorkerResult)
  | { readonly kind: 'error'; readonly message: string; readonly code?: ErrorCode; readonly fields?: readonly FieldProblem[] };

export interface ReadWorker {
  readonly done: Promise<ReadWorkerResult>;
  /** Ends the thread (after `done`, or to give up on it). */
  stop(): Promise<void>;
}

/** Tells a thread it is a read helper (workerData.role). */
export const READ_WORKER_ROLE = 'linkage-read';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((api) => { api.register(); return import(workerData.entry); }).then((m) => m.runReadWorker());
`;

export function startReadWorker(input: ReadWorkerInput): ReadWorker {
  // Running from the CLI bundle (plain JavaScript), the bundle itself is the thread's module;
  // from the TypeScript sources, the thread registers tsx and loads read-worker.ts.
  const bundled = !import.meta.url.endsWith('.ts');
  const worker = bundled
    ? new Worker(new URL(import.meta.url), { workerData: { role: READ_WORKER_ROLE, input }, execArgv: [] })
    : new Worker(BOOTSTRAP, {
        eval: true,
        workerData: { role: READ_WORKER_ROLE, input, tsxApi: import.meta.resolve('tsx/esm/api'), entry: new URL('./read-worker.ts', import.meta.url).href },
        execArgv: [],
      });
  const done = new Promise<ReadWorkerResult>((resolve, reject) => {
    worker.once('message', (m: ReadWorkerMessage) => {
      if (m.kind === 'done') resolve({ rows: m.rows, encoded: m.encoded, elapsedMs: m.elapsedMs });
      else if (m.code !== undefined) reject(new AppError(m.code, m.message, m.fields ?? []));
      else reject(new Error(`读取线程出错 / read thread failed: ${m.message}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`读取线程退出码 ${code} / read thread exited with ${code}`)));
  });
  // Awaited only once this thread has read its own columns; an early failure must not count as unhandled.
  done.catch(() => {});
  return { done, stop: async () => void (await worker.terminate()) };
}

import { Worker, type WorkerOptions } from 'node:worker_threads';

const BOOT = new URL('./typescript-worker-boot.mjs', import.meta.url);

/**
 * A worker thread running a TypeScript module: the thread first registers the tsx loader, which
 * workers do not inherit from the main thread.
 *
 * @example
 * const worker = startTypeScriptWorker(new URL('./parse-worker.ts', import.meta.url), { workerData });
 */
export function startTypeScriptWorker(entry: URL, options: Omit<WorkerOptions, 'argv'> = {}): Worker {
  return new Worker(BOOT, { ...options, argv: [entry.href] });
}

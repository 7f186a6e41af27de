/**
 * Body of a `readTables` helper thread: parses the input files like the main thread does,
 * encodes only its columns and posts them back, typed arrays transferred rather than copied.
 * startReadWorker's bootstrap (under tsx) or the CLI bundle's entry (cli-main.ts) calls it.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../shared/errors.ts';
import { createStore } from './encode/store.ts';
import { readTableInto } from './table-io.ts';
import { loadChineseTools } from './chinese/tools.ts';
import { READ_WORKER_ROLE, type ReadWorkerInput, type ReadWorkerMessage } from './read-worker-start.ts';

export function isReadWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === READ_WORKER_ROLE;
}

export async function runReadWorker(): Promise<void> {
  const { input } = workerData as { input: ReadWorkerInput };
  const post = (m: ReadWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
  try {
    const chinese = input.chinese ? await loadChineseTools() : undefined;
    const store = createStore(input.fields, { chinese });
    const rows = input.paths.map((path) => readTableInto(store, path, { delimiter: input.delimiter, idColumn: input.idColumn, recordIds: false }).rows);
    const encoded = store.exportColumns(input.fields.map((f) => f.column));
    post({ kind: 'done', rows, encoded, elapsedMs: performance.now() }, buffersOf(encoded));
  } catch (error) {
    if (error instanceof AppError) post({ kind: 'error', message: error.message, code: error.code, fields: error.fields });
    else post({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

/** Every ArrayBuffer under `value`, once each (a transfer list must not repeat one). */
function buffersOf(value: unknown, into = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) into.add(value.buffer as ArrayBuffer);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) buffersOf(v, into);
  return [...into];
}

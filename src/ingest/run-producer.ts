import type { Worker } from 'node:worker_threads';
import { startTypeScriptWorker } from '../shared/typescript-worker.ts';
import { AppError, type ErrorCode, type FieldProblem } from '../shared/errors.ts';
import type { ResourceSpec } from './compile.ts';
import type { SavedMapping } from './header.ts';
import type { WorkerJob, WorkerReply, WorkerRequest } from './parse-worker.ts';
import { unpackChunk } from './pack.ts';
import { produce, type ProducerMessage } from './produce.ts';
import type { SourceInput } from './source.ts';

/**
 * Runs the read side of a batch in a worker thread (large files: parsing and validation overlap with
 * the database writes) or in the calling thread (small inputs, where a worker costs more than it
 * saves). The caller iterates messages the same way in both cases and must call `close()`.
 *
 * Starting a worker (thread, TypeScript loader, modules) costs about half a second, so one idle
 * worker is kept for the next batch; `warmParseWorker()` starts it ahead of the first one. A run
 * closed before its end (a duplicate found, an error) terminates its worker instead.
 *
 * @example
 * const run = runProducer(input, spec, saved, { worker: true });
 * try { for await (const m of run.messages) … } finally { await run.close(); }
 */
export interface ProducerRun {
  readonly messages: AsyncIterable<ProducerMessage>;
  close(): Promise<void>;
}

const PARSE_WORKER = new URL('./parse-worker.ts', import.meta.url);

interface PooledWorker {
  readonly worker: Worker;
  /** Resolves once the worker has loaded its modules (or exited). */
  readonly ready: Promise<void>;
  onReply?: ((reply: WorkerReply) => void) | undefined;
  onFailure?: ((error: Error) => void) | undefined;
}

let idle: PooledWorker | undefined;

function spawn(): PooledWorker {
  // The worker's live data is a few chunks; bounding its young generation keeps peak memory down.
  const worker = startTypeScriptWorker(PARSE_WORKER, { resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 1024 } });
  let loaded!: () => void;
  const pooled: PooledWorker = { worker, ready: new Promise<void>((resolve) => (loaded = resolve)) };
  worker.on('message', (reply: WorkerReply) => {
    if (reply.kind !== 'ready') pooled.onReply?.(reply);
    else {
      loaded();
      // Loaded and waiting for a job: it must not keep a finished process alive.
      if (idle === pooled) worker.unref();
    }
  });
  worker.on('error', (error) => pooled.onFailure?.(new AppError('invalid_input', `读取文件时出错：${error.message} / the file could not be read`, [{ path: '/file', message: 'unreadable' }])));
  worker.on('exit', (code) => {
    if (idle === pooled) idle = undefined;
    loaded();
    pooled.onFailure?.(new Error(`parse worker exited with code ${code}`));
  });
  return pooled;
}

/** Starts the parse worker now, so that the first large batch does not wait for it; resolves once it is ready. */
export function warmParseWorker(): Promise<void> {
  idle ??= spawn();
  return idle.ready;
}

export function runProducer(input: SourceInput, spec: ResourceSpec, saved: SavedMapping, options: { worker: boolean; chunkRows?: number | undefined; sortKeys?: boolean | undefined }): ProducerRun {
  if (!options.worker) {
    const it = produce(input, spec, saved, { chunkRows: options.chunkRows, sortKeys: options.sortKeys });
    return { messages: it, close: async () => void (await it.return(undefined)) };
  }
  const pooled = idle ?? spawn();
  idle = undefined;
  const { worker } = pooled;
  worker.ref();
  const queue: WorkerReply[] = [];
  let failure: Error | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  pooled.onReply = (reply) => {
    queue.push(reply);
    notify();
  };
  pooled.onFailure = (error) => {
    failure ??= error;
    notify();
  };
  const job: WorkerJob = { input, spec, saved, chunkRows: options.chunkRows, sortKeys: options.sortKeys };
  worker.postMessage({ kind: 'job', job } satisfies WorkerRequest);

  async function* messages(): AsyncGenerator<ProducerMessage> {
    for (;;) {
      if (queue.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
      const reply = queue.shift();
      if (reply?.kind === 'error') {
        finished = true;
        throw rebuild(reply.error);
      }
      if (!reply) throw failure!;
      if (reply.kind === 'done') {
        finished = true;
        return;
      }
      if (reply.kind === 'chunk') {
        worker.postMessage({ kind: 'credit' } satisfies WorkerRequest);
        yield { type: 'chunk', chunk: unpackChunk(reply.packed), rowsRead: reply.rowsRead };
        continue;
      }
      if (reply.kind === 'msg') yield reply.msg as ProducerMessage;
    }
  }
  return {
    messages: messages(),
    close: async () => {
      pooled.onReply = undefined;
      pooled.onFailure = undefined;
      // A worker that finished its job cleanly waits for the next one; any other is stopped.
      if (finished && !failure && !idle) {
        worker.unref();
        idle = pooled;
      } else await worker.terminate();
    },
  };
}

function rebuild(error: { code?: string; message: string; fields?: unknown; details?: unknown }): Error {
  if (error.code) return new AppError(error.code as ErrorCode, error.message, (error.fields ?? []) as FieldProblem[], (error.details ?? {}) as Record<string, unknown>);
  return new Error(error.message);
}

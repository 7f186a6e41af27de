import { startTypeScriptWorker } from '../shared/typescript-worker.ts';
import { AppError, type ErrorCode, type FieldProblem } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { AuditEntryInput } from './entry.ts';

export interface WriterData {
  readonly file: string;
  readonly origin: string;
  readonly keySecret: string | undefined;
  readonly checkpointIntervalMs: number;
  readonly busyTimeoutMs: number;
}

/**
 * `groups` is JSON (AuditEntryInput[][]): a string crosses to the thread far cheaper than a cloned object
 * graph. `time` (the caller's clock when the batch was sent) stamps the entries that carry none.
 */
export type WriterRequest = { readonly kind: 'append'; readonly id: number; readonly groups: string; readonly time: string } | { readonly kind: 'close' };

export interface WriterReply {
  readonly kind: 'appended';
  readonly id: number;
  readonly results: Array<{ first: number } | { error: { code?: ErrorCode; message: string; fields?: readonly FieldProblem[]; details?: Record<string, unknown> } }>;
}

export interface AuditWriterOptions {
  /** The SQLite database file (a second connection is opened on it; WAL lets both work at once). */
  readonly file: string;
  readonly origin: string;
  readonly keySecret?: string | undefined;
  /** Stamps entries that carry no time, in the caller's clock (the thread has only the system clock). */
  readonly clock: Clock;
  readonly checkpointIntervalMs?: number;
}

export type AuditWriter = ReturnType<typeof startAuditWriter>;

interface Waiting {
  readonly resolve: (first: number) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Appends to the audit log from a worker thread with its own SQLite connection
 * (docs/decisions/0530-audit-writer-thread.md). On the exchange's hot path the log's own work (canonical
 * encoding, SHA-256, the Merkle frontier, the inserts, the commit) is then off the thread that answers
 * requests; the caller still gets its entry's index only after the entry is committed.
 *
 * Appends made in one turn of the event loop go to the thread in one message. Only appends made outside
 * a transaction on the main connection may come here (the thread would wait on that transaction's lock).
 *
 * @example
 * const writer = startAuditWriter({ file: '/data/shutong.db', origin: config.auditOrigin, clock });
 * const { index } = await writer.appendEntry(entry);
 * await writer.close();
 */
export function startAuditWriter(options: AuditWriterOptions) {
  const data: WriterData = {
    file: options.file, origin: options.origin, keySecret: options.keySecret,
    checkpointIntervalMs: options.checkpointIntervalMs ?? 1000, busyTimeoutMs: 60_000,
  };
  const worker = startTypeScriptWorker(new URL('./writer-thread.ts', import.meta.url), { workerData: data });
  // Idle, the writer must not keep a finished process alive; while appends wait it must.
  worker.unref();
  let pending = 0;
  let nextId = 0;
  let failure: Error | undefined;
  const waiting = new Map<number, Waiting[]>();
  let groups: AuditEntryInput[][] = [];
  let group: Waiting[] = [];
  let scheduled = false;
  let inFlight = 0;
  let closed: Promise<void> | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: WriterReply | { kind: 'ready' }) => {
      if (reply.kind === 'ready') return resolve();
      const callers = waiting.get(reply.id)!;
      waiting.delete(reply.id);
      reply.results.forEach((r, i) => {
        if ('first' in r) callers[i]!.resolve(r.first);
        else callers[i]!.reject(r.error.code ? new AppError(r.error.code, r.error.message, r.error.fields ?? [], r.error.details ?? {}) : new Error(r.error.message));
      });
      pending -= callers.length;
      inFlight--;
      if (pending === 0) worker.unref();
      else send();
    });
    worker.on('error', (error) => {
      failure = error;
      pending = 0;
      reject(error);
      for (const callers of waiting.values()) for (const c of callers) c.reject(error);
      waiting.clear();
    });
  });
  // A failure is reported to the appenders; it must not also surface as an unhandled rejection.
  ready.catch(() => {});

  function send(): void {
    scheduled = false;
    // One batch at a time: what arrives meanwhile waits for the reply and goes as the next batch, so under
    // load batches grow instead of messages multiplying (each crossing costs both threads a wake-up).
    if (inFlight > 0 || groups.length === 0) return;
    inFlight++;
    const id = nextId++;
    waiting.set(id, group);
    worker.postMessage({ kind: 'append', id, groups: JSON.stringify(groups), time: options.clock.now().toISOString() } satisfies WriterRequest);
    groups = [];
    group = [];
  }

  function enqueue(inputs: readonly AuditEntryInput[]): Promise<number> {
    if (failure) return Promise.reject(failure);
    if (closed) return Promise.reject(new Error('audit writer is closed'));
    return new Promise<number>((resolve, reject) => {
      groups.push(inputs as AuditEntryInput[]);
      group.push({ resolve, reject });
      if (pending++ === 0) worker.ref();
      if (!scheduled) {
        scheduled = true;
        setImmediate(send);
      }
    });
  }

  return {
    ready,

    async appendEntry(input: AuditEntryInput): Promise<{ index: number }> {
      return { index: await enqueue([input]) };
    },

    async appendEntries(inputs: readonly AuditEntryInput[]): Promise<{ first: number; count: number }> {
      if (inputs.length === 0) throw new Error('appendEntries needs at least one entry');
      return { first: await enqueue(inputs), count: inputs.length };
    },

    /** Waits for what is queued, has the thread sign a final checkpoint and stops it. */
    close(): Promise<void> {
      closed ??= (async () => {
        if (failure) return;
        worker.ref();
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        while (pending > 0) await new Promise((resolve) => setImmediate(resolve));
        worker.postMessage({ kind: 'close' } satisfies WriterRequest);
        await exited;
      })();
      return closed;
    },
  };
}

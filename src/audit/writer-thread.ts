import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import { systemClock } from '../shared/clock.ts';
import type { AuditEntryInput } from './entry.ts';
import { createAuditService } from './service.ts';
import { createAuditStore } from './store.ts';
import type { WriterData, WriterReply, WriterRequest } from './writer.ts';

/**
 * The audit writer thread: its own SQLite connection and audit service, so that encoding, hashing, the
 * Merkle frontier, the inserts and the checkpoint signatures run beside the thread that answers requests
 * (writer.ts). Appends arriving in one turn share a transaction, exactly as in the main thread.
 */
const data = workerData as WriterData;
const port = parentPort!;
const handle = await openDatabase({ engine: 'sqlite', file: data.file });
// An import's long write transaction may hold the lock for seconds; the log waits rather than fails.
handle.sqlite!.pragma(`busy_timeout = ${data.busyTimeoutMs}`);
// A WAL checkpoint inside a commit (copy back and fsync) would stall every exchange answer waiting on it.
handle.checkpointInBackground?.();
const audit = createAuditService({ store: createAuditStore(handle, { appendThread: false }), clock: systemClock, origin: data.origin, keySecret: data.keySecret, checkpointIntervalMs: data.checkpointIntervalMs });
await audit.getVerifierKey();

function problem(error: unknown): WriterReply['results'][number] {
  if (error instanceof AppError) return { error: { code: error.code, message: error.message, fields: error.fields, details: error.details } };
  return { error: { message: error instanceof Error ? error.message : String(error) } };
}

port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    void audit.close().then(() => handle.close()).then(() => process.exit(0));
    return;
  }
  const groups = JSON.parse(request.groups) as Array<Array<{ -readonly [K in keyof AuditEntryInput]: AuditEntryInput[K] }>>;
  for (const group of groups) for (const entry of group) entry.time ??= request.time;
  void Promise.allSettled(groups.map((group) => audit.appendEntries(group))).then((settled) => {
    const results = settled.map((s) => (s.status === 'fulfilled' ? { first: s.value.first } : problem(s.reason)));
    port.postMessage({ kind: 'appended', id: request.id, results } satisfies WriterReply);
  });
});
port.postMessage({ kind: 'ready' });

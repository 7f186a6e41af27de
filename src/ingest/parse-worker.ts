import { parentPort } from 'node:worker_threads';
import { AppError } from '../shared/errors.ts';
import type { ResourceSpec } from './compile.ts';
import type { SavedMapping } from './header.ts';
import { packChunk, transferList, type PackedChunk } from './pack.ts';
import { produce } from './produce.ts';
import type { SourceInput } from './source.ts';

/**
 * The parse worker: runs `produce` off the main thread so that reading, decoding, parsing and
 * validating use one core while the main thread writes to the database on the other. It takes one
 * job at a time and then waits for the next, so that a server pays the worker's start once
 * (run-producer.ts keeps it). At most `IN_FLIGHT` chunks of a job wait unacknowledged, so memory
 * stays flat however fast the parser is.
 */
export interface WorkerJob {
  readonly input: SourceInput;
  readonly spec: ResourceSpec;
  readonly saved: SavedMapping;
  readonly chunkRows?: number | undefined;
  readonly sortKeys?: boolean | undefined;
}

export type WorkerRequest = { readonly kind: 'job'; readonly job: WorkerJob } | { readonly kind: 'credit' };

export type WorkerReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'msg'; readonly msg: unknown }
  | { readonly kind: 'chunk'; readonly packed: PackedChunk; readonly rowsRead: number }
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly error: { code?: string; message: string; fields?: unknown; details?: unknown } };

const IN_FLIGHT = 3;
const port = parentPort!;
let credits = IN_FLIGHT;
let wake: (() => void) | undefined;
const reply = (r: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(r, transfer);

async function run(job: WorkerJob): Promise<void> {
  credits = IN_FLIGHT;
  try {
    for await (const msg of produce(job.input, job.spec, job.saved, { chunkRows: job.chunkRows, sortKeys: job.sortKeys })) {
      if (msg.type === 'chunk') {
        while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
        credits--;
        const packed = packChunk(msg.chunk);
        reply({ kind: 'chunk', packed, rowsRead: msg.rowsRead }, transferList(packed));
        continue;
      }
      const sorted = msg.type === 'end' ? msg.sortedKeys : undefined;
      reply({ kind: 'msg', msg }, sorted ? [sorted.hashes.buffer as ArrayBuffer, sorted.ordinals.buffer as ArrayBuffer] : []);
    }
    reply({ kind: 'done' });
  } catch (error) {
    const e = error as Error;
    reply({
      kind: 'error',
      error: error instanceof AppError ? { code: error.code, message: error.message, fields: error.fields, details: error.details } : { message: e?.message ?? String(error) },
    });
  }
}

port.on('message', (m: WorkerRequest) => {
  if (m.kind === 'credit') {
    credits++;
    wake?.();
    wake = undefined;
  } else void run(m.job);
});
reply({ kind: 'ready' });

import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../shared/errors.ts';
import type { ResourceSpec } from './compile.ts';
import type { SavedMapping } from './header.ts';
import { packChunk, transferList, type PackedChunk } from './pack.ts';
import { produce } from './produce.ts';
import type { SourceInput } from './source.ts';

/**
 * The parse worker: runs `produce` off the main thread so that reading, decoding, parsing and
 * validating use one core while the main thread writes to the database on the other. At most
 * `IN_FLIGHT` chunks wait unacknowledged, so memory stays flat however fast the parser is.
 */
export interface WorkerInput {
  readonly input: SourceInput;
  readonly spec: ResourceSpec;
  readonly saved: SavedMapping;
  readonly chunkRows?: number | undefined;
  readonly sortKeys?: boolean | undefined;
}

export type WorkerReply =
  | { readonly kind: 'msg'; readonly msg: unknown }
  | { readonly kind: 'chunk'; readonly packed: PackedChunk; readonly rowsRead: number }
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly error: { code?: string; message: string; fields?: unknown; details?: unknown } };

const IN_FLIGHT = 3;
const port = parentPort!;
const data = workerData as WorkerInput;
let credits = IN_FLIGHT;
let wake: (() => void) | undefined;
port.on('message', (m: unknown) => {
  if (m === 'credit') {
    credits++;
    wake?.();
    wake = undefined;
  }
});

try {
  for await (const msg of produce(data.input, data.spec, data.saved, { chunkRows: data.chunkRows, sortKeys: data.sortKeys })) {
    if (msg.type === 'chunk') {
      while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      const packed = packChunk(msg.chunk);
      port.postMessage({ kind: 'chunk', packed, rowsRead: msg.rowsRead } satisfies WorkerReply, transferList(packed));
      continue;
    }
    const sorted = msg.type === 'end' ? msg.sortedKeys : undefined;
    port.postMessage({ kind: 'msg', msg } satisfies WorkerReply, sorted ? [sorted.hashes.buffer as ArrayBuffer, sorted.ordinals.buffer as ArrayBuffer] : []);
  }
  port.postMessage({ kind: 'done' } satisfies WorkerReply);
} catch (error) {
  const e = error as Error;
  port.postMessage({
    kind: 'error',
    error: error instanceof AppError ? { code: error.code, message: error.message, fields: error.fields, details: error.details } : { message: e?.message ?? String(error) },
  } satisfies WorkerReply);
}

import { parentPort, workerData } from 'node:worker_threads';
import { buildWorld } from './build-world.ts';
import { DEPARTMENT_FILES } from './departments/index.ts';
import { emitFile, type FileResult } from './emit.ts';
import type { NoiseRates } from './noise-kinds.ts';

/**
 * Second thread of `generateDemoCounty`: rebuilds the same world from the seed (cheaper
 * than shipping a million persons across threads, and deterministic) and writes the
 * department files it was given, reporting progress and results to the parent.
 */
export interface WorkerInput {
  readonly county: string;
  readonly seed: string;
  readonly persons: number;
  readonly rates: NoiseRates;
  readonly out: string;
  readonly keys: readonly string[];
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly key: string; readonly rows: number }
  | { readonly type: 'done'; readonly results: Record<string, FileResult> }
  | { readonly type: 'error'; readonly message: string };

const input = workerData as WorkerInput;
const post = (m: WorkerMessage) => parentPort?.postMessage(m);

try {
  const world = buildWorld(input.county, input.seed, input.persons);
  const results: Record<string, FileResult> = {};
  for (const spec of DEPARTMENT_FILES) {
    if (!input.keys.includes(spec.key)) continue;
    results[spec.key] = await emitFile(spec, world, input.rates, input.out, (rows) => post({ type: 'progress', key: spec.key, rows }));
  }
  post({ type: 'done', results });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}

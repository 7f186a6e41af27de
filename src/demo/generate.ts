import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../shared/errors.ts';
import { buildWorld } from './build-world.ts';
import { DEPARTMENT_FILES } from './departments/index.ts';
import { DEFAULT_COUNTY, loadCounty } from './division.ts';
import { emitFile, type FileResult } from './emit.ts';
import { manifestFile, type Manifest, type ManifestFile } from './manifest.ts';
import { resolveRates, type NoiseKind } from './noise-kinds.ts';
import { writeTruth } from './truth.ts';
import type { WorkerInput, WorkerMessage } from './worker.ts';
import type { World } from './world.ts';

/**
 * Generates a demo county into a directory: department files under OUT/departments/, the
 * ground truth under OUT/truth/, and OUT/manifest.json. Deterministic for a seed.
 *
 * @example
 * const summary = await generateDemoCounty({ persons: 20000, seed: 7, out: '/tmp/c' });
 * summary.files.map((f) => `${f.path}: ${f.rowCount}`);
 */
export interface GenerateOptions {
  readonly persons: number;
  readonly seed: string | number;
  readonly out: string;
  /** 6-digit GB/T 2260 code of the county; default 371321 (山东省临沂市沂南县). */
  readonly county?: string;
  /** Base noise rates overriding the defaults (see noise-kinds.ts). */
  readonly noise?: Partial<Record<NoiseKind, number>>;
  /** Only these file keys (for tests); all when absent. */
  readonly only?: readonly string[];
  /**
   * Use a second thread for part of the files: default when persons ≥ 50,000. Output is
   * byte-identical either way (each file depends only on the seed, never on scheduling).
   */
  readonly parallel?: boolean;
  readonly onProgress?: (stage: string, done: number, total?: number) => void;
}

/** Persons in the county `npm start` loads on first start. */
export const DEMO_START_PERSONS = 20000;
export const MAX_PERSONS = 5_000_000;

export async function generateDemoCounty(options: GenerateOptions): Promise<Manifest> {
  const { persons, out } = options;
  if (!Number.isInteger(persons) || persons < 100 || persons > MAX_PERSONS) {
    throw new AppError('invalid_input', `人数应为 100 到 ${MAX_PERSONS} 之间的整数 / persons must be an integer from 100 to ${MAX_PERSONS}`, [{ path: '/persons', message: String(persons) }]);
  }
  const rates = resolveRates(options.noise);
  const progress = options.onProgress ?? (() => {});
  const countyCode = options.county ?? DEFAULT_COUNTY;
  loadCounty(countyCode); // fail fast on a bad code, before any thread starts
  await mkdir(join(out, 'departments'), { recursive: true });
  await mkdir(join(out, 'truth', 'records'), { recursive: true });

  // The second thread starts first: it builds its own copy of the world while this one
  // builds the world and writes the truth tables.
  const wanted = DEPARTMENT_FILES.filter((spec) => !options.only || options.only.includes(spec.key));
  const parallel = options.parallel ?? persons >= 50_000;
  const offloaded = parallel ? wanted.filter((spec) => WORKER_FILES.includes(spec.key)).map((spec) => spec.key) : [];
  const helper = offloaded.length > 0 ? startWorker({ county: countyCode, seed: String(options.seed), persons, rates, out, keys: offloaded }, progress) : undefined;

  const results: Record<string, FileResult> = {};
  let world: World;
  let truthRows: Record<string, number>;
  try {
    progress('构建人口 / building population', 0);
    world = buildWorld(countyCode, options.seed, persons);
    progress('构建人口 / building population', persons, persons);
    truthRows = await writeTruth(world, out);
    progress('真值 / truth', truthRows.persons ?? 0, persons);
    for (const spec of wanted) {
      if (offloaded.includes(spec.key)) continue;
      results[spec.key] = await emitFile(spec, world, rates, out, (rows) => progress(spec.key, rows));
    }
  } catch (error) {
    await helper?.worker.terminate();
    throw error;
  }
  if (helper) Object.assign(results, await helper.done);
  const files: ManifestFile[] = wanted.map((spec) => manifestFile(spec, world, results[spec.key] as FileResult));

  const manifest: Manifest = {
    generator: 'shutong demo generate',
    formatVersion: 1,
    seed: world.seed,
    persons,
    asOf: '2024-06-30',
    county: { code: world.county.code, name: world.county.name, city: world.county.city.name, province: world.county.province.name },
    noiseRates: rates,
    truth: {
      persons: { path: 'truth/persons.csv', rows: truthRows.persons ?? 0 },
      houses: { path: 'truth/houses.csv', rows: truthRows.houses ?? 0 },
      businesses: { path: 'truth/businesses.csv', rows: truthRows.businesses ?? 0 },
      villages: { path: 'truth/villages.csv', rows: truthRows.villages ?? 0 },
    },
    files,
  };
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Files the second thread writes. Measured CPU per million persons: grid ledger ~21 s (XLSX
 * is the dearest per row), health records ~10 s, follow-ups ~3 s — about what the main
 * thread spends on the truth tables, household register, insurance, property and the rest.
 */
const WORKER_FILES = ['wjw-health-record', 'wjw-followup', 'wg-ledger'];

// The worker starts without the parent's loader flags and registers tsx itself, so this
// works whether the parent runs under `node --import tsx` or bin/shutong.js.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((api) => { api.register(); return import(workerData.entry); });
`;

function startWorker(input: WorkerInput, progress: (stage: string, done: number) => void): { worker: Worker; done: Promise<Record<string, FileResult>> } {
  const workerData = { ...input, tsxApi: import.meta.resolve('tsx/esm/api'), entry: new URL('./worker.ts', import.meta.url).href };
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData, execArgv: [] });
  const done = new Promise<Record<string, FileResult>>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') progress(m.key, m.rows);
      else if (m.type === 'done') resolve(m.results);
      else reject(new Error(`生成线程出错 / generator thread failed: ${m.message}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`生成线程退出码 ${code} / generator thread exited with ${code}`));
    });
  });
  // Not awaited until the main thread is done; keep an early failure from counting as unhandled.
  done.catch(() => {});
  return { worker, done };
}


/**
 * Unsupervised estimation of the model: u from random record pairs (the exact level computed
 * from value frequencies, the others from a seeded sample), then m and λ by EM over the blocked
 * candidate pairs.
 *
 * @example
 * const params = trainModel(store, { levels, count: cands.count, leftSize });
 * params.comparisons[0].m // [0, 0.93, …]
 */
import type { RecordStore } from './encode/store.ts';
import type { Comparison } from './encode/comparison.ts';
import { compareCandidates, countPatterns } from './compare.ts';
import { initialM, runEm } from './em.ts';
import type { FieldKind } from './kinds.ts';

/** Fitted parameters of one comparison; arrays are indexed by level (0 = null, unused). */
export interface ComparisonParams {
  readonly name: string;
  readonly kind: FieldKind;
  readonly levels: readonly string[];
  readonly m: readonly number[];
  /** u among random pairs: what the weights use. */
  readonly u: readonly number[];
  /** u among blocked non-matches as EM fitted it (diagnostic). */
  readonly uBlocked: readonly number[];
}

/** A trained model, plain JSON so that it can be stored and given to createLinker later. */
export interface LinkageParams {
  readonly version: 1;
  readonly comparisons: readonly ComparisonParams[];
  /** Probability that two random records match. */
  readonly lambda: number;
  /** λ among blocked candidate pairs, for the record. */
  readonly lambdaBlocked: number;
  readonly emIterations: number;
  readonly emConverged: boolean;
  readonly candidatePairs: number;
}

export interface TrainInput {
  readonly levels: Uint8Array;
  readonly count: number;
  /** Link mode: records [0, leftSize) are the left file. */
  readonly leftSize?: number;
  readonly uSamples?: number;
  readonly seed?: number;
}

export function trainModel(store: RecordStore, input: TrainInput): LinkageParams {
  const comps = store.comparisons;
  const u = estimateU(store, { leftSize: input.leftSize, samples: input.uSamples ?? Math.min(50000, Math.max(5000, 2 * store.size)), seed: input.seed ?? 1 });
  const data = countPatterns(input.levels, comps.length, input.count);
  if (input.count === 0) {
    // No candidate pair: nothing to learn m from; keep the starting m and say so.
    return {
      version: 1,
      comparisons: comps.map((c, k) => ({ name: c.name, kind: c.kind, levels: [...c.levels], m: initialM(c.levels.length), u: u[k]!, uBlocked: u[k]! })),
      lambda: 1e-12,
      lambdaBlocked: 0,
      emIterations: 0,
      emConverged: false,
      candidatePairs: 0,
    };
  }
  // Among blocked pairs u is fitted too: blocked non-matches agree more often than random ones,
  // and fixing u there would push them into the match class. The weights use the random-pair u.
  const fit = runEm(data, { m: comps.map((c) => initialM(c.levels.length)), u, lambda: 0.3 });
  const n = store.size;
  const allPairs = input.leftSize === undefined ? (n * (n - 1)) / 2 : input.leftSize * (n - input.leftSize);
  const expectedMatches = fit.lambda * input.count;
  return {
    version: 1,
    comparisons: comps.map((c, k) => ({ name: c.name, kind: c.kind, levels: [...c.levels], m: fit.m[k]!, u: u[k]!, uBlocked: fit.u[k]! })),
    lambda: Math.min(0.5, Math.max(1e-12, expectedMatches / Math.max(allPairs, 1))),
    lambdaBlocked: fit.lambda,
    emIterations: fit.iterations,
    emConverged: fit.converged,
    candidatePairs: input.count,
  };
}

export interface USampleOptions {
  readonly leftSize?: number;
  readonly samples: number;
  readonly seed: number;
}

/** u per comparison and level among random pairs. */
export function estimateU(store: RecordStore, options: USampleOptions): number[][] {
  const comps = store.comparisons;
  const n = store.size;
  const left = options.leftSize;
  const rand = mulberry32(options.seed);
  const total = left === undefined ? (n * (n - 1)) / 2 : left * (n - left);
  const samples = Math.min(options.samples, total);
  const a = new Int32Array(samples);
  const b = new Int32Array(samples);
  for (let s = 0; s < samples; s++) {
    if (left === undefined) {
      a[s] = Math.floor(rand() * n);
      const j = Math.floor(rand() * (n - 1));
      b[s] = j >= a[s]! ? j + 1 : j;
    } else {
      a[s] = Math.floor(rand() * left);
      b[s] = left + Math.floor(rand() * (n - left));
    }
  }
  // The same comparison loop as the candidates, so the sample also warms it up.
  const levels = compareCandidates(comps, a, b, samples);
  const tallies = comps.map((c) => new Float64Array(c.levels.length));
  for (let s = 0, o = 0; s < samples; s++) for (let k = 0; k < comps.length; k++) tallies[k]![levels[o++]!]!++;
  return comps.map((c, k) => {
    const t = tallies[k]!;
    const exact = exactAgreement(c, n, left);
    const others = c.levels.length - 2;
    let seen = 0;
    for (let l = 2; l < t.length; l++) seen += t[l]!;
    const out = [0, exact];
    for (let l = 2; l < t.length; l++) out.push(((1 - exact) * (t[l]! + 0.5)) / (seen + 0.5 * others));
    return out;
  });
}

/** P(exact | random pair, both present), from value counts: Σ c(c-1) / N(N-1), or Σ cL·cR / NL·NR. */
function exactAgreement(c: Comparison, n: number, left: number | undefined): number {
  const ids = c.ids.data;
  if (left === undefined) {
    const counts = c.counts;
    let same = 0;
    for (let v = 0; v < counts.data.length; v++) {
      const k = counts.data[v]!;
      same += k * (k - 1);
    }
    const N = counts.total;
    return clampP(N < 2 ? 0.5 : same / (N * (N - 1)));
  }
  const leftCounts = new Int32Array(c.dict.size);
  let nl = 0;
  for (let i = 0; i < left; i++) {
    const v = ids[i]!;
    if (v < 0) continue;
    nl++;
    leftCounts[v]!++;
  }
  let nr = 0;
  let same = 0;
  for (let i = left; i < n; i++) {
    const v = ids[i]!;
    if (v < 0) continue;
    nr++;
    same += leftCounts[v]!;
  }
  return clampP(nl === 0 || nr === 0 ? 0.5 : same / (nl * nr));
}

function clampP(p: number): number {
  return Math.min(1 - 1e-6, Math.max(1e-9, p));
}

/** Small seeded PRNG: the same input gives the same model. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

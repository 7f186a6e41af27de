/**
 * Batch linkage over an encoded store: block → compare → estimate (u by sampling, m and λ by EM)
 * → score → cluster → pairs. The CLI, the benchmark and the tests all run this one path.
 *
 * @example
 * const out = linkStore(store, { threshold: 0.5 });            // deduplicate
 * const out2 = linkStore(store, { leftSize: nLeft });           // link left × right
 * out.pairs.count; out.clustering.clusterCount; out.candidates.stats
 */
import type { RecordStore } from './encode/store.ts';
import { defaultBlockingRules, generateCandidates, type BlockingRule, type Candidates } from './blocking.ts';
import { compareCandidates } from './compare.ts';
import { trainModel, type LinkageParams } from './train.ts';
import { createScorer, probabilityOf, type Scorer } from './score.ts';
import { clusterRecords, type Clustering } from './cluster.ts';
import { invalidInput } from '../shared/errors.ts';

export interface LinkOptions {
  /** Link mode: records [0, leftSize) came from the left file. Omitted: deduplicate. */
  readonly leftSize?: number;
  /** Output pairs at or above this match probability (default 0.5). */
  readonly threshold?: number;
  readonly rules?: readonly BlockingRule[];
  /** Use these parameters instead of estimating them. */
  readonly params?: LinkageParams;
  readonly uSamples?: number;
  readonly seed?: number;
  /**
   * 'cluster' (default): pairs inside one cluster whose own probability reaches the threshold;
   * 'pairwise': every scored pair at or above the threshold, clusters ignored.
   */
  readonly pairs?: 'cluster' | 'pairwise';
  readonly onStage?: (stage: string, detail: string) => void;
}

export interface LinkedPairs {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly probability: Float64Array;
  readonly count: number;
}

export interface LinkOutcome {
  readonly candidates: Candidates;
  readonly params: LinkageParams;
  readonly scorer: Scorer;
  readonly pairs: LinkedPairs;
  readonly clustering: Clustering;
  /** Milliseconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
}

/** Blocking, comparison and unsupervised estimation only: the parameters a linker needs. */
export function estimateParams(store: RecordStore, options: Pick<LinkOptions, 'leftSize' | 'rules' | 'uSamples' | 'seed'> = {}): LinkageParams {
  const c = generateCandidates(store, options.rules ?? defaultBlockingRules(store), { leftSize: options.leftSize });
  const levels = compareCandidates(store.comparisons, c.left, c.right, c.count);
  return trainModel(store, { levels, count: c.count, leftSize: options.leftSize, uSamples: options.uSamples, seed: options.seed });
}

export function linkStore(store: RecordStore, options: LinkOptions = {}): LinkOutcome {
  const threshold = options.threshold ?? 0.5;
  if (!(threshold > 0 && threshold < 1)) throw invalidInput(`阈值须在 0 与 1 之间 / threshold must be between 0 and 1, got ${threshold}`, [{ path: '/threshold', message: String(threshold) }]);
  const stage = options.onStage ?? (() => {});
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = now - t;
    t = now;
  };
  const F = store.comparisons.length;

  const candidates = generateCandidates(store, options.rules ?? defaultBlockingRules(store), { leftSize: options.leftSize });
  lap('block');
  stage('block', `${candidates.count} 候选对 / candidate pairs`);
  const { left, right, count } = candidates;
  const levels = compareCandidates(store.comparisons, left, right, count);
  lap('compare');
  stage('compare', `${count} 对已比较 / pairs compared`);
  const params = options.params ?? trainModel(store, { levels, count, leftSize: options.leftSize, uSamples: options.uSamples, seed: options.seed });
  lap('train');
  stage('train', `EM ${params.emIterations} 轮 / iterations, λ=${params.lambdaBlocked.toFixed(4)}`);

  const scorer = createScorer(store, params);
  const weights = new Float64Array(count);
  const cut = Math.log2(threshold / (1 - threshold));
  let above = 0;
  for (let p = 0; p < count; p++) {
    const w = scorer.weightFromLevels(left[p]!, right[p]!, levels, p * F);
    weights[p] = w;
    if (w >= cut) above++;
  }
  const edges = { a: new Int32Array(above), b: new Int32Array(above), w: new Float64Array(above), count: above };
  for (let p = 0, e = 0; p < count; p++) {
    if (weights[p]! < cut) continue;
    edges.a[e] = left[p]!;
    edges.b[e] = right[p]!;
    edges.w[e++] = weights[p]!;
  }
  lap('score');
  const linking = options.leftSize !== undefined;
  const leftSize = options.leftSize ?? 0;
  const clustering = clusterRecords({
    size: store.size,
    edges,
    // Two records of the same file are not linked in link mode, but their difference still
    // counts against putting both in one cluster.
    weight: (i, j) => scorer.weight(i, j),
  });
  lap('cluster');
  stage('cluster', `${clustering.clusterCount} 簇 / clusters`);

  let pairs: LinkedPairs;
  if (options.pairs === 'pairwise') pairs = { left: edges.a, right: edges.b, probability: edges.w.map(probabilityOf), count: above };
  else {
    const { a, b, w: ws, count: n } = clustering.within;
    const keep = new Uint8Array(n);
    let kept = 0;
    for (let p = 0; p < n; p++) {
      if (ws[p]! < cut || (linking && (a[p]! < leftSize) === (b[p]! < leftSize))) continue;
      keep[p] = 1;
      kept++;
    }
    const out = { left: new Int32Array(kept), right: new Int32Array(kept), probability: new Float64Array(kept), count: kept };
    for (let p = 0, o = 0; p < n; p++) {
      if (!keep[p]) continue;
      out.left[o] = a[p]!;
      out.right[o] = b[p]!;
      out.probability[o++] = probabilityOf(ws[p]!);
    }
    pairs = out;
  }
  lap('pairs');
  return { candidates, params, scorer, pairs, clustering, timings };
}

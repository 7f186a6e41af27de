/**
 * Match weights: log2(m/u) per comparison level, precomputed as tables so that scoring a pair is
 * lookups and additions; the exact level is term-frequency adjusted (agreeing on a rare value
 * counts more than on 王 or smith); equal valid ID numbers / credit codes decide by rule.
 *
 * @example
 * const scorer = createScorer(store, params);
 * scorer.explain(0, 1) // { probability: 0.998, matchWeight: 9.1, comparisons: [{ name: 'surname', level: 'exact', weight: 6.2, … }] }
 */
import type { RecordStore } from './encode/store.ts';
import type { LinkageParams } from './train.ts';
import { invalidInput } from '../shared/errors.ts';

export interface ScoreOptions {
  /** Largest term-frequency adjustment, in bits, either way. */
  readonly tfClamp?: number;
}

export interface ComparisonExplanation {
  readonly name: string;
  readonly kind: string;
  readonly left: string | null;
  readonly right: string | null;
  readonly level: string;
  /** log2(m/u) of the level, 0 for null. */
  readonly weight: number;
  /** Term-frequency adjustment added on an exact level. */
  readonly tfAdjustment: number;
  readonly m: number;
  readonly u: number;
}

export interface PairExplanation {
  readonly leftId: string;
  readonly rightId: string;
  /** Prior log2-odds plus all weights. */
  readonly matchWeight: number;
  readonly priorWeight: number;
  readonly probability: number;
  /** Set when a deterministic rule decided the pair. */
  readonly rule: string | null;
  readonly comparisons: readonly ComparisonExplanation[];
}

export interface Scorer {
  readonly prior: number;
  /** Match weight (log2 odds) from precomputed levels at levels[offset …]. */
  weightFromLevels(i: number, j: number, levels: Uint8Array, offset: number): number;
  /** Compares and scores on the spot. */
  weight(i: number, j: number): number;
  explain(i: number, j: number): PairExplanation;
}

/** A weight that stands for "certain" (equal valid ID numbers). */
export const CERTAIN = 60;

export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

export function createScorer(store: RecordStore, params: LinkageParams, options: ScoreOptions = {}): Scorer {
  const comps = store.comparisons;
  if (params.comparisons.length !== comps.length || params.comparisons.some((p, k) => p.name !== comps[k]!.name || p.levels.length !== comps[k]!.levels.length)) {
    throw invalidInput('模型参数与字段不符 / the model parameters do not match the declared fields', [
      { path: '/model', message: `${params.comparisons.map((p) => p.name).join(',')} vs ${comps.map((c) => c.name).join(',')}` },
    ]);
  }
  const clamp = options.tfClamp ?? 6;
  const tables = params.comparisons.map((p) => Float64Array.from(p.levels, (_, l) => (l === 0 ? 0 : Math.log2(p.m[l]! / p.u[l]!))));
  const uExact = params.comparisons.map((p) => p.u[1]!);
  const prior = Math.log2(params.lambda / (1 - params.lambda));
  const deterministic = comps.map((c) => c.options.deterministic !== undefined);
  const anyDeterministic = deterministic.some(Boolean);

  const tf = (k: number, i: number): number => {
    const c = comps[k]!;
    const v = c.ids.data[i]!;
    const freq = c.counts.get(v) / Math.max(c.counts.total, 1);
    if (freq <= 0) return 0;
    const adj = Math.log2(uExact[k]! / freq);
    return adj > clamp ? clamp : adj < -clamp ? -clamp : adj;
  };
  /** The comparison whose equal valid values decide the pair, or -1. */
  const deciding = (i: number, j: number): number => {
    for (let k = 0; k < comps.length; k++) if (deterministic[k] && comps[k]!.deterministicMatch(i, j)) return k;
    return -1;
  };
  const ruleFor = (i: number, j: number): string | null => {
    const k = anyDeterministic ? deciding(i, j) : -1;
    return k < 0 ? null : `valid_${comps[k]!.kind}_equal:${comps[k]!.name}`;
  };

  const weightFromLevels = (i: number, j: number, levels: Uint8Array, offset: number): number => {
    if (anyDeterministic && deciding(i, j) >= 0) return CERTAIN;
    let w = prior;
    for (let k = 0; k < tables.length; k++) {
      const l = levels[offset + k]!;
      w += tables[k]![l]!;
      if (l === 1) w += tf(k, i);
    }
    return w;
  };
  const scratch = new Uint8Array(comps.length);
  return {
    prior,
    weightFromLevels,
    weight(i, j) {
      for (let k = 0; k < comps.length; k++) scratch[k] = comps[k]!.level(i, j);
      return weightFromLevels(i, j, scratch, 0);
    },
    explain(i, j) {
      const rule = ruleFor(i, j);
      let w = prior;
      const parts = comps.map((c, k) => {
        const l = c.level(i, j);
        const p = params.comparisons[k]!;
        const adj = l === 1 ? tf(k, i) : 0;
        w += tables[k]![l]! + adj;
        const a = c.ids.data[i]!;
        const b = c.ids.data[j]!;
        return {
          name: c.name,
          kind: c.kind,
          left: a < 0 ? null : c.dict.value(a),
          right: b < 0 ? null : c.dict.value(b),
          level: c.levels[l]!,
          weight: tables[k]![l]!,
          tfAdjustment: adj,
          m: p.m[l] ?? 0,
          u: p.u[l] ?? 0,
        };
      });
      const matchWeight = rule === null ? w : CERTAIN;
      return { leftId: store.recordIds[i]!, rightId: store.recordIds[j]!, matchWeight, priorWeight: prior, probability: probabilityOf(matchWeight), rule, comparisons: parts };
    },
  };
}

/**
 * Expectation-maximisation for the Fellegi–Sunter mixture without labels: each candidate pair is
 * a match with probability λ; given match / non-match status the comparisons are independent with
 * level probabilities m / u. Runs over distinct patterns with counts; the null level (a value
 * missing) carries no information and is skipped in both the likelihood and the updates.
 *
 * @example
 * const fit = runEm(patterns, levelCounts, { m, u, lambda: 0.3 });
 * fit.m[0][1] // P(first comparison exact | match)
 */
import type { Patterns } from './compare.ts';

export interface EmStart {
  /** m[k][level] and u[k][level]; index 0 (null) is ignored. */
  readonly m: readonly (readonly number[])[];
  readonly u: readonly (readonly number[])[];
  readonly lambda: number;
}

export interface EmOptions {
  /** Keep u as given (e.g. from random pairs) and fit only m and λ. */
  readonly fixU?: boolean;
  readonly maxIterations?: number;
  readonly tolerance?: number;
  /** Dirichlet pseudo-count per level, keeps unseen levels away from probability 0. */
  readonly pseudoCount?: number;
}

export interface EmFit {
  readonly m: number[][];
  readonly u: number[][];
  readonly lambda: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export function runEm(data: Patterns, start: EmStart, options: EmOptions = {}): EmFit {
  const fields = start.m.length;
  const maxIt = options.maxIterations ?? 500;
  const tol = options.tolerance ?? 1e-7;
  const alpha = options.pseudoCount ?? 0.5;
  let m = start.m.map((r) => [...r]);
  let u = start.u.map((r) => [...r]);
  let lambda = start.lambda;
  const { patterns, counts, size } = data;
  // Flat level tables: offset[k] + level indexes log(m/u) and the accumulators.
  const offset = new Int32Array(fields + 1);
  for (let k = 0; k < fields; k++) offset[k + 1] = offset[k]! + m[k]!.length;
  const logRatio = new Float64Array(offset[fields]!);
  const mAcc = new Float64Array(offset[fields]!);
  const uAcc = new Float64Array(offset[fields]!);
  let total = 0;
  for (let p = 0; p < size; p++) total += counts[p]!;
  let it = 0;
  let converged = false;
  for (; it < maxIt; it++) {
    for (let k = 0; k < fields; k++) for (let l = 1; l < m[k]!.length; l++) logRatio[offset[k]! + l] = Math.log(m[k]![l]! / u[k]![l]!);
    mAcc.fill(0);
    uAcc.fill(0);
    let matched = 0;
    const logPrior = Math.log(lambda / (1 - lambda));
    for (let p = 0; p < size; p++) {
      let lo = logPrior;
      const o = p * fields;
      // Level 0 (null) has logRatio 0, so it drops out of the sum by itself.
      for (let k = 0; k < fields; k++) lo += logRatio[offset[k]! + patterns[o + k]!]!;
      const g = lo > 40 ? 1 : lo < -40 ? 0 : 1 / (1 + Math.exp(-lo));
      const c = counts[p]!;
      matched += c * g;
      for (let k = 0; k < fields; k++) {
        const at = offset[k]! + patterns[o + k]!;
        mAcc[at]! += c * g;
        uAcc[at]! += c * (1 - g);
      }
    }
    const nextLambda = Math.min(1 - 1e-9, Math.max(1e-9, matched / total));
    const nextM = normalise(mAcc, offset, alpha);
    const nextU = options.fixU ? u : normalise(uAcc, offset, alpha);
    const delta = Math.max(Math.abs(nextLambda - lambda), maxDiff(m, nextM), options.fixU ? 0 : maxDiff(u, nextU));
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    if (delta < tol) {
      converged = true;
      it++;
      break;
    }
  }
  return { m, u, lambda, iterations: it, converged };
}

/** Level probabilities per field from accumulated counts (level 0, null, excluded). */
function normalise(acc: Float64Array, offset: Int32Array, alpha: number): number[][] {
  const out: number[][] = [];
  for (let k = 0; k + 1 < offset.length; k++) {
    const from = offset[k]!;
    const to = offset[k + 1]!;
    let s = 0;
    for (let a = from + 1; a < to; a++) s += acc[a]! + alpha;
    const row = [0];
    for (let a = from + 1; a < to; a++) row.push((acc[a]! + alpha) / s);
    out.push(row);
  }
  return out;
}

function maxDiff(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  let d = 0;
  for (let k = 0; k < a.length; k++) for (let l = 1; l < a[k]!.length; l++) d = Math.max(d, Math.abs(a[k]![l]! - b[k]![l]!));
  return d;
}

/** A starting m: most mass on exact, the rest falling off towards else. */
export function initialM(levelCount: number): number[] {
  const k = levelCount - 1;
  const out = [0];
  let rest = 0.15;
  for (let l = 1; l <= k; l++) {
    if (l === 1) out.push(0.85);
    else if (l === k) out.push(rest);
    else {
      out.push(rest / 2);
      rest /= 2;
    }
  }
  const s = out.reduce((a, b) => a + b, 0);
  return out.map((v) => v / s);
}

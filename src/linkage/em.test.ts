import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initialM, runEm } from './em.ts';
import { countPatterns } from './compare.ts';
import { mulberry32 } from './train.ts';

function draw(p: readonly number[], r: number): number {
  let acc = 0;
  for (let l = 1; l < p.length; l++) {
    acc += p[l]!;
    if (r < acc) return l;
  }
  return p.length - 1;
}

describe('EM', () => {
  it('recovers m, u and λ from unlabeled synthetic comparison vectors', () => {
    // Level 0 (null) is index 0 and unused in m/u; some values are made missing below.
    const m = [
      [0, 0.9, 0.07, 0.03],
      [0, 0.8, 0.15, 0.05],
      [0, 0.95, 0.05],
      [0, 0.7, 0.2, 0.06, 0.04],
    ];
    const u = [
      [0, 0.02, 0.08, 0.9],
      [0, 0.05, 0.15, 0.8],
      [0, 0.1, 0.9],
      [0, 0.01, 0.04, 0.15, 0.8],
    ];
    const lambda = 0.2;
    const n = 60000;
    const F = m.length;
    const rand = mulberry32(42);
    const levels = new Uint8Array(n * F);
    for (let p = 0; p < n; p++) {
      const match = rand() < lambda;
      for (let k = 0; k < F; k++) levels[p * F + k] = rand() < 0.05 ? 0 : draw(match ? m[k]! : u[k]!, rand());
    }
    const fit = runEm(countPatterns(levels, F, n), {
      m: m.map((r) => initialM(r.length)),
      u: u.map((r) => r.map((_, l) => (l === 0 ? 0 : 1 / (r.length - 1)))),
      lambda: 0.5,
    });
    assert.ok(fit.converged);
    assert.ok(Math.abs(fit.lambda - lambda) < 0.01, `λ ${fit.lambda}`);
    for (let k = 0; k < F; k++) {
      for (let l = 1; l < m[k]!.length; l++) {
        assert.ok(Math.abs(fit.m[k]![l]! - m[k]![l]!) < 0.02, `m[${k}][${l}] ${fit.m[k]![l]} vs ${m[k]![l]}`);
        assert.ok(Math.abs(fit.u[k]![l]! - u[k]![l]!) < 0.02, `u[${k}][${l}] ${fit.u[k]![l]} vs ${u[k]![l]}`);
      }
    }
  });

  it('keeps u fixed when asked and still finds λ', () => {
    const F = 2;
    const rows = [
      ...Array.from({ length: 300 }, () => [1, 1]),
      ...Array.from({ length: 700 }, () => [2, 2]),
    ];
    const levels = Uint8Array.from(rows.flat());
    const u = [
      [0, 0.01, 0.99],
      [0, 0.01, 0.99],
    ];
    const fit = runEm(countPatterns(levels, F, rows.length), { m: [initialM(3), initialM(3)], u, lambda: 0.5 }, { fixU: true });
    assert.deepEqual(fit.u, u);
    assert.ok(Math.abs(fit.lambda - 0.3) < 0.02, `λ ${fit.lambda}`);
  });
});

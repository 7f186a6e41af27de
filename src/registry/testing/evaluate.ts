/**
 * Pairwise precision and recall of a clustering against the truth: every pair of mentions in one
 * entity is a predicted link, every pair of mentions of one true entity a true link. Counted
 * overall, per department pair, and for pairs touching a mention in a given subset (records whose
 * ID number is missing or mistyped). Works on entity sizes, so it is linear in the mentions.
 *
 * @example
 * const m = pairwiseMetrics(refs, (r) => engine.entityOf(r), (r) => truth.get(r), (r) => departmentOf(r), badId);
 * m.overall.precision
 */
export interface PairCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Metrics {
  readonly overall: PairCounts & { precision: number; recall: number; f1: number };
  readonly subset: PairCounts & { precision: number; recall: number; f1: number };
  readonly byDepartmentPair: ReadonlyMap<string, PairCounts & { precision: number; recall: number; f1: number }>;
}

const score = (c: PairCounts) => ({
  ...c,
  precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
  recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
  f1: c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn),
});

/**
 * Counts by the groups (predicted entity × true entity × department × subset): pairs within a cell
 * are tp; within a predicted entity across true entities fp; within a true entity across predicted
 * ones fn.
 */
export function pairwiseMetrics(
  refs: readonly string[],
  predicted: (ref: string) => string | undefined,
  truth: (ref: string) => string | undefined,
  department: (ref: string) => string,
  subset: ReadonlySet<string> = new Set(),
): Metrics {
  type Cell = { pred: string; true: string; dept: string; sub: boolean; n: number };
  const cells = new Map<string, Cell>();
  for (const r of refs) {
    const t = truth(r);
    const p = predicted(r);
    if (t === undefined || p === undefined) continue;
    const d = department(r);
    const sub = subset.has(r);
    const k = `${p}\u0001${t}\u0001${d}\u0001${sub ? 1 : 0}`;
    const c = cells.get(k);
    if (c) c.n++;
    else cells.set(k, { pred: p, true: t, dept: d, sub, n: 1 });
  }
  const overall: PairCounts = { tp: 0, fp: 0, fn: 0 };
  const sub: PairCounts = { tp: 0, fp: 0, fn: 0 };
  const pairs = new Map<string, PairCounts>();
  const bump = (kind: keyof PairCounts, a: Cell, b: Cell, n: number) => {
    if (n === 0) return;
    overall[kind] += n;
    if (a.sub || b.sub) sub[kind] += n;
    const key = a.dept < b.dept ? `${a.dept}-${b.dept}` : `${b.dept}-${a.dept}`;
    const c = pairs.get(key) ?? { tp: 0, fp: 0, fn: 0 };
    c[kind] += n;
    pairs.set(key, c);
  };
  const byPred = group([...cells.values()], (c) => c.pred);
  const byTrue = group([...cells.values()], (c) => c.true);
  for (const list of byPred.values()) {
    for (let x = 0; x < list.length; x++) {
      const a = list[x]!;
      bump('tp', a, a, (a.n * (a.n - 1)) / 2);
      for (let y = x + 1; y < list.length; y++) {
        const b = list[y]!;
        bump(a.true === b.true ? 'tp' : 'fp', a, b, a.n * b.n);
      }
    }
  }
  for (const list of byTrue.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = list[x]!;
        const b = list[y]!;
        if (a.pred !== b.pred) bump('fn', a, b, a.n * b.n);
      }
    }
  }
  return { overall: score(overall), subset: score(sub), byDepartmentPair: new Map([...pairs].sort().map(([k, v]) => [k, score(v)])) };
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

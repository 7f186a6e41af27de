/**
 * Clustering that resists chaining. Edges (pairs at or above the threshold) are taken strongest
 * first; two clusters merge only when the sum of match weights over ALL their cross pairs is
 * positive (greedy correlation clustering): A~B and B~C strong but A~C strongly different keeps C
 * out. A final pass removes any member whose total weight to the rest of its cluster is negative.
 * Pairs never compared are scored on demand, so the check does not depend on blocking luck.
 * Cluster ids are in order of each cluster's first record.
 *
 * @example
 * const c = clusterRecords({ size: n, edges, weight: (i, j) => scorer.weight(i, j) });
 * c.clusterOf[i] === c.clusterOf[j] // same entity
 */
import { IntPairMap } from './encode/buffers.ts';
import { orderByDescending } from './order.ts';

export interface EdgeList {
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** Match weight (log2 odds) of each edge. */
  readonly w: Float64Array;
  readonly count: number;
}

export interface ClusterInput {
  readonly size: number;
  readonly edges: EdgeList;
  /** Match weight of any pair, computed on demand. */
  weight(i: number, j: number): number;
  /** Reviewer decisions: 1 must link, -1 must not, 0 none. */
  constraint?(i: number, j: number): number;
  /** Above this many cross pairs a merge is judged on the edges alone. */
  readonly maxCrossPairs?: number;
  /** Weights are clipped to ±clip so one pair cannot outvote many. */
  readonly clip?: number;
}

export interface Clustering {
  /** Cluster index per record (0 … clusterCount-1), ordered by first member. */
  readonly clusterOf: Int32Array;
  readonly clusterCount: number;
  /** Members of cluster c, ascending: memberList[memberStart[c] … memberStart[c + 1]). */
  readonly memberStart: Int32Array;
  readonly memberList: Int32Array;
  /** The same members as arrays (built on first use; a million-record run should not need them). */
  readonly members: readonly (readonly number[])[];
  /** Per cluster: min over members of P(member belongs) and 1 - P(strongest edge leaving). */
  readonly confidence: Float64Array;
  /** Every pair inside a multi-record cluster with its match weight (i < j). */
  readonly within: EdgeList;
}

const sigmoid2 = (w: number) => 1 / (1 + 2 ** -w);

export function clusterRecords(input: ClusterInput): Clustering {
  const { size, edges } = input;
  const clip = input.clip ?? 40;
  const maxCross = input.maxCrossPairs ?? 4096;
  const constraint = input.constraint;
  // Edge weights are known already; only other pairs are scored on demand.
  const known = new IntPairMap(edges.count);
  for (let k = 0; k < edges.count; k++) {
    const a = edges.a[k]!;
    const b = edges.b[k]!;
    if (known.id(a < b ? a : b, a < b ? b : a) !== k) throw new Error('duplicate edge');
  }
  const w = (i: number, j: number): number => {
    if (constraint !== undefined) {
      const c = constraint(i, j);
      if (c !== 0) return c > 0 ? clip * 4 : -clip * 4;
    }
    const k = known.get(i < j ? i : j, i < j ? j : i);
    const x = k >= 0 ? edges.w[k]! : input.weight(i, j);
    return x > clip ? clip : x < -clip ? -clip : x;
  };
  const owner = new Int32Array(size);
  for (let i = 0; i < size; i++) owner[i] = i;
  // Member lists of clusters with two or more records, by owner; undefined: the record is alone.
  const groups: (number[] | undefined)[] = new Array(size).fill(undefined);
  // The edge that joined two lone records: its weight is the pair's weight.
  const pairEdge = new Int32Array(size);

  const order = orderByDescending(edges.w, edges.count);
  for (let e = 0; e < order.length; e++) {
    const k = order[e]!;
    const ca = owner[edges.a[k]!]!;
    const cb = owner[edges.b[k]!]!;
    if (ca === cb) continue;
    const A = groups[ca];
    const B = groups[cb];
    let gain: number;
    if (A === undefined && B === undefined && constraint === undefined) {
      // Two lone records (most merges): the only cross pair is this edge; clipping keeps its sign.
      gain = edges.w[k]!;
    } else {
      const as = A ?? [ca];
      const bs = B ?? [cb];
      gain = 0;
      if (as.length * bs.length <= maxCross) {
        for (const x of as) for (const y of bs) gain += w(x, y);
      } else gain = edges.w[k]!;
    }
    if (gain <= 0) continue;
    const la = A === undefined ? 1 : A.length;
    const lb = B === undefined ? 1 : B.length;
    const keep = la >= lb ? ca : cb;
    const gone = keep === ca ? cb : ca;
    const merged = groups[keep] ?? [keep];
    const moved = groups[gone] ?? [gone];
    for (const y of moved) {
      owner[y] = keep;
      merged.push(y);
    }
    if (la === 1 && lb === 1) pairEdge[keep] = k;
    groups[gone] = undefined;
    groups[keep] = merged;
  }

  const pairWeight = (x: number, y: number): number => {
    if (constraint !== undefined) return w(x, y);
    const v = edges.w[pairEdge[owner[x]!]!]!;
    return v > clip ? clip : v < -clip ? -clip : v;
  };
  return finish(size, owner, groups, edges, w, pairWeight, maxCross);
}

/**
 * Per multi-record cluster: the weight matrix of its members (computed once), a pass that drops
 * members whose total weight to the rest is negative, the confidence, and the pairs it holds.
 */
function finish(
  size: number,
  owner: Int32Array,
  groups: readonly (number[] | undefined)[],
  edges: EdgeList,
  w: (i: number, j: number) => number,
  pairWeight: (i: number, j: number) => number,
  maxCross: number,
): Clustering {
  const clusterOf = new Int32Array(size).fill(-1);
  const memberStart = new Int32Array(size + 1);
  const memberList = new Int32Array(size);
  const confidence = new Float64Array(size);
  const within = new PairList();
  let count = 0;
  let filled = 0;
  const open = (conf: number): number => {
    memberStart[count] = filled;
    confidence[count] = conf;
    return count++;
  };
  const member = (c: number, x: number): void => {
    clusterOf[x] = c;
    memberList[filled++] = x;
  };
  for (let i = 0; i < size; i++) {
    if (clusterOf[i] !== -1) continue;
    const group = groups[owner[i]!];
    if (group === undefined) {
      member(open(1), i);
      continue;
    }
    if (group.length === 2) {
      // Most clusters are pairs: nothing to drop, the confidence is the pair's own probability.
      const [x, y] = group[0]! < group[1]! ? [group[0]!, group[1]!] : [group[1]!, group[0]!];
      const wxy = pairWeight(x, y);
      within.push(x, y, wxy);
      const c = open(sigmoid2(wxy));
      member(c, x);
      member(c, y);
      continue;
    }
    const list = [...group].sort((x, y) => x - y);
    if (list.length * list.length > maxCross * 4) {
      const c = open(0.5);
      for (const x of list) member(c, x);
      continue;
    }
    const k = list.length;
    const mat = new Float64Array(k * k);
    for (let x = 0; x < k; x++) for (let y = x + 1; y < k; y++) mat[x * k + y] = mat[y * k + x] = w(list[x]!, list[y]!);
    const alive = new Uint8Array(k).fill(1);
    const rowSum = (x: number) => {
      let s = 0;
      for (let y = 0; y < k; y++) if (y !== x && alive[y]) s += mat[x * k + y]!;
      return s;
    };
    // Every member must, on balance, belong: drop the worst while its total is negative.
    for (let left = k; left > 2; left--) {
      let worst = -1;
      let worstScore = 0;
      for (let x = 0; x < k; x++) {
        if (!alive[x]) continue;
        const s = rowSum(x);
        if (s < worstScore) (worstScore = s), (worst = x);
      }
      if (worst < 0) break;
      alive[worst] = 0;
    }
    const keep: number[] = [];
    for (let x = 0; x < k; x++) if (alive[x]) keep.push(x);
    let conf = 1;
    for (const x of keep) conf = Math.min(conf, sigmoid2(rowSum(x)));
    for (let a = 0; a < keep.length; a++) {
      for (let b = a + 1; b < keep.length; b++) within.push(list[keep[a]!]!, list[keep[b]!]!, mat[keep[a]! * k + keep[b]!]!);
    }
    for (let x = 0; x < k; x++) if (!alive[x]) member(open(1), list[x]!);
    const c = open(conf);
    for (const x of keep) member(c, list[x]!);
  }
  memberStart[count] = filled;
  // A strong edge left between two clusters makes both less certain.
  for (let e = 0; e < edges.count; e++) {
    const ca = clusterOf[edges.a[e]!]!;
    const cb = clusterOf[edges.b[e]!]!;
    if (ca === cb) continue;
    const leave = 1 - sigmoid2(edges.w[e]!);
    confidence[ca] = Math.min(confidence[ca]!, leave);
    confidence[cb] = Math.min(confidence[cb]!, leave);
  }
  const starts = memberStart.subarray(0, count + 1);
  let members: number[][] | undefined;
  return {
    clusterOf,
    clusterCount: count,
    memberStart: starts,
    memberList,
    get members() {
      members ??= Array.from({ length: count }, (_, c) => Array.from(memberList.subarray(starts[c]!, starts[c + 1]!)));
      return members;
    },
    confidence: confidence.subarray(0, count),
    within: within.toEdges(),
  };
}

/** Growable (a, b, weight) triples. */
class PairList {
  private a = new Int32Array(1024);
  private b = new Int32Array(1024);
  private w = new Float64Array(1024);
  private n = 0;
  push(a: number, b: number, w: number): void {
    if (this.n === this.a.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T, make: (n: number) => T): T => {
        const next = make(x.length * 2);
        next.set(x);
        return next;
      };
      this.a = grow(this.a, (n) => new Int32Array(n));
      this.b = grow(this.b, (n) => new Int32Array(n));
      this.w = grow(this.w, (n) => new Float64Array(n));
    }
    this.a[this.n] = a;
    this.b[this.n] = b;
    this.w[this.n++] = w;
  }
  toEdges(): EdgeList {
    return { a: this.a.subarray(0, this.n), b: this.b.subarray(0, this.n), w: this.w.subarray(0, this.n), count: this.n };
  }
}

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
  const known = new IntPairMap();
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
  const groups = new Map<number, number[]>();
  const membersOf = (c: number): number[] => groups.get(c) ?? [c];

  const order = orderByDescending(edges.w, edges.count);
  for (let e = 0; e < order.length; e++) {
    const k = order[e]!;
    const ca = owner[edges.a[k]!]!;
    const cb = owner[edges.b[k]!]!;
    if (ca === cb) continue;
    const A = membersOf(ca);
    const B = membersOf(cb);
    let gain = 0;
    if (A.length * B.length <= maxCross) {
      for (const x of A) for (const y of B) gain += w(x, y);
    } else gain = edges.w[k]!;
    if (gain <= 0) continue;
    const [big, small, keep] = A.length >= B.length ? [A, B, ca] : [B, A, cb];
    const merged = big.concat(small);
    for (const y of small) owner[y] = keep;
    groups.delete(ca);
    groups.delete(cb);
    groups.set(keep, merged);
  }

  return finish(size, owner, groups, edges, w, maxCross);
}

/**
 * Per multi-record cluster: the weight matrix of its members (computed once), a pass that drops
 * members whose total weight to the rest is negative, the confidence, and the pairs it holds.
 */
function finish(size: number, owner: Int32Array, groups: Map<number, number[]>, edges: EdgeList, w: (i: number, j: number) => number, maxCross: number): Clustering {
  const clusterOf = new Int32Array(size).fill(-1);
  const members: number[][] = [];
  const confidence: number[] = [];
  const pa: number[] = [];
  const pb: number[] = [];
  const pw: number[] = [];
  const add = (list: number[], conf: number) => {
    const id = members.length;
    for (const x of list) clusterOf[x] = id;
    members.push(list);
    confidence.push(conf);
  };
  for (let i = 0; i < size; i++) {
    if (clusterOf[i] !== -1) continue;
    const group = groups.get(owner[i]!);
    if (group === undefined || group.length < 2) {
      add([i], 1);
      continue;
    }
    if (group.length === 2) {
      // Most clusters are pairs: nothing to drop, the confidence is the pair's own probability.
      const [x, y] = group[0]! < group[1]! ? [group[0]!, group[1]!] : [group[1]!, group[0]!];
      const wxy = w(x, y);
      pa.push(x);
      pb.push(y);
      pw.push(wxy);
      add([x, y], sigmoid2(wxy));
      continue;
    }
    let list = [...group].sort((x, y) => x - y);
    if (list.length * list.length > maxCross * 4) {
      add(list, 0.5);
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
      for (let b = a + 1; b < keep.length; b++) {
        pa.push(list[keep[a]!]!);
        pb.push(list[keep[b]!]!);
        pw.push(mat[keep[a]! * k + keep[b]!]!);
      }
    }
    for (let x = 0; x < k; x++) if (!alive[x]) add([list[x]!], 1);
    list = keep.map((x) => list[x]!);
    add(list, conf);
  }
  // A strong edge left between two clusters makes both less certain.
  for (let e = 0; e < edges.count; e++) {
    const ca = clusterOf[edges.a[e]!]!;
    const cb = clusterOf[edges.b[e]!]!;
    if (ca === cb) continue;
    const leave = 1 - sigmoid2(edges.w[e]!);
    confidence[ca] = Math.min(confidence[ca]!, leave);
    confidence[cb] = Math.min(confidence[cb]!, leave);
  }
  const within = { a: Int32Array.from(pa), b: Int32Array.from(pb), w: Float64Array.from(pw), count: pa.length };
  return { clusterOf, clusterCount: members.length, members, confidence: Float64Array.from(confidence), within };
}

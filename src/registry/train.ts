/**
 * Trains a registry's linkage model from the identifiers departments already share: two records
 * with the same valid ID number (or credit code, or property unit number) are the same entity, so
 * their other fields show how the same entity is written differently (m); random pairs show how
 * different entities happen to agree (u). The anchor's own m comes from pairs that agree strongly
 * on everything else. Unsupervised EM on a whole county tends to learn "same birth date" instead
 * of "same person" (see docs/decisions/0400-registry-model-training.md).
 *
 * @example
 * const store = createStore(fields, { chinese });
 * for (const r of records) store.add(r.id, (c) => r.values[c]);
 * const params = trainFromAnchor(store, { anchor: 'id_number' });
 */
import { compareCandidates, defaultBlockingRules, estimateU, generateCandidates, keyCombiner, type BlockingRule, type Candidates, type LinkageParams, type RecordStore } from '../linkage/index.ts';

export interface TrainOptions {
  /** Column whose equal (valid) values label a pair as the same entity. */
  readonly anchor: string;
  readonly seed?: number;
  readonly uSamples?: number;
  /** Bits without the anchor above which a pair counts as a match for the anchor's own m. */
  readonly strongBits?: number;
}

const PSEUDO = 0.5;

/** Candidate pairs and their comparison levels, computed once for training and linking. */
export interface Compared {
  readonly cands: Candidates;
  readonly levels: Uint8Array;
}

/** Blocks with the linker's rules (a generous budget: rare-field rules matter for records without an ID) and compares. */
export function compareAll(store: RecordStore): Compared {
  const cands = generateCandidates(store, [...defaultBlockingRules(store), ...idPartRules(store)], { maxPairsPerRecord: 40 });
  return { cands, levels: compareCandidates(store.comparisons, cands.left, cands.right, cands.count) };
}

/**
 * A mistyped ID number meets its person only through the other fields; when the record has no
 * birth date or address either (a follow-up visit, a property owner), the name and the untouched
 * half of the number still do: one rule on name + the number's birth date, one on name + its
 * region and sequence code. A typo or a swap of neighbours spoils at most one half.
 */
function idPartRules(store: RecordStore): BlockingRule[] {
  const name = store.columns.get('name')?.data;
  const ids = store.columns.get('id_number')?.data;
  const dict = store.dicts.get('id_number');
  if (!name || !ids || !dict) return [];
  const rule = (label: string, part: (id: string) => string): BlockingRule => {
    const combine = keyCombiner();
    const parts = new Map<string, number>();
    return {
      name: label,
      key(i) {
        const n = name[i]!;
        const v = ids[i]!;
        if (n < 0 || v < 0) return -1;
        const id = dict.values[v]!;
        if (id.length !== 18) return -1;
        const p = part(id);
        let k = parts.get(p);
        if (k === undefined) parts.set(p, (k = parts.size));
        return combine(n, k);
      },
    };
  };
  return [rule('name+id_birth', (id) => id.slice(6, 14)), rule('name+id_region_sequence', (id) => id.slice(0, 6) + id.slice(14, 17))];
}

export function trainFromAnchor(store: RecordStore, options: TrainOptions, compared: Compared = compareAll(store)): LinkageParams & { readonly labelledPairs: number } {
  const comps = store.comparisons;
  const F = comps.length;
  const k0 = comps.findIndex((c) => c.name === options.anchor);
  if (k0 < 0) throw new Error(`anchor column ${options.anchor} is not a field`);
  const anchor = comps[k0]!;
  const { cands, levels } = compared;
  const labelled = (p: number): boolean => {
    const i = cands.left[p]!;
    const j = cands.right[p]!;
    return anchor.options.deterministic ? anchor.deterministicMatch(i, j) : levels[p * F + k0] === 1;
  };

  // m of every other comparison: level frequencies among anchor-labelled pairs.
  const tallies = comps.map((c) => new Float64Array(c.levels.length));
  let matched = 0;
  for (let p = 0; p < cands.count; p++) {
    if (!labelled(p)) continue;
    matched++;
    for (let k = 0; k < F; k++) tallies[k]![levels[p * F + k]!]!++;
  }
  const toM = (t: Float64Array): number[] => {
    let sum = 0;
    for (let l = 1; l < t.length; l++) sum += t[l]! + PSEUDO;
    return Array.from(t, (v, l) => (l === 0 ? 0 : (v + PSEUDO) / sum));
  };
  const m = tallies.map(toM);
  const u = estimateU(store, { samples: options.uSamples ?? Math.min(200_000, Math.max(20_000, 2 * store.size)), seed: options.seed ?? 1 });

  // The anchor's m: its levels among pairs the other comparisons call a match on their own.
  const table = comps.map((c, k) => c.levels.map((_, l) => (l === 0 ? 0 : Math.log2(m[k]![l]! / u[k]![l]!))));
  const strong = options.strongBits ?? 24;
  const anchorTally = new Float64Array(anchor.levels.length);
  for (let p = 0; p < cands.count; p++) {
    let w = 0;
    for (let k = 0; k < F; k++) if (k !== k0) w += table[k]![levels[p * F + k]!]!;
    if (w >= strong) anchorTally[levels[p * F + k0]!]!++;
  }
  m[k0] = toM(anchorTally);
  distrustSharedPrefix(comps.map((c) => c.levels), comps.map((c) => c.kind), m, u);

  // λ: labelled pairs found among records that both carry a valid anchor, scaled to all records.
  let withAnchor = 0;
  for (let i = 0; i < store.size; i++) {
    const v = anchor.value(i);
    if (v >= 0 && (!anchor.options.deterministic || anchor.options.deterministic(v))) withAnchor++;
  }
  const q = Math.max(withAnchor / Math.max(store.size, 1), 1e-3);
  const matches = matched / (q * q);
  const n = store.size;
  const allPairs = (n * (n - 1)) / 2;
  return {
    version: 1,
    comparisons: comps.map((c, k) => ({ name: c.name, kind: c.kind, levels: [...c.levels], m: m[k]!, u: u[k]!, uBlocked: u[k]! })),
    lambda: Math.min(0.5, Math.max(1e-12, matches / Math.max(allPairs, 1))),
    lambdaBlocked: Math.min(1, matches / Math.max(cands.count, 1)),
    emIterations: 0,
    emConverged: true,
    candidatePairs: cands.count,
    labelledPairs: matched,
  };
}

/**
 * Two different valid ID numbers that share region and birth date (neighbours born the same day)
 * belong to different people; the id_number comparison puts them on one level with a mangled ID
 * of the same person, so the level is given the weight of a plain disagreement.
 */
function distrustSharedPrefix(levels: readonly (readonly string[])[], kinds: readonly string[], m: number[][], u: number[][]): void {
  kinds.forEach((kind, k) => {
    if (kind !== 'id_number') return;
    const shared = levels[k]!.indexOf('same_birth_region');
    const other = levels[k]!.length - 1;
    if (shared < 0) return;
    const mk = m[k]!;
    const uk = u[k]!;
    mk[shared] = uk[shared]! * (mk[other]! / uk[other]!);
  });
}

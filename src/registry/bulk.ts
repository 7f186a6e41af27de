/**
 * A registry's first load, linked in bulk (see docs/decisions/0404-registry-linking-engine.md).
 *
 * @example
 * const { engine, params } = await bulkLink(REGISTRY_MODELS.person, records);
 * engine.entityOf(records[0].ref) // 'P00000001'
 */
import { clusterRecords, createScorer, createStore, loadChineseTools, probabilityOf, type EntityEvent, type LinkageParams } from '../linkage/index.ts';
import { RegistryEngine, type EngineOptions, type EngineRecord, type EngineState, type StoredDecision, type UncertainLink } from './engine.ts';
import type { Field } from './fields.ts';
import { trainRegistryModel, type RegistryModel } from './models.ts';
import { compareAll } from './train.ts';

export interface BulkResult {
  readonly engine: RegistryEngine;
  readonly params: LinkageParams;
  readonly uncertain: UncertainLink[];
  readonly ruleDecisions: StoredDecision[];
  readonly events: EntityEvent[];
}

/**
 * The first load of a registry: the whole batch is linked at once (blocking, scoring with the
 * final value frequencies, anti-chaining clustering) and the linker is restored from the result.
 * Placing records one by one into an empty linker would judge the first ones by frequencies
 * taken from a handful of records. Trains the model from the batch unless `params` is given.
 */
export async function bulkLink(model: RegistryModel, records: readonly EngineRecord[], options: EngineOptions & { params?: LinkageParams } = {}): Promise<BulkResult> {
  const chinese = await loadChineseTools();
  const store = createStore(model.fields, { chinese });
  for (const r of records) store.add(r.ref, (c) => r.values[c as Field]);
  const compared = compareAll(store);
  const params = options.params ?? trainRegistryModel(model, store, { compared });
  const lower = options.lower ?? 0.5;
  const upper = options.upper ?? 0.99;
  const cut = Math.log2(lower / (1 - lower));
  const scorer = createScorer(store, params);
  const F = store.comparisons.length;
  const { left, right, count } = compared.cands;
  const ea: number[] = [];
  const eb: number[] = [];
  const ew: number[] = [];
  for (let p = 0; p < count; p++) {
    const w = scorer.weightFromLevels(left[p]!, right[p]!, compared.levels, p * F);
    if (w >= cut) ea.push(left[p]!), eb.push(right[p]!), ew.push(w);
  }
  const clustering = clusterRecords({
    size: store.size,
    edges: { a: Int32Array.from(ea), b: Int32Array.from(eb), w: Float64Array.from(ew), count: ea.length },
    weight: (i, j) => scorer.weight(i, j),
  });
  const ids = Array.from({ length: clustering.clusterCount }, (_, c) => `${model.prefix}${String(c + 1).padStart(8, '0')}`);
  const state: EngineState = {
    records: records.map((r, i) => ({ ...r, entityId: ids[clustering.clusterOf[i]!]! })),
    decisions: [],
    nextEntity: ids.length + 1,
  };
  const engine = await RegistryEngine.open(model, params, state, options);
  const uncertain: UncertainLink[] = [];
  for (let e = 0; e < ea.length; e++) {
    const p = probabilityOf(ew[e]!);
    if (p < upper) uncertain.push({ a: records[ea[e]!]!.ref, b: records[eb[e]!]!.ref, probability: p });
  }
  const events: EntityEvent[] = [];
  const ruleDecisions = engine.guard(new Set(ids), events);
  return { engine, params, uncertain, ruleDecisions, events: events.map((e) => engine.translate(e)) };
}

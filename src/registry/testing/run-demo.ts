/**
 * Runs the registries' pure pipeline (mentions → train → link → golden records → discrepancies)
 * over a demo county read from its files, with the demo county's authorities (公安 for identity,
 * 市场监管 for credit codes). Files named in `later` are held back from the first load and linked
 * afterwards as an incremental batch. For the benchmark and the accuracy tests; the service does
 * the same through the database.
 *
 * @example
 * const run = await linkDemo(await loadDemoSource('/tmp/c'), { later: ['clj-disability'] });
 * run.engines.person.entityOf(ref); run.incremental?.moved // 0
 */
import { loadChineseTools } from '../../linkage/index.ts';
import { REGISTRY_KINDS, type Field, type RegistryKind } from '../fields.ts';
import type { RegistryEngine } from '../engine.ts';
import { REGISTRY_MODELS } from '../models.ts';
import { applyMentions, engineRecord, outcomeFor, type KindOutcome, type RegistryPolicy } from '../pipeline.ts';
import { learnVillageAliases } from '../aliases.ts';
import { mentionsOf, type MentionRecord } from '../records.ts';
import { currentVillageAliases, useChineseTools, useVillageAliases } from '../values.ts';
import type { AuthoritySource } from '../golden.ts';
import type { DemoSource } from './demo-source.ts';
import { bulkLink } from '../bulk.ts';

export interface DemoRun {
  readonly engines: Readonly<Record<RegistryKind, RegistryEngine>>;
  /** Outcome of the first load (every entity). */
  readonly outcomes: Readonly<Record<RegistryKind, KindOutcome>>;
  /** Every mention, the held-back ones included. */
  readonly mentions: Readonly<Record<RegistryKind, readonly MentionRecord[]>>;
  /** The held-back files linked incrementally: how many mentions, and how many earlier mentions changed entity. */
  readonly incremental: { readonly mentions: number; readonly moved: number; readonly ms: number; readonly outcome: KindOutcome } | null;
  /** Milliseconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
}

const PERSON_AUTHORITY = new Set<Field>(['id_number', 'name', 'sex', 'ethnicity', 'status', 'household_no', 'relation']);

/** The demo county's 一数一源 claims (src/main/demo-seed.ts): 公安 户籍 for identity, 市场监管 for businesses. */
export const demoPolicy: RegistryPolicy = {
  authorityOf(kind: RegistryKind, field: Field): AuthoritySource | undefined {
    if (kind === 'person' && PERSON_AUTHORITY.has(field)) return { departmentCode: 'GAJ', resourceCode: 'gaj-hukou' };
    if (kind === 'business') return { departmentCode: 'SCJ', resourceCode: 'scj-enterprise' };
    return undefined;
  },
  register: 'GAJ',
};

export async function linkDemo(src: DemoSource, options: { later?: readonly string[]; onStage?: (stage: string, ms: number) => void } = {}): Promise<DemoRun> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = (timings[stage] ?? 0) + now - t;
    options.onStage?.(stage, now - t);
    t = now;
  };
  useChineseTools(await loadChineseTools());
  useVillageAliases(new Map());
  const later = new Set(options.later ?? []);
  const mentions: Record<RegistryKind, MentionRecord[]> = { person: [], business: [], house: [] };
  const first: Record<RegistryKind, MentionRecord[]> = { person: [], business: [], house: [] };
  const held: MentionRecord[] = [];
  for (const r of src.records) {
    for (const m of mentionsOf(src.profiles.get(r.resourceCode)!, r)) {
      mentions[m.kind].push(m);
      if (later.has(r.resourceCode) && m.kind === 'person') held.push(m);
      else first[m.kind].push(m);
    }
  }
  lap('extract');
  const engines = {} as Record<RegistryKind, RegistryEngine>;
  const outcomes = {} as Record<RegistryKind, KindOutcome>;
  const byRef = new Map(REGISTRY_KINDS.flatMap((k) => mentions[k].map((m) => [m.ref, m] as const)));
  const load = async (refs: readonly string[]) => new Map(refs.flatMap((r) => (byRef.has(r) ? [[r, byRef.get(r)!] as const] : [])));
  for (const kind of REGISTRY_KINDS) {
    const model = REGISTRY_MODELS[kind];
    const list = first[kind];
    const bulk = await bulkLink(model, list.map((m) => engineRecord(model, m)));
    lap(`train_link_${kind}`);
    const engine = bulk.engine;
    const touched = new Set(list.map((m) => engine.entityOf(m.ref)!));
    if (model.golden.includes('address')) {
      const learned = learnVillageAliases([...touched].map((e) => engine.members(e).flatMap((r) => byRef.get(r)?.values.address ?? [])));
      useVillageAliases(new Map([...currentVillageAliases(), ...learned]));
    }
    const assignments = new Map(list.map((m) => [m.ref, engine.entityOf(m.ref)!]));
    outcomes[kind] = await outcomeFor(engine, touched, list, load, demoPolicy, { kind, assignments, events: bulk.events, uncertain: bulk.uncertain, ruleDecisions: bulk.ruleDecisions });
    lap(`golden_${kind}`);
    engines[kind] = engine;
  }
  let incremental: DemoRun['incremental'] = null;
  if (held.length > 0) {
    const before = new Map(first.person.map((m) => [m.ref, engines.person.entityOf(m.ref)!]));
    const started = performance.now();
    const outcome = await applyMentions(engines.person, { link: held }, load, demoPolicy);
    const ms = performance.now() - started;
    let moved = 0;
    for (const [ref, e] of before) if (engines.person.entityOf(ref) !== e) moved++;
    incremental = { mentions: held.length, moved, ms, outcome };
    lap('incremental_person');
  }
  return { engines, outcomes, mentions, incremental, timings };
}

/**
 * One registry's step for a batch of changed mentions: link (engine), then rebuild the golden
 * record and the discrepancies of every entity whose membership or data changed. Pure apart from
 * `load`, which fetches stored mentions the batch does not carry; the service persists the
 * outcome, the benchmark only measures it.
 *
 * @example
 * const out = await applyMentions(engine, mentions, [], loadFromDb, policy);
 * out.entities.get('P00000001')?.golden?.fields.name?.value
 */
import type { EntityEvent, LinkageParams } from '../linkage/index.ts';
import type { Field, RegistryKind } from './fields.ts';
import type { EngineOptions, EngineRecord, RegistryEngine, StoredDecision, UncertainLink } from './engine.ts';
import type { RegistryModel } from './models.ts';
import { goldenRecord, type AuthoritySource, type GoldenRecord } from './golden.ts';
import { detectDiscrepancies, type Discrepancy } from './discrepancies.ts';
import { splitRef, type MentionRecord } from './records.ts';
import { canonical, currentVillageAliases, linkValue, useVillageAliases, validAnchor } from './values.ts';
import { learnVillageAliases } from './aliases.ts';
import { bulkLink } from './bulk.ts';

export interface RegistryPolicy {
  authorityOf(kind: RegistryKind, field: Field): AuthoritySource | undefined;
  /** Department keeping the person register. */
  readonly register: string | undefined;
}

export interface EntityOutcome {
  readonly members: readonly MentionRecord[];
  /** Null: the entity has no live mention any more (merged away, or its records deleted). */
  readonly golden: GoldenRecord | null;
  readonly discrepancies: readonly Discrepancy[];
}

export interface KindOutcome {
  readonly kind: RegistryKind;
  readonly assignments: ReadonlyMap<string, string>;
  readonly events: readonly EntityEvent[];
  readonly uncertain: readonly UncertainLink[];
  readonly ruleDecisions: readonly StoredDecision[];
  readonly entities: ReadonlyMap<string, EntityOutcome>;
}

export type MentionLoader = (refs: readonly string[]) => Promise<ReadonlyMap<string, MentionRecord>>;

/** The linker's view of a mention: cleaned values and the valid anchor. */
export function engineRecord(model: RegistryModel, m: MentionRecord): EngineRecord {
  const values: Partial<Record<Field, string>> = {};
  for (const f of model.fields) {
    const v = linkValue(f.column, m.values[f.column] ?? m.hints[f.column]);
    if (v !== undefined) values[f.column] = v;
  }
  const anchorField = model.anchor;
  const anchor = anchorField === 'unit_no' ? canonical('unit_no', m.values.unit_no)?.key : validAnchor(anchorField, m.values[anchorField]);
  return { ref: m.ref, values, anchor };
}

/**
 * An incremental batch: `link` mentions are new or changed in what the linker compares and are
 * (re)placed; `refresh` mentions changed only elsewhere and keep their entity; `removed` are gone.
 */
export async function applyMentions(
  engine: RegistryEngine,
  change: { readonly link: readonly MentionRecord[]; readonly refresh?: readonly MentionRecord[]; readonly removed?: readonly string[] },
  load: MentionLoader,
  policy: RegistryPolicy,
): Promise<KindOutcome> {
  const kind = engine.model.kind;
  const touched = engine.remove(change.removed ?? []);
  const result = engine.upsert(change.link.map((m) => engineRecord(engine.model, m)));
  for (const e of result.touched) touched.add(e);
  for (const m of change.refresh ?? []) {
    const e = engine.entityOf(m.ref);
    if (e !== undefined) touched.add(e);
  }
  return outcomeFor(engine, touched, [...change.link, ...(change.refresh ?? [])], load, policy, {
    assignments: result.assignments, events: result.events, uncertain: result.uncertain, ruleDecisions: result.ruleDecisions, kind,
  });
}

/** The first load of a registry: bulk linking (see bulk.ts), then every entity's golden record. */
export async function bulkMentions(model: RegistryModel, mentions: readonly MentionRecord[], policy: RegistryPolicy, options: EngineOptions & { params?: LinkageParams } = {}): Promise<{ engine: RegistryEngine; params: LinkageParams; outcome: KindOutcome }> {
  const { engine, params, uncertain, ruleDecisions, events } = await bulkLink(model, mentions.map((m) => engineRecord(model, m)), options);
  const touched = new Set<string>();
  const assignments = new Map<string, string>();
  for (const m of mentions) {
    const e = engine.entityOf(m.ref)!;
    touched.add(e);
    assignments.set(m.ref, e);
  }
  const created: EntityEvent[] = [...touched].map((entityId) => ({ type: 'created', entityId, recordIds: engine.members(entityId) }));
  if (model.golden.includes('address')) {
    const byRef = new Map(mentions.map((m) => [m.ref, m]));
    const learned = learnVillageAliases([...touched].map((e) => engine.members(e).flatMap((r) => byRef.get(r)?.values.address ?? [])));
    useVillageAliases(new Map([...currentVillageAliases(), ...learned]));
  }
  const outcome = await outcomeFor(engine, touched, mentions, async () => new Map(), policy, { kind: model.kind, assignments, events: [...created, ...events], uncertain, ruleDecisions });
  return { engine, params, outcome };
}

/** Golden records and discrepancies of the given entities (after a batch or a reviewer's decision). */
export async function outcomeFor(
  engine: RegistryEngine,
  touched: ReadonlySet<string>,
  fresh: readonly MentionRecord[],
  load: MentionLoader,
  policy: RegistryPolicy,
  base: Omit<KindOutcome, 'entities'>,
): Promise<KindOutcome> {
  const kind = engine.model.kind;
  const known = new Map(fresh.map((m) => [m.ref, m]));
  const membersOf = new Map<string, string[]>();
  const missing: string[] = [];
  for (const entity of touched) {
    const refs = engine.members(entity);
    membersOf.set(entity, refs);
    for (const r of refs) if (!known.has(r)) missing.push(r);
  }
  const loaded = missing.length > 0 ? await load(missing) : new Map<string, MentionRecord>();
  const stats = resourceStats(engine);
  const isEventLog = (code: string) => {
    const s = stats.get(code);
    return s !== undefined && s.mentions >= 1.5 * s.entities;
  };
  const ctx = { authorityOf: (f: Field) => policy.authorityOf(kind, f), register: policy.register, isEventLog };
  const entities = new Map<string, EntityOutcome>();
  for (const [entity, refs] of membersOf) {
    const members = refs.flatMap((r) => known.get(r) ?? loaded.get(r) ?? []).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.ref < b.ref ? -1 : 1));
    if (members.length === 0) {
      entities.set(entity, { members, golden: null, discrepancies: [] });
      continue;
    }
    const golden = goldenRecord(kind, members, ctx.authorityOf, kind === 'person' ? policy.register : undefined);
    entities.set(entity, { members, golden, discrepancies: detectDiscrepancies(entity, kind, members, golden, ctx) });
  }
  return { ...base, entities };
}

let statsCache: { engine: RegistryEngine; size: number; stats: Map<string, { mentions: number; entities: number }> } | undefined;

/** Mentions and distinct entities per resource, to tell event logs (visits) from rosters. */
function resourceStats(engine: RegistryEngine): Map<string, { mentions: number; entities: number }> {
  if (statsCache?.engine === engine && Math.abs(statsCache.size - engine.size) < 0.05 * statsCache.size) return statsCache.stats;
  const seen = new Map<string, { mentions: number; set: Set<string> }>();
  for (const ref of engine.refs()) {
    const code = splitRef(ref).resourceCode;
    const s = seen.get(code) ?? { mentions: 0, set: new Set<string>() };
    s.mentions++;
    s.set.add(engine.entityOf(ref)!);
    seen.set(code, s);
  }
  const stats = new Map([...seen].map(([k, v]) => [k, { mentions: v.mentions, entities: v.set.size }]));
  statsCache = { engine, size: engine.size, stats };
  return stats;
}

/**
 * Following the aggregation change log: read every change since the stored cursor, turn the
 * records into mentions, link them into the registries (bulk on a registry's first load,
 * incremental afterwards), store mentions, golden records, history, review pairs and
 * discrepancies, then raise each discrepancy's objections once.
 *
 * @example
 * const sync = createSync({ store, clock, catalog, feed, objections });
 * const report = await sync.run((stage, done, total) => progress(stage, done, total));
 */
import { randomUUID } from 'node:crypto';
import { findElement } from '../standards/index.ts';
import { conflict } from '../shared/errors.ts';
import { createStore, loadChineseTools, type LinkageParams } from '../linkage/index.ts';
import type { Clock } from '../shared/clock.ts';
import { REGISTRY_KINDS, type RegistryKind } from './fields.ts';
import { RegistryEngine } from './engine.ts';
import type { ChangeFeed, FeedChange, ObjectionSink } from './feed.ts';
import { REGISTRY_MODELS, trainRegistryModel } from './models.ts';
import { applyMentions, bulkMentions, engineRecord, type KindOutcome, type RegistryPolicy } from './pipeline.ts';
import { policyFrom, type AuthorityClaim } from './policy.ts';
import { profileResource, type ResourceProfile } from './profiles.ts';
import { dateItemsOf, mentionsOf, splitRef, type MentionRecord } from './records.ts';
import { rowMention } from './rows.ts';
import { persistOutcome, raiseObjections } from './persist.ts';
import type { RegistryStore } from './store.ts';
import { compareAll } from './train.ts';
import { currentVillageAliases, useChineseTools, useVillageAliases } from './values.ts';

export interface CatalogPort {
  published(): Promise<ReadonlyArray<{
    code: string; name: string;
    provider: { departmentId: string; departmentCode: string; departmentName: string };
    items: ReadonlyArray<{ name: string; element: { name: string } | null; isKey: boolean }>;
  }>>;
  authorities(): Promise<readonly AuthorityClaim[]>;
}

export interface SyncOptions {
  /** Probability from which the linker links (default 0.5). */
  readonly lower?: number;
  /** Links below this probability go to the review queue (default 0.99). */
  readonly upper?: number;
  readonly pageSize?: number;
  /** Retrain the model when a registry has doubled, up to this many mentions (default 2 000 000). */
  readonly retrainUntil?: number;
}

export interface SyncReport {
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly changes: number;
  readonly mentions: Readonly<Record<RegistryKind, number>>;
  readonly entitiesTouched: number;
  readonly created: number;
  readonly merged: number;
  readonly split: number;
  readonly reviewQueued: number;
  readonly discrepancies: number;
  readonly objectionsRaised: number;
  readonly objectionsFailed: number;
  readonly ms: number;
}

export type Progress = (stage: string, done: number, total?: number) => void;

/** How long a sync may hold the lease before another process may take over (a crashed run). */
const LEASE_MS = 30 * 60_000;

interface Work {
  link: MentionRecord[];
  refresh: MentionRecord[];
  removed: string[];
}

export function createSync(deps: { store: RegistryStore; clock: Clock; catalog: CatalogPort; feed: ChangeFeed; objections?: ObjectionSink | undefined; options?: SyncOptions }) {
  const { store, clock, catalog, feed } = deps;
  const opts = { lower: 0.5, upper: 0.99, pageSize: 20_000, retrainUntil: 2_000_000, ...deps.options };
  const engines = new Map<RegistryKind, RegistryEngine>();
  const holder = randomUUID();
  /** The change-log position this process's linkers reflect; another process moving it makes them stale. */
  let knownSeq: number | undefined;
  const cursorNow = async () => Number((await store.state('feed'))?.last_seq ?? 0);
  const dropIfStale = async () => {
    const cursor = await cursorNow();
    if (knownSeq !== undefined && cursor !== knownSeq) engines.clear();
    knownSeq = cursor;
    return cursor;
  };
  let profiles = new Map<string, ResourceProfile>();
  let dateItems = new Map<string, string[]>();

  async function loadProfiles(): Promise<void> {
    profiles = new Map((await catalog.published()).map((r) => [r.code, profileResource({
      code: r.code, name: r.name, departmentId: r.provider.departmentId, departmentCode: r.provider.departmentCode, departmentName: r.provider.departmentName,
      items: r.items.map((i) => ({ name: i.name, element: i.element?.name ?? findElement(i.name)?.name ?? null, isKey: i.isKey })),
    })]));
    dateItems = new Map([...profiles].map(([code, p]) => [code, dateItemsOf(p)]));
  }

  async function restore(kind: RegistryKind, params: LinkageParams, nextEntity: number): Promise<RegistryEngine> {
    const model = REGISTRY_MODELS[kind];
    const rows = await store.allMentions(kind);
    const live = new Set<string>();
    const records = rows.map((r) => {
      const m = rowMention(r);
      live.add(m.ref);
      return { ...engineRecord(model, m), entityId: r.entity_id };
    });
    const decisions = (await store.decisions(kind)).filter((d) => live.has(d.a) && live.has(d.b)).map((d) => ({ a: d.a, b: d.b, decision: d.decision as 'match' | 'non_match' }));
    return RegistryEngine.open(model, params, { records, decisions, nextEntity }, opts);
  }

  async function retrain(kind: RegistryKind, extra: readonly MentionRecord[]): Promise<LinkageParams> {
    const model = REGISTRY_MODELS[kind];
    const byRef = new Map((await store.allMentions(kind)).map((r) => [`${r.resource_code}\u0001${r.record_key}\u0001${r.role}`, rowMention(r)]));
    for (const m of extra) byRef.set(m.ref, m);
    const ls = createStore(model.fields, { chinese: await loadChineseTools() });
    for (const m of byRef.values()) {
      const { values } = engineRecord(model, m);
      ls.add(m.ref, (c) => values[c as keyof typeof values]);
    }
    return trainRegistryModel(model, ls, { compared: compareAll(ls) });
  }

  /** Reads the pending changes, keeping the latest per record. */
  async function readChanges(from: number, progress: Progress): Promise<{ changes: FeedChange[]; to: number; count: number }> {
    const latest = await feed.latestChangeSeq();
    const byRecord = new Map<string, FeedChange>();
    let seq = from;
    let count = 0;
    while (seq < latest) {
      const page = await feed.changesSince(seq, opts.pageSize);
      if (page.length === 0) break;
      for (const c of page) byRecord.set(`${c.resourceCode}\u0001${c.key}`, c);
      seq = page[page.length - 1]!.seq;
      count += page.length;
      progress('读取变更 / reading changes', count, latest - from);
    }
    return { changes: [...byRecord.values()], to: seq, count };
  }

  /** Sorts the changed records' mentions into new/changed, data-only and removed, per registry. */
  async function plan(changes: readonly FeedChange[]): Promise<Record<RegistryKind, Work>> {
    const work = Object.fromEntries(REGISTRY_KINDS.map((k) => [k, { link: [], refresh: [], removed: [] }])) as unknown as Record<RegistryKind, Work>;
    const stored = new Map<string, ReturnType<typeof rowMention>[]>();
    for (const row of await store.mentionsOfRecords(changes.map((c) => ({ resource_code: c.resourceCode, record_key: c.key })))) {
      const id = `${row.resource_code}\u0001${row.record_key}`;
      stored.set(id, [...(stored.get(id) ?? []), rowMention(row)]);
    }
    for (const c of changes) {
      const profile = profiles.get(c.resourceCode);
      const fresh = c.op === 'delete' || !profile || !c.data ? [] : mentionsOf(profile, { resourceCode: c.resourceCode, recordKey: c.key, version: c.version, batchId: c.batchId, at: c.at, data: c.data }, dateItems.get(c.resourceCode));
      const old = new Map((stored.get(`${c.resourceCode}\u0001${c.key}`) ?? []).map((m) => [m.ref, m]));
      for (const m of fresh) {
        const before = old.get(m.ref);
        old.delete(m.ref);
        if (before && before.kind !== m.kind) work[before.kind].removed.push(before.ref);
        const same = before && before.kind === m.kind && JSON.stringify(engineRecord(REGISTRY_MODELS[m.kind], before)) === JSON.stringify(engineRecord(REGISTRY_MODELS[m.kind], m));
        work[m.kind][same ? 'refresh' : 'link'].push(m);
      }
      for (const gone of old.values()) work[gone.kind].removed.push(gone.ref);
    }
    return work;
  }

  async function processKind(kind: RegistryKind, w: Work, policy: RegistryPolicy, progress: Progress): Promise<KindOutcome | undefined> {
    if (w.link.length + w.refresh.length + w.removed.length === 0) return undefined;
    const model = REGISTRY_MODELS[kind];
    const state = await store.state(kind);
    const storedEntity = new Map<string, string>();
    const load = async (refs: readonly string[]) => {
      const wanted = new Set(refs);
      const rows = await store.mentionsOfRecords(refs.map((r) => {
        const { resourceCode, recordKey } = splitRef(r);
        return { resource_code: resourceCode, record_key: recordKey };
      }));
      const out = new Map<string, MentionRecord>();
      for (const row of rows) {
        const m = rowMention(row);
        if (!wanted.has(m.ref)) continue;
        out.set(m.ref, m);
        storedEntity.set(m.ref, row.entity_id);
      }
      return out;
    };
    let params: LinkageParams;
    let trainedSize = state?.trained_size ?? 0;
    let outcome: KindOutcome;
    let engine = engines.get(kind);
    if (!state?.params) {
      if (w.link.length === 0) return undefined;
      progress(`${kind} 首次关联 / first load`, w.link.length);
      const first = await bulkMentions(model, w.link, policy, opts);
      ({ engine, params, outcome } = first);
      trainedSize = w.link.length;
    } else {
      params = JSON.parse(state.params) as LinkageParams;
      const size = engine?.size ?? (await store.countMentions(kind));
      if (size + w.link.length >= 2 * trainedSize && trainedSize < opts.retrainUntil && w.link.length > 0) {
        progress(`${kind} 重新训练模型 / retraining`, size + w.link.length);
        params = await retrain(kind, w.link);
        trainedSize = size + w.link.length;
        engine = undefined;
      }
      engine ??= await restore(kind, params, Number(state.next_entity));
      progress(`${kind} 增量关联 / linking`, w.link.length);
      outcome = await applyMentions(engine, w, load, policy);
    }
    engines.set(kind, engine);
    progress(`${kind} 保存 / saving`, outcome.entities.size);
    await persistOutcome(store, { kind, outcome, work: w, storedEntity, engine, params, trainedSize, at: clock.now().toISOString() });
    return outcome;
  }

  return {
    /** Processes every pending change; one run at a time. */
    async run(progress: Progress = () => {}): Promise<SyncReport> {
      const now = clock.now();
      if (!(await store.acquireLease(holder, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString()))) {
        throw conflict('另一进程正在同步基础库，请稍后再试 / another process is syncing the registries; try again later');
      }
      try {
        const report = await runLocked(progress);
        knownSeq = report.toSeq;
        return report;
      } catch (error) {
        // The linkers may hold what the store does not: rebuild them next time.
        engines.clear();
        knownSeq = undefined;
        throw error;
      } finally {
        await store.releaseLease(holder, clock.now().toISOString());
      }
    },

    /** The live engine of a registry (restored from the store on first use, or after another process synced). */
    async engine(kind: RegistryKind): Promise<RegistryEngine | undefined> {
      await dropIfStale();
      const cached = engines.get(kind);
      if (cached) return cached;
      const state = await store.state(kind);
      if (!state?.params) return undefined;
      const engine = await restore(kind, JSON.parse(state.params) as LinkageParams, Number(state.next_entity));
      engines.set(kind, engine);
      return engine;
    },

    async policy(): Promise<RegistryPolicy> {
      if (profiles.size === 0) await loadProfiles();
      return policyFrom(await catalog.authorities(), profiles.values());
    },
  };

  async function runLocked(progress: Progress): Promise<SyncReport> {
    const started = performance.now();
    useChineseTools(await loadChineseTools());
    const cursor = await dropIfStale();
    const { changes, to, count } = await readChanges(cursor, progress);
    const empty = { person: 0, business: 0, house: 0 };
    if (count === 0) {
      return { fromSeq: cursor, toSeq: cursor, changes: 0, mentions: empty, entitiesTouched: 0, created: 0, merged: 0, split: 0, reviewQueued: 0, discrepancies: 0, objectionsRaised: 0, objectionsFailed: 0, ms: performance.now() - started };
    }
    await loadProfiles();
    const policy = policyFrom(await catalog.authorities(), profiles.values());
    const stored = await store.state('aliases');
    useVillageAliases(new Map(stored?.params ? (JSON.parse(stored.params) as Array<[string, string]>) : []));
    const work = await plan(changes);
    const outcomes: KindOutcome[] = [];
    for (const kind of REGISTRY_KINDS) {
      const o = await processKind(kind, work[kind], policy, progress);
      if (o) outcomes.push(o);
    }
    const at = clock.now().toISOString();
    await store.saveState({ kind: 'aliases', params: JSON.stringify([...currentVillageAliases()]), trained_size: 0, next_entity: 0, last_seq: 0, updated_at: at });
    await store.saveState({ kind: 'feed', params: null, trained_size: 0, next_entity: 0, last_seq: to, updated_at: at });
    const raised = deps.objections ? await raiseObjections(store, deps.objections, outcomes, at, progress) : { raised: 0, failed: 0 };
    const events = outcomes.flatMap((o) => o.events);
    return {
      fromSeq: cursor, toSeq: to, changes: count,
      mentions: { person: work.person.link.length + work.person.refresh.length, business: work.business.link.length + work.business.refresh.length, house: work.house.link.length + work.house.refresh.length },
      entitiesTouched: outcomes.reduce((n, o) => n + o.entities.size, 0),
      created: events.filter((e) => e.type === 'created').length,
      merged: events.filter((e) => e.type === 'merged').length,
      split: events.filter((e) => e.type === 'split').length,
      reviewQueued: outcomes.reduce((n, o) => n + o.uncertain.length, 0),
      discrepancies: outcomes.reduce((n, o) => n + [...o.entities.values()].reduce((k, e) => k + e.discrepancies.length, 0), 0),
      objectionsRaised: raised.raised, objectionsFailed: raised.failed,
      ms: performance.now() - started,
    };
  }
}

export type Sync = ReturnType<typeof createSync>;

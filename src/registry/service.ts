/**
 * 基础库 (base registries): 人口库, 法人库 and 房屋库 built from the aggregated department records.
 * Follows the change log (after every committed batch, and by polling), links records into
 * entities with stable ids, keeps a golden record per entity with provenance on every field,
 * records contradictions between departments and raises objections on them, and lets reviewers
 * decide uncertain pairs.
 *
 * @example
 * const registry = createRegistryService({ store: createRegistryStore(db), clock, catalog, identity, feed: ingest, objections: ingestObjections(ingest) });
 * await registry.sync();
 * const hits = await registry.search('person', '371321199003071234', actor, { limit: 20, offset: 0 });
 * const view = await registry.entity('person', hits.items[0].id, actor);
 */
import type { Principal } from '../identity/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { conflict, notFound } from '../shared/errors.ts';
import type { RegistryKind } from './fields.ts';
import type { ChangeFeed, ObjectionSink } from './feed.ts';
import { outcomeFor } from './pipeline.ts';
import { persistOutcome, raiseObjections } from './persist.ts';
import { rowMention } from './rows.ts';
import type { DiscrepancyFilter, RegistryStore } from './store.ts';
import { createSync, type CatalogPort, type Progress, type SyncOptions, type SyncReport } from './sync.ts';
import { createViews, type Names } from './views.ts';

export interface RegistryDeps {
  readonly store: RegistryStore;
  readonly clock: Clock;
  readonly catalog: CatalogPort;
  readonly identity: { listDepartments(): Promise<ReadonlyArray<{ code: string; name: string }>> };
  /** The aggregation change log; without one the registries stay empty. */
  readonly feed?: ChangeFeed | undefined;
  readonly objections?: ObjectionSink | undefined;
  readonly options?: SyncOptions & { readonly debounceMs?: number; readonly pollMs?: number };
  readonly log?: ((message: string, error?: unknown) => void) | undefined;
}

export type RegistryService = ReturnType<typeof createRegistryService>;

export function createRegistryService(deps: RegistryDeps) {
  const { store, clock, catalog } = deps;
  const sync = deps.feed ? createSync({ store, clock, catalog, feed: deps.feed, objections: deps.objections, options: deps.options }) : undefined;
  let queue: Promise<unknown> = Promise.resolve();
  /** One sync or decision at a time: they share the in-memory linkers. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => {});
    return next;
  };

  let names: { at: number; value: Names } | undefined;
  const loadNames = async (): Promise<Names> => {
    if (names && Date.now() - names.at < 60_000) return names.value;
    const depts = new Map((await deps.identity.listDepartments()).map((d) => [d.code, d.name]));
    const resources = new Map((await catalog.published()).map((r) => [r.code, r.name]));
    const value: Names = { department: (c) => depts.get(c) ?? c, resource: (c) => resources.get(c) ?? c };
    names = { at: Date.now(), value };
    return value;
  };
  const views = createViews({ store, feed: deps.feed, names: loadNames });

  let pending: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      void service.sync().catch((error) => deps.log?.('registry sync failed', error));
    }, deps.options?.debounceMs ?? 2000);
  };

  const service = {
    /** Links everything the change log holds since the last run. */
    sync(progress?: Progress): Promise<SyncReport> {
      if (!sync) throw conflict('未接入数据归集，基础库无数据来源 / no aggregation change log to follow');
      return serial(() => sync.run(progress));
    },

    /** Runs a sync shortly after each committed batch and every few minutes; returns a stop function. */
    subscribe(): () => void {
      if (!deps.feed) return () => {};
      const off = deps.feed.onChanges?.(() => schedule()) ?? (() => {});
      const timer = setInterval(schedule, deps.options?.pollMs ?? 5 * 60_000);
      timer.unref?.();
      return () => {
        off();
        clearInterval(timer);
        if (pending) clearTimeout(pending);
      };
    },

    search: (kind: RegistryKind, q: string, actor: Principal, page: { limit: number; offset: number }) => views.search(kind, q, actor, page),
    entity: (kind: RegistryKind, id: string, actor: Principal) => views.entity(kind, id, actor),
    household: (no: string, actor: Principal) => views.household(no, actor),

    async reviewQueue(filter: { kind?: RegistryKind | undefined; status?: string | undefined; limit: number; offset: number }) {
      const { total, rows } = await store.reviews({ kind: filter.kind, status: filter.status ?? 'open', limit: filter.limit, offset: filter.offset });
      const items = [];
      for (const row of rows) {
        const engine = await sync?.engine(row.kind as RegistryKind);
        const live = engine?.has(row.a) && engine.has(row.b);
        items.push(await views.review(row, live && engine ? engine.explain(row.a, row.b) : null));
      }
      return { total, items };
    },

    /** A reviewer's decision: remembered, applied to the entities now and to every later batch. */
    decide(pairId: string, decision: 'match' | 'non_match', actor: Principal) {
      return serial(async () => {
        const row = await store.review(pairId);
        if (!row) throw notFound(`待核对记录对 ${pairId} 不存在 / review pair not found`);
        const kind = row.kind as RegistryKind;
        const engine = await sync?.engine(kind);
        if (!engine || !engine.has(row.a) || !engine.has(row.b)) {
          await store.closeReview(row.id, { status: 'obsolete', decision: null, decided_by: null, decided_by_name: null, decided_at: null });
          throw conflict('记录已删除或变更，无需核对 / a record of this pair is gone; nothing to decide');
        }
        const result = engine.decide(row.a, row.b, decision);
        const at = clock.now().toISOString();
        const storedEntity = new Map<string, string>();
        const rows = await store.mentionsOfEntities([...result.touched]);
        const byRef = new Map(rows.map((r) => {
          const m = rowMention(r);
          storedEntity.set(m.ref, r.entity_id);
          return [m.ref, m];
        }));
        const assignments = new Map<string, string>();
        for (const e of result.touched) for (const ref of engine.members(e)) assignments.set(ref, e);
        const policy = await sync!.policy();
        const outcome = await outcomeFor(engine, result.touched, [], async (refs) => new Map(refs.flatMap((r) => (byRef.has(r) ? [[r, byRef.get(r)!] as const] : []))), policy, {
          kind, assignments, events: result.events, uncertain: [], ruleDecisions: [],
        });
        const state = await store.state(kind);
        await persistOutcome(store, {
          kind, outcome, work: { link: [], refresh: [], removed: [] }, storedEntity, engine, params: JSON.parse(state!.params!), trainedSize: Number(state!.trained_size), at,
        });
        const ordered = (d: { a: string; b: string }) => (d.a < d.b ? [d.a, d.b] : [d.b, d.a]) as [string, string];
        await store.saveDecisions([{ a: row.a, b: row.b }, ...result.implied].map((d) => {
          const [a, b] = ordered(d);
          return { kind, a, b, decision, origin: 'review', actor: actor.id, at };
        }));
        await store.closeReview(row.id, { status: 'decided', decision, decided_by: actor.id, decided_by_name: actor.name, decided_at: at });
        await store.insertEvents([...result.touched].map((e) => ({ kind, entity_id: e, type: 'decision', from_ids: '[]', refs: JSON.stringify([row.a, row.b]), actor: actor.id, at })));
        if (deps.objections) await raiseObjections(store, deps.objections, [outcome], at, () => {});
        const after = await store.review(row.id);
        return views.review(after!, engine.explain(row.a, row.b));
      });
    },

    discrepancies: (filter: DiscrepancyFilter) => views.discrepancies(filter),

    async status() {
      const counts = await store.counts();
      const feedState = await store.state('feed');
      const summary = await store.discrepancySummary();
      const open = await store.reviews({ status: 'open', limit: 1, offset: 0 });
      return {
        lastSeq: Number(feedState?.last_seq ?? 0),
        latestSeq: deps.feed ? await deps.feed.latestChangeSeq() : null,
        entities: counts.map((c) => ({ kind: c.kind, status: c.status, count: Number(c.n) })),
        openReview: open.total,
        openDiscrepancies: summary.map((s) => ({ kind: s.kind, type: s.type, field: s.field, count: Number(s.n) })),
        objectionsRaised: await store.countObjections(),
      };
    },

    /** Mentions of an aggregated record, for other modules (exchange, tracker) to find its entity. */
    async entityOfRecord(resourceCode: string, key: string): Promise<Array<{ role: string; kind: string; entityId: string }>> {
      return (await store.mentionsOfRecords([{ resource_code: resourceCode, record_key: key }])).map((m) => ({ role: m.role, kind: m.kind, entityId: m.entity_id }));
    },
  };
  return service;
}

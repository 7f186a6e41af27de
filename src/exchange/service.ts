import type { Principal } from '../identity/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { forbidden, invalidInput, notFound } from '../shared/errors.ts';
import { localDate } from '../calendar/index.ts';
import { createApplications } from './applications.ts';
import type { AuditSink, HoldSink } from './audit-port.ts';
import { createCalls, type CallContext, type CallRequest } from './calls.ts';
import { createDepartmentNames, type DepartmentLister } from './directory.ts';
import { createGrantCache } from './grant-cache.ts';
import { createGrantOps, isAdmin, type CatalogReader } from './grants.ts';
import { createLimits } from './limits.ts';
import type { ResourceMeta } from './model.ts';
import { createMonitor, summarize, type Histogram } from './monitor.ts';
import { createResourceDirectory, type PublishedCatalog } from './resources.ts';
import { createSettings } from './settings.ts';
import { createSourceRegistry } from './sources.ts';
import type { ExchangeStore } from './store.ts';
import { createChangeSubscriptions } from './subscriptions.ts';
import { createNatsPublisher } from './nats.ts';

export interface ExchangeServiceDeps {
  readonly store: ExchangeStore;
  readonly clock: Clock;
  readonly catalog: CatalogReader & PublishedCatalog;
  readonly identity: DepartmentLister;
  readonly calendar: { deadlineAfter(workingDays: number): Promise<string> };
  readonly audit: AuditSink;
  /** Where lookups and verifications append their entries, when not `audit` (the server's writer thread). */
  readonly callAudit?: AuditSink | undefined;
  readonly holds?: HoldSink | undefined;
  /** Source used for resources with no explicit binding (the aggregated department records). */
  readonly defaultSource?: string;
  /** When set, change deliveries are also published to NATS JetStream. */
  readonly natsUrl?: string | undefined;
}

const POLL_MS = 2000;
const FLUSH_MS = 5000;
const DELIVERY_POLL_MS = 1000;

/**
 * Governed data exchange: grants (无条件共享 subscriptions, 有条件共享 applications), authorised lookups and
 * verifications bound to a purpose and limited to granted items, quotas, monitoring. Every call and grant
 * decision is appended to the audit log.
 *
 * @example
 * const exchange = createExchangeService({ store, clock, catalog, identity, calendar, audit });
 * const grant = await exchange.grants.subscribe(officer, { resource: '101001/000001', purpose: '户籍核验' });
 * const r = await exchange.lookup({ principal: systemKey, requestId }, { resourceCode: '101001/000001', keys: [id], purpose: '户籍核验' });
 */
export function createExchangeService(deps: ExchangeServiceDeps) {
  const { store, clock } = deps;
  const grants = createGrantCache();
  const limits = createLimits();
  const monitor = createMonitor();
  const resources = createResourceDirectory(deps.catalog);
  const settings = createSettings(store);
  const sources = createSourceRegistry();
  const departments = createDepartmentNames(deps.identity);
  let bindings = new Map<string, string>();
  const defaultSource = deps.defaultSource ?? 'records';
  // Bumped on every in-process grant write, so a reload that raced with one is discarded.
  let generation = 0;
  let grantsStamp = '';
  let ready: Promise<void> | undefined;
  const timers: NodeJS.Timeout[] = [];

  const cache = { ...grants, put: (row: Parameters<typeof grants.put>[0]) => { generation++; return grants.put(row); } };

  async function reloadGrants(): Promise<void> {
    const before = generation;
    const stamp = await store.grantsStamp();
    if (stamp === grantsStamp) return;
    const rows = await store.allGrants();
    if (generation !== before) return;
    grants.replaceAll(rows);
    grantsStamp = stamp;
  }

  let loaded = false;
  function init(): Promise<void> {
    ready ??= (async () => {
      await Promise.all([reloadGrants(), settings.load(), resources.reload(), (async () => {
        bindings = new Map((await store.allBindings()).map((b) => [b.resource_id, b.source]));
      })(), (async () => limits.load(await store.usageOf(localDate(clock.now()))))()]);
      loaded = true;
    })();
    return ready;
  }

  const sourceFor = (resource: ResourceMeta) => sources.get(bindings.get(resource.id) ?? defaultSource);
  const calls = createCalls({ clock, audit: deps.callAudit ?? deps.audit, resources, grants: cache, limits, monitor, sourceFor, holds: deps.holds });
  const manage = { store, clock, catalog: deps.catalog, audit: deps.audit, grants: cache, resources, departments, settings };
  const ops = createGrantOps(manage);
  const applications = createApplications({ ...manage, ops, deadlineAfter: (n) => deps.calendar.deadlineAfter(n) });

  const changes = createChangeSubscriptions({ store, clock, audit: deps.audit, grants: cache, resources, departments, publisher: deps.natsUrl ? createNatsPublisher(deps.natsUrl) : undefined });

  async function flush(): Promise<void> {
    await store.saveUsage(limits.drainDirty());
    await store.mergeStats(monitor.drain());
  }

  /** Wraps async methods so that they first wait for the initial load. */
  function afterInit<T extends Record<string, (...args: any[]) => Promise<unknown>>>(o: T): T {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = async (...args: unknown[]) => (await init(), v.apply(o, args));
    return out as T;
  }

  return {
    ready: init,
    sources,
    resources,
    departments,
    flush,

    // The hot path: no extra await once the initial load is done.
    lookup(ctx: CallContext, req: CallRequest & { keys: readonly unknown[] }) {
      return loaded ? calls.lookup(ctx, req) : init().then(() => calls.lookup(ctx, req));
    },
    async verify(ctx: CallContext, req: CallRequest & { checks: unknown }) {
      await init();
      return calls.verify(ctx, req);
    },

    grants: afterInit({ subscribe: ops.subscribe, revoke: ops.revoke, list: ops.list, get: ops.get }),
    applications: afterInit(applications),
    changes: { ...changes, ...afterInit({ create: changes.create, list: changes.list, disable: changes.disable, deliveries: changes.deliveries, stream: changes.stream, runOnce: changes.runOnce, sendDue: changes.sendDue }) },

    settings: {
      get: async () => (await init(), settings.get()),
      async update(p: Principal, patch: Record<string, unknown>, requestId: string | null = null) {
        await init();
        if (!isAdmin(p)) throw forbidden('只有数据主管部门可以修改 / only the platform admin');
        const next = await settings.update(patch, p.id, clock.now().toISOString());
        await ops.record(p, 'exchange.settings', 'settings', { decision: 'allowed', reason: null }, { requestId, details: { ...(patch as Record<string, number>) } });
        return next;
      },
    },

    async listSources() {
      await init();
      return { sources: sources.list(), defaultSource, bindings: [...bindings].map(([resourceId, source]) => ({ resourceId, resourceCode: resources.byId(resourceId)?.code ?? null, source })) };
    },

    /** Serves a catalog resource from a named source (a base registry, the tracker) instead of the records. */
    async bindSource(p: Principal, resourceCode: string, source: string, requestId: string | null = null) {
      await init();
      if (!isAdmin(p)) throw forbidden('只有数据主管部门可以绑定数据源 / only the platform admin');
      if (!sources.get(source)) throw invalidInput(`未知数据源 ${source} / unknown source`, [{ path: '/source', message: sources.list().map((s) => s.name).join(', ') }]);
      const resource = resources.peek(resourceCode) ?? (await resources.reload(), resources.peek(resourceCode));
      if (!resource) throw notFound(`信息资源 ${resourceCode} 未发布 / not published`);
      await store.putBinding({ resource_id: resource.id, resource_code: resource.code, source, bound_by: p.id, bound_at: clock.now().toISOString() });
      bindings.set(resource.id, source);
      await ops.record(p, 'exchange.bind_source', resource.code, { decision: 'allowed', reason: null }, { requestId, details: { source } });
      return { resourceCode: resource.code, source };
    },

    /** Calls, failures and latency percentiles per grant and per department (own department unless admin/auditor). */
    async stats(p: Principal, f: { grantId?: string | undefined; departmentCode?: string | undefined; from?: string | undefined; to?: string | undefined }) {
      await init();
      await flush();
      const seeAll = isAdmin(p) || p.roles.includes('auditor');
      let departmentId = f.departmentCode ? (await departments.byCode(f.departmentCode))?.id ?? '-' : undefined;
      if (!seeAll) {
        if (departmentId && departmentId !== p.departmentId) throw forbidden('只能查看本部门的统计 / only your own department');
        departmentId = p.departmentId ?? '-';
      }
      const rows = (await store.listStats({ grantId: f.grantId, departmentId, from: f.from, to: f.to })).map((r) => ({ ...r, calls: Number(r.calls), failures: Number(r.failures), latency: JSON.parse(r.latency) as Histogram }));
      const group = (keyOf: (r: (typeof rows)[number]) => string) => {
        const m = new Map<string, typeof rows>();
        for (const r of rows) m.set(keyOf(r), [...(m.get(keyOf(r)) ?? []), r]);
        return m;
      };
      const byGrant = await Promise.all([...group((r) => `${r.grant_id}|${r.resource_id}|${r.consumer_department_id}`)].map(async ([, rs]) => {
        const r = rs[0]!;
        return { grantId: r.grant_id || null, resourceCode: resources.byId(r.resource_id)?.code ?? null, consumer: await departments.ref(r.consumer_department_id), provider: await departments.ref(r.provider_department_id), ...summarize(rs) };
      }));
      const byDepartment: Array<Record<string, unknown>> = [];
      for (const [role, key] of [['consumer', 'consumer_department_id'], ['provider', 'provider_department_id']] as const) {
        for (const [id, rs] of group((r) => r[key])) {
          if (!seeAll && id !== p.departmentId) continue;
          byDepartment.push({ department: await departments.ref(id), role, ...summarize(rs) });
        }
      }
      return { total: summarize(rows), byGrant, byDepartment };
    },

    /** Starts the pollers (grant changes from other processes, catalog changes) and the periodic flush. */
    start() {
      if (timers.length > 0) return;
      timers.push(setInterval(() => void reloadGrants().catch(() => {}), POLL_MS));
      timers.push(setInterval(() => void resources.reload().catch(() => {}), POLL_MS * 2));
      timers.push(setInterval(() => void flush().catch(() => {}), FLUSH_MS));
      const deliver = () => {
        if (changes.hasFeed()) void init().then(() => changes.runOnce()).then(() => changes.sendDue()).catch(() => {});
      };
      changes.listen(deliver);
      timers.push(setInterval(deliver, DELIVERY_POLL_MS));
      for (const t of timers) t.unref();
    },

    async stop() {
      for (const t of timers.splice(0)) clearInterval(t);
      await changes.close().catch(() => {});
      if (ready) await flush().catch(() => {});
    },
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;

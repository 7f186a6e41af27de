import type { JsonValue } from '../audit/index.ts';
import type { Principal } from '../identity/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { actorOf, type AuditSink } from './audit-port.ts';
import type { DepartmentNames } from './directory.ts';
import type { GrantCache } from './grant-cache.ts';
import { grantView, MODES, normalisePurpose, type Grant, type Mode } from './model.ts';
import type { ResourceDirectory } from './resources.ts';
import type { Settings } from './settings.ts';
import type { ExchangeStore } from './store.ts';
import type { GrantRow } from './tables.ts';

/** The catalog calls grant management makes (the catalog service fits). */
export interface CatalogReader {
  get(code: string, actor: Principal): Promise<{ id: string; code: string; name: string; status: string; provider: { departmentId: string; departmentCode: string }; sharing: { type: string; basis: string | null; condition: string | null }; items: ReadonlyArray<{ name: string }> }>;
}

export interface ManageDeps {
  readonly store: ExchangeStore;
  readonly clock: Clock;
  readonly catalog: CatalogReader;
  readonly audit: AuditSink;
  readonly grants: GrantCache;
  readonly resources: ResourceDirectory;
  readonly departments: DepartmentNames;
  readonly settings: Settings;
}

export const isAdmin = (p: Principal) => p.roles.includes('platform_admin');

export function needDepartment(p: Principal): string {
  if (!p.departmentId) throw forbidden('须以部门身份操作 / act for a department');
  return p.departmentId;
}

/** Common validation of requested items, purpose, mode and duration; returns every problem at once. */
export function checkTerms(input: { items?: unknown; purpose?: unknown; mode?: unknown; durationDays?: unknown }, resourceItems: readonly string[], maxDays: number, opts: { itemsRequired: boolean }): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (typeof input.purpose !== 'string' || !input.purpose.trim() || input.purpose.length > 200) p.push({ path: '/purpose', message: '须填写用途（事由），至多 200 字 / purpose required, at most 200 characters' });
  if (input.items !== undefined || opts.itemsRequired) {
    if (!Array.isArray(input.items) || input.items.length === 0) p.push({ path: '/items', message: '须列出所需信息项 / list the items needed' });
    else {
      const list = input.items as unknown[];
      list.forEach((item, i) => {
        if (typeof item !== 'string' || !resourceItems.includes(item)) p.push({ path: `/items/${i}`, message: `资源没有信息项 ${String(item)} / no such item` });
        else if (list.indexOf(item) !== i) p.push({ path: `/items/${i}`, message: '重复 / duplicate' });
      });
    }
  }
  if (input.mode !== undefined && !MODES.includes(input.mode as Mode)) p.push({ path: '/mode', message: 'lookup 或 verify / lookup or verify' });
  if (input.durationDays !== undefined && (!Number.isInteger(input.durationDays) || (input.durationDays as number) < 1 || (input.durationDays as number) > maxDays)) {
    p.push({ path: '/durationDays', message: `应为 1–${maxDays} 天 / 1 to ${maxDays} days` });
  }
  return p;
}

export function createGrantOps(deps: ManageDeps) {
  const { store, clock, audit, grants, departments } = deps;
  const nowIso = () => clock.now().toISOString();

  async function record(p: Principal, action: string, resourceCode: string, outcome: { decision: 'allowed' | 'refused'; reason: string | null }, more: { purpose?: string | null; items?: readonly string[]; details?: Record<string, JsonValue>; requestId?: string | null }) {
    return (await audit.appendEntry({ actor: actorOf(p), action, resource: `resource:${resourceCode}`, purpose: more.purpose ?? null, items: more.items ?? [], outcome, requestId: more.requestId ?? null, details: more.details ?? {} })).index;
  }

  async function view(g: Grant) {
    const [provider, consumer] = await Promise.all([departments.ref(g.providerDepartmentId), departments.ref(g.consumerDepartmentId)]);
    return { ...grantView(g, clock.now().getTime()), provider, consumer, resourceName: deps.resources.byId(g.resourceId)?.name ?? null };
  }

  /** Writes a new grant and puts it in the cache before returning, so it works for the next call. */
  async function issue(row: Omit<GrantRow, 'id' | 'status' | 'revoked_at' | 'revoked_by' | 'revoke_reason' | 'created_at' | 'updated_at'>): Promise<Grant> {
    const at = nowIso();
    const full: GrantRow = { ...row, id: newId(), status: 'active', revoked_at: null, revoked_by: null, revoke_reason: null, created_at: at, updated_at: at };
    await store.insertGrant(full);
    // A resource published moments ago may not be in the directory yet: the grant must work for the next call.
    if (!deps.resources.peek(full.resource_code)) await deps.resources.reload();
    return grants.put(full);
  }

  return {
    record,
    view,
    issue,

    /** 无条件共享: subscribe and get a grant at once (still item-level, purpose-bound, time-bounded, audited). */
    async subscribe(p: Principal, input: { resource: string; items?: string[] | undefined; purpose: string; durationDays?: number | undefined; requestId?: string | null }) {
      const consumer = needDepartment(p);
      const resource = await deps.catalog.get(input.resource, p);
      if (resource.status !== 'published') throw notFound(`信息资源 ${input.resource} 未发布 / not published`);
      if (resource.sharing.type !== '无条件共享') {
        const notShared = resource.sharing.type === '不予共享';
        const reason = notShared ? `不予共享，依据：${resource.sharing.basis ?? ''} / not shared` : '有条件共享资源须提出申请 / conditional sharing needs an application';
        const index = await record(p, 'grant.subscribe', resource.code, { decision: 'refused', reason }, { purpose: input.purpose ?? null, details: { reason: notShared ? 'not_shared' : 'needs_application', provider: resource.provider.departmentCode }, requestId: input.requestId ?? null });
        throw new AppError(notShared ? 'forbidden' : 'conflict', reason, [], { reason: notShared ? 'not_shared' : 'needs_application', basis: resource.sharing.basis, auditIndex: index });
      }
      const settings = deps.settings.get();
      const problems = checkTerms(input, resource.items.map((i) => i.name), settings.maxGrantDays, { itemsRequired: false });
      if (problems.length) throw invalidInput('订阅信息有误 / invalid subscription', problems);
      const now = clock.now();
      const items = input.items ?? resource.items.map((i) => i.name);
      const grant = await issue({
        resource_id: resource.id, resource_code: resource.code, provider_department_id: resource.provider.departmentId, consumer_department_id: consumer,
        kind: 'subscription', application_id: null, mode: 'lookup', items: JSON.stringify(items), purposes: JSON.stringify([normalisePurpose(input.purpose)]),
        basis: resource.sharing.basis, valid_from: now.toISOString(), valid_until: new Date(now.getTime() + (input.durationDays ?? settings.subscriptionDays) * 86_400_000).toISOString(),
        rate_per_second: null, quota_per_day: null, created_by: p.id,
      });
      const auditIndex = await record(p, 'grant.subscribe', resource.code, { decision: 'allowed', reason: null }, { purpose: grant.purposes[0]!, items, details: { grant: grant.id, provider: resource.provider.departmentCode, validUntil: grant.row.valid_until }, requestId: input.requestId ?? null });
      return { ...(await view(grant)), auditIndex };
    },

    /** Revocation by the provider, the consumer (giving it up) or the platform admin; effective for the next call. */
    async revoke(p: Principal, grantId: string, reason: string, requestId: string | null = null) {
      const g = grants.get(grantId);
      if (!g) throw notFound('授权不存在 / grant not found');
      if (!isAdmin(p) && p.departmentId !== g.providerDepartmentId && p.departmentId !== g.consumerDepartmentId) throw forbidden('只有提供方、使用方或管理员可以撤销 / only the provider, the consumer or the admin');
      if (!reason?.trim()) throw invalidInput('撤销须说明理由 / a revocation needs a reason', [{ path: '/reason', message: '必填 required' }]);
      if (g.status === 'revoked') throw new AppError('conflict', '授权已撤销 / already revoked');
      const at = nowIso();
      const patch = { status: 'revoked', revoked_at: at, revoked_by: p.id, revoke_reason: reason.trim(), updated_at: at };
      await store.updateGrant(g.id, patch);
      const updated = grants.put({ ...g.row, ...patch });
      const auditIndex = await record(p, 'grant.revoke', g.resourceCode, { decision: 'allowed', reason: reason.trim() }, { items: g.items, details: { grant: g.id, consumer: (await departments.ref(g.consumerDepartmentId)).code }, requestId });
      return { ...(await view(updated)), auditIndex };
    },

    /** Grants where the caller's department is consumer, provider or either ('both'); 'all' is the admin's view. */
    async list(p: Principal, side: 'consumer' | 'provider' | 'both' | 'all') {
      const dept = p.departmentId;
      const all = grants.all().filter((g) => (side === 'all' && (isAdmin(p) || p.roles.includes('auditor'))) || (side !== 'provider' && g.consumerDepartmentId === dept) || (side !== 'consumer' && g.providerDepartmentId === dept));
      all.sort((a, b) => (a.row.created_at < b.row.created_at ? 1 : -1));
      return Promise.all(all.map(view));
    },

    async get(p: Principal, grantId: string) {
      const g = grants.get(grantId);
      const party = g && (isAdmin(p) || p.roles.includes('auditor') || p.departmentId === g.providerDepartmentId || p.departmentId === g.consumerDepartmentId);
      if (!g || !party) throw notFound('授权不存在 / grant not found');
      return view(g);
    },
  };
}

export type GrantOps = ReturnType<typeof createGrantOps>;

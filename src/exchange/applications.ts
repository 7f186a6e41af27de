import type { Principal } from '../identity/principal.ts';
import { AppError, conflict, forbidden, invalidInput, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { checkTerms, isAdmin, needDepartment, type GrantOps, type ManageDeps } from './grants.ts';
import { normalisePurpose } from './model.ts';
import type { ApplicationRow } from './tables.ts';

export interface ApplicationInput {
  resource: string;
  purpose: string;
  basis: string;
  items: string[];
  mode?: 'lookup' | 'verify' | undefined;
  durationDays: number;
  expectedVolume: number;
}

export interface DecisionInput {
  approve: boolean;
  reason?: string | undefined;
  /** Approved items: the requested ones or fewer. */
  items?: string[] | undefined;
  durationDays?: number | undefined;
  quotaPerDay?: number | null | undefined;
  ratePerSecond?: number | null | undefined;
}

export type ApplicationState = 'pending' | 'overdue' | 'answered' | 'escalated' | 'all';

/**
 * 有条件共享 applications: the consumer applies (purpose, legal basis, items, duration, volume), the
 * provider answers within the configured working days, approving fewer items or refusing with a reason;
 * either side can escalate a dispute to the platform admin. 不予共享 is refused at once with the catalog's
 * legal basis (and can still be escalated).
 */
export function createApplications(deps: ManageDeps & { ops: GrantOps; deadlineAfter: (workingDays: number) => Promise<string> }) {
  const { store, clock, ops, departments } = deps;
  const nowIso = () => clock.now().toISOString();

  async function load(id: string): Promise<ApplicationRow> {
    const row = await store.applicationById(id);
    if (!row) throw notFound('申请不存在 / application not found');
    return row;
  }

  async function view(row: ApplicationRow) {
    const [consumer, provider] = await Promise.all([departments.ref(row.consumer_department_id), departments.ref(row.provider_department_id)]);
    return {
      id: row.id,
      resourceCode: row.resource_code,
      resourceName: deps.resources.byId(row.resource_id)?.name ?? null,
      consumer,
      provider,
      applicant: { id: row.applicant_id, name: row.applicant_name },
      purpose: row.purpose,
      basis: row.basis,
      items: JSON.parse(row.items) as string[],
      mode: row.mode,
      durationDays: row.duration_days,
      expectedVolume: row.expected_volume,
      status: row.status,
      dueAt: row.due_at,
      overdue: row.status === 'pending' && row.due_at < nowIso(),
      decidedAt: row.decided_at,
      decisionReason: row.decision_reason,
      approvedItems: row.approved_items ? (JSON.parse(row.approved_items) as string[]) : null,
      grantId: row.grant_id,
      escalation: row.escalation_status ? { status: row.escalation_status, at: row.escalated_at, reason: row.escalation_reason, resolution: row.resolution, resolvedAt: row.resolved_at } : null,
      createdAt: row.created_at,
    };
  }

  const party = (p: Principal, row: ApplicationRow) => p.departmentId === row.consumer_department_id || p.departmentId === row.provider_department_id;

  async function grantFor(p: Principal, row: ApplicationRow, items: string[], terms: DecisionInput) {
    const now = clock.now();
    const days = terms.durationDays ?? row.duration_days;
    return ops.issue({
      resource_id: row.resource_id, resource_code: row.resource_code, provider_department_id: row.provider_department_id, consumer_department_id: row.consumer_department_id,
      kind: 'application', application_id: row.id, mode: row.mode, items: JSON.stringify(items), purposes: JSON.stringify([row.purpose]), basis: row.basis,
      valid_from: now.toISOString(), valid_until: new Date(now.getTime() + days * 86_400_000).toISOString(),
      // The consumer asked for this volume; the provider may set another quota or none (null).
      quota_per_day: terms.quotaPerDay === undefined ? row.expected_volume : terms.quotaPerDay, rate_per_second: terms.ratePerSecond ?? null, created_by: p.id,
    });
  }

  function checkApproval(row: ApplicationRow, terms: DecisionInput, maxDays: number) {
    const requested = JSON.parse(row.items) as string[];
    const items = terms.items ?? requested;
    const problems = checkTerms({ items, durationDays: terms.durationDays, purpose: row.purpose }, requested, Math.min(maxDays, row.duration_days), { itemsRequired: true })
      .map((pr) => (pr.path.startsWith('/items') ? { ...pr, message: `${pr.message}（只能批准所申请的信息项 / only requested items）` } : pr));
    for (const [k, v] of [['quotaPerDay', terms.quotaPerDay], ['ratePerSecond', terms.ratePerSecond]] as const) {
      if (v !== undefined && v !== null && (!Number.isInteger(v) || v < 1)) problems.push({ path: `/${k}`, message: '应为正整数 / positive integer' });
    }
    if (items.length < requested.length && !terms.reason?.trim()) problems.push({ path: '/reason', message: '少批信息项须说明理由 / approving fewer items needs a reason' });
    if (problems.length) throw invalidInput('审批内容有误 / invalid decision', problems);
    return items;
  }

  return {
    async apply(p: Principal, input: ApplicationInput, requestId: string | null = null) {
      const consumer = needDepartment(p);
      const resource = await deps.catalog.get(input.resource, p);
      if (resource.status !== 'published') throw notFound(`信息资源 ${input.resource} 未发布 / not published`);
      if (resource.provider.departmentId === consumer) throw conflict('本部门的资源无需申请 / your own department\'s resource needs no application');
      if (resource.sharing.type === '无条件共享') throw new AppError('conflict', '无条件共享资源请直接订阅 / subscribe to an unconditionally shared resource', [], { reason: 'subscribe_instead' });
      const settings = deps.settings.get();
      const problems = checkTerms(input, resource.items.map((i) => i.name), settings.maxGrantDays, { itemsRequired: true });
      if (typeof input.basis !== 'string' || !input.basis.trim() || input.basis.length > 1000) problems.push({ path: '/basis', message: '须填写法律政策依据 / legal basis required' });
      if (!Number.isInteger(input.expectedVolume) || input.expectedVolume < 1 || input.expectedVolume > 10_000_000) problems.push({ path: '/expectedVolume', message: '应为每日预计调用条数 / expected records per day' });
      if (!Number.isInteger(input.durationDays)) problems.push({ path: '/durationDays', message: '必填 required' });
      if (problems.length) throw invalidInput('申请信息有误 / invalid application', problems);
      const notShared = resource.sharing.type === '不予共享';
      const at = nowIso();
      const row: ApplicationRow = {
        id: newId(), resource_id: resource.id, resource_code: resource.code, provider_department_id: resource.provider.departmentId, consumer_department_id: consumer,
        applicant_id: p.id, applicant_name: p.name, purpose: normalisePurpose(input.purpose), basis: input.basis.trim(), items: JSON.stringify(input.items), mode: input.mode ?? 'lookup',
        duration_days: input.durationDays, expected_volume: input.expectedVolume, status: notShared ? 'refused' : 'pending',
        due_at: notShared ? at : await deps.deadlineAfter(settings.decisionWorkingDays),
        decided_at: notShared ? at : null, decided_by: notShared ? 'system' : null,
        decision_reason: notShared ? `不予共享，依据：${resource.sharing.basis ?? ''}` : null, approved_items: null, grant_id: null,
        escalation_status: null, escalated_at: null, escalated_by: null, escalation_reason: null, resolution: null, resolved_at: null, resolved_by: null, created_at: at, updated_at: at,
      };
      await store.insertApplication(row);
      const auditIndex = await ops.record(p, 'grant.apply', resource.code, notShared ? { decision: 'refused', reason: row.decision_reason } : { decision: 'allowed', reason: null }, {
        purpose: row.purpose, items: input.items, requestId, details: { application: row.id, provider: resource.provider.departmentCode, dueAt: row.due_at, ...(notShared ? { reason: 'not_shared' } : {}) },
      });
      if (notShared) {
        throw new AppError('forbidden', `该资源不予共享，依据：${resource.sharing.basis ?? ''} / this resource is not shared (legal basis shown); you may escalate`, [], { reason: 'not_shared', basis: resource.sharing.basis, applicationId: row.id, auditIndex });
      }
      return { ...(await view(row)), auditIndex };
    },

    async decide(p: Principal, id: string, terms: DecisionInput, requestId: string | null = null) {
      const row = await load(id);
      if (p.departmentId !== row.provider_department_id) throw forbidden('只有提供方部门可以审批 / only the providing department decides');
      if (row.status !== 'pending') throw conflict(`申请已${row.status === 'withdrawn' ? '撤回' : '答复'} / the application is ${row.status}`);
      const at = nowIso();
      if (!terms.approve) {
        if (!terms.reason?.trim()) throw invalidInput('拒绝须说明理由 / a refusal needs a reason', [{ path: '/reason', message: '必填 required' }]);
        const patch = { status: 'refused', decided_at: at, decided_by: p.id, decision_reason: terms.reason.trim(), updated_at: at };
        await store.updateApplication(id, patch);
        const auditIndex = await ops.record(p, 'grant.refuse', row.resource_code, { decision: 'refused', reason: patch.decision_reason }, { purpose: row.purpose, items: JSON.parse(row.items) as string[], requestId, details: { application: id, consumer: (await departments.ref(row.consumer_department_id)).code } });
        return { ...(await view({ ...row, ...patch })), auditIndex };
      }
      const items = checkApproval(row, terms, deps.settings.get().maxGrantDays);
      const grant = await grantFor(p, row, items, terms);
      const patch = { status: 'approved', decided_at: at, decided_by: p.id, decision_reason: terms.reason?.trim() || null, approved_items: JSON.stringify(items), grant_id: grant.id, updated_at: at };
      await store.updateApplication(id, patch);
      const auditIndex = await ops.record(p, 'grant.approve', row.resource_code, { decision: 'allowed', reason: patch.decision_reason }, {
        purpose: row.purpose, items, requestId, details: { application: id, grant: grant.id, consumer: (await departments.ref(row.consumer_department_id)).code, requested: JSON.parse(row.items) as string[], validUntil: grant.row.valid_until, quotaPerDay: grant.quotaPerDay, ratePerSecond: grant.ratePerSecond },
      });
      return { ...(await view({ ...row, ...patch })), auditIndex };
    },

    async withdraw(p: Principal, id: string, requestId: string | null = null) {
      const row = await load(id);
      if (p.departmentId !== row.consumer_department_id) throw forbidden('只有申请部门可以撤回 / only the applying department');
      if (row.status !== 'pending') throw conflict('只能撤回待审批的申请 / only a pending application');
      const patch = { status: 'withdrawn', updated_at: nowIso() };
      await store.updateApplication(id, patch);
      await ops.record(p, 'grant.withdraw', row.resource_code, { decision: 'allowed', reason: null }, { purpose: row.purpose, requestId, details: { application: id } });
      return view({ ...row, ...patch });
    },

    /** A dispute goes to the platform admin: a refusal, fewer items than asked, or no answer by the deadline. */
    async escalate(p: Principal, id: string, reason: string, requestId: string | null = null) {
      const row = await load(id);
      if (!party(p, row)) throw forbidden('只有申请双方可以提请协调 / only the parties');
      if (!reason?.trim()) throw invalidInput('须说明理由 / a reason is required', [{ path: '/reason', message: '必填 required' }]);
      const overdue = row.status === 'pending' && row.due_at < nowIso();
      const reduced = row.status === 'approved' && row.approved_items !== null && (JSON.parse(row.approved_items) as string[]).length < (JSON.parse(row.items) as string[]).length;
      if (!(row.status === 'refused' || overdue || reduced)) throw conflict('只有被拒绝、少批或逾期未答复的申请可以提请协调 / only refused, reduced or overdue applications');
      if (row.escalation_status === 'open') throw conflict('已在协调中 / already escalated');
      const at = nowIso();
      const patch = { escalation_status: 'open', escalated_at: at, escalated_by: p.id, escalation_reason: reason.trim(), updated_at: at };
      await store.updateApplication(id, patch);
      const auditIndex = await ops.record(p, 'grant.escalate', row.resource_code, { decision: 'allowed', reason: reason.trim() }, { purpose: row.purpose, requestId, details: { application: id, status: row.status, overdue } });
      return { ...(await view({ ...row, ...patch })), auditIndex };
    },

    /** The platform admin settles a dispute: uphold the answer, or approve (items as the admin decides). */
    async resolve(p: Principal, id: string, input: { decision: 'uphold' | 'approve'; reason: string } & Omit<DecisionInput, 'approve' | 'reason'>, requestId: string | null = null) {
      if (!isAdmin(p)) throw forbidden('只有数据主管部门可以协调 / only the platform admin');
      const row = await load(id);
      if (row.escalation_status !== 'open') throw conflict('该申请没有待协调的争议 / no open dispute');
      if (!input.reason?.trim()) throw invalidInput('须说明理由 / a reason is required', [{ path: '/reason', message: '必填 required' }]);
      const at = nowIso();
      let patch: Partial<ApplicationRow> = { escalation_status: 'resolved', resolution: `${input.decision}: ${input.reason.trim()}`, resolved_at: at, resolved_by: p.id, updated_at: at };
      let grantId: string | null = null;
      if (input.decision === 'approve') {
        const items = checkApproval(row, { ...input, approve: true }, deps.settings.get().maxGrantDays);
        if (row.grant_id) await ops.revoke(p, row.grant_id, `协调后重新授权 / replaced after dispute resolution`, requestId).catch(() => undefined);
        const grant = await grantFor(p, row, items, { ...input, approve: true });
        grantId = grant.id;
        patch = { ...patch, status: 'approved', decided_at: at, decided_by: p.id, decision_reason: input.reason.trim(), approved_items: JSON.stringify(items), grant_id: grant.id };
      }
      await store.updateApplication(id, patch);
      const auditIndex = await ops.record(p, 'grant.resolve', row.resource_code, { decision: 'allowed', reason: input.reason.trim() }, { purpose: row.purpose, requestId, details: { application: id, decision: input.decision, grant: grantId } });
      return { ...(await view({ ...row, ...patch })), auditIndex };
    },

    async get(p: Principal, id: string) {
      const row = await load(id);
      if (!party(p, row) && !isAdmin(p) && !p.roles.includes('auditor')) throw notFound('申请不存在 / application not found');
      return view(row);
    },

    /** Applications for the caller's side (consumer, provider or both; the admin sees all) in one state. */
    async list(p: Principal, side: 'consumer' | 'provider' | 'both', state: ApplicationState) {
      const dept = p.departmentId ?? '-';
      const everyone = isAdmin(p) && side === 'both';
      const now = nowIso();
      const rows = await store.listApplications({
        consumerDepartmentId: everyone || side === 'provider' ? undefined : dept,
        providerDepartmentId: everyone || side === 'consumer' ? undefined : dept,
        statuses: state === 'pending' || state === 'overdue' ? ['pending'] : state === 'answered' ? ['approved', 'refused'] : undefined,
        escalation: state === 'escalated' ? 'open' : undefined,
        dueBefore: state === 'overdue' ? now : undefined,
      });
      return Promise.all(rows.map(view));
    },
  };
}

export type Applications = ReturnType<typeof createApplications>;

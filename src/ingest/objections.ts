import type { CalendarService } from '../calendar/index.ts';
import type { CatalogService } from '../catalog/service.ts';
import type { ResourceView } from '../catalog/model.ts';
import type { Principal } from '../identity/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { conflict, forbidden, invalidInput, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { Batches } from './batches.ts';
import { isAdmin } from './batches.ts';
import { compileResource } from './compile.ts';
import type { Records } from './records.ts';
import type { IngestStore } from './store.ts';
import { objectionView, type ObjectionView } from './views.ts';

/**
 * 数据异议 and 校核: a department that reads a record doubts one of its values; the provider must
 * verify it within a deadline counted in the county's working days (default 5), and either corrects
 * the value — a new version of the record, written as a one-row batch and linked to the objection —
 * or confirms it with an explanation. Open objections past their deadline are listed as overdue.
 *
 * @example
 * const o = await objections.raise({ resourceCode, key, item: '联系电话', reason: '电话已停机' }, civilOfficer);
 * await objections.resolve(o.id, { action: 'correct', value: '13800138000' }, policeOfficer);
 */
export type ObjectionListener = (objection: ObjectionView) => void | Promise<void>;

export interface ObjectionDeps {
  readonly store: IngestStore;
  readonly records: Records;
  readonly batches: Batches;
  readonly catalog: CatalogService;
  readonly calendar: CalendarService;
  readonly clock: Clock;
  readonly workingDays: number;
  readonly listeners: Set<ObjectionListener>;
  /** Whether the principal may read the resource's records; the exchange module may plug in its grants. */
  readonly canRead: (actor: Principal, view: ResourceView) => boolean | Promise<boolean>;
}

export type Resolution = { readonly action: 'correct'; readonly value: string; readonly explanation?: string | undefined } | { readonly action: 'confirm'; readonly explanation: string };

/** The default read rule: the provider, the platform and auditors always; others unless 不予共享. */
export function defaultCanRead(actor: Principal, view: ResourceView): boolean {
  if (isAdmin(actor) || actor.roles.includes('auditor') || actor.departmentId === view.provider.departmentId) return true;
  return view.sharing.type !== '不予共享';
}

export function createObjections(deps: ObjectionDeps) {
  const { store, records, batches, catalog, calendar, clock } = deps;
  const nowIso = () => clock.now().toISOString();
  const view = (row: Parameters<typeof objectionView>[0]) => objectionView(row, nowIso());

  async function load(id: string) {
    const row = await store.objection(id);
    if (!row) throw notFound(`异议 ${id} 不存在 / objection not found`);
    return row;
  }

  function assertResolver(actor: Principal, providerDepartmentId: string) {
    if (!isAdmin(actor) && actor.departmentId !== providerDepartmentId) throw forbidden('只有数据提供方可以校核该异议 / only the provider department verifies this objection');
  }

  return {
    async raise(input: { resourceCode: string; key: string; item: string; reason: string; workingDays?: number | undefined }, actor: Principal): Promise<ObjectionView> {
      const resource = await catalog.get(input.resourceCode, actor);
      if (!(await deps.canRead(actor, resource))) throw forbidden('无权读取该资源的数据，不能提出异议 / you cannot read this resource, so you cannot object to it');
      if (actor.departmentId === resource.provider.departmentId) throw conflict('不能对本部门提供的数据提出异议，请直接更正 / correct your own department\'s data directly instead');
      const reason = input.reason.trim();
      if (!reason) throw invalidInput('请说明异议理由 / a reason is required', [{ path: '/reason', message: '必填 required' }]);
      const record = await records.getRecord(input.resourceCode, input.key);
      if (!record || record.deleted) throw notFound(`记录 ${input.key} 不存在 / record not found`);
      if (!resource.items.some((i) => i.name === input.item)) throw invalidInput(`信息项 ${input.item} 不存在 / no such item`, [{ path: '/item', message: input.item }]);
      const days = input.workingDays ?? deps.workingDays;
      if (!Number.isInteger(days) || days < 1 || days > 60) throw invalidInput('校核期限应为 1–60 个工作日 / the deadline must be 1-60 working days', [{ path: '/workingDays', message: String(days) }]);
      const rid = (await records.ridOf(input.resourceCode))!;
      const row = {
        id: newId(), rid, resource_code: input.resourceCode, record_key: input.key, item: input.item, value: record.data[input.item] ?? null, reason,
        raised_by: actor.id, raised_by_name: actor.name, raiser_department_id: actor.departmentId, provider_department_id: resource.provider.departmentId,
        status: 'open', deadline: await calendar.deadlineAfter(days), raised_at: nowIso(), resolved_at: null, resolved_by: null, resolved_by_name: null,
        explanation: null, new_value: null, correction_batch_no: null, correction_version: null,
      };
      await store.insertObjection(row);
      const out = view(row);
      for (const listener of deps.listeners) await Promise.resolve(listener(out)).catch(() => {});
      return out;
    },

    async get(id: string, actor: Principal): Promise<ObjectionView> {
      const row = await load(id);
      if (!isAdmin(actor) && !actor.roles.includes('auditor') && actor.departmentId !== row.provider_department_id && actor.departmentId !== row.raiser_department_id) {
        throw notFound(`异议 ${id} 不存在 / objection not found`);
      }
      return view(row);
    },

    /** Objections to the actor's department's data (the provider's 待校核 list). */
    inbox: async (actor: Principal, status?: string) =>
      (await store.objections({ providerDepartmentId: actor.departmentId ?? '-', status, limit: 1000 })).map(view),
    /** Objections the actor's department raised. */
    outbox: async (actor: Principal, status?: string) =>
      (await store.objections({ raiserDepartmentId: actor.departmentId ?? '-', status, limit: 1000 })).map(view),
    /** Open objections past their deadline: all of them for the platform, else the actor's department's. */
    overdue: async (actor: Principal | null) =>
      (await store.objections({ overdueAt: nowIso(), providerDepartmentId: actor && !isAdmin(actor) && !actor.roles.includes('auditor') ? actor.departmentId ?? '-' : undefined, limit: 10_000 })).map(view),

    async resolve(id: string, resolution: Resolution, actor: Principal): Promise<ObjectionView> {
      const row = await load(id);
      assertResolver(actor, row.provider_department_id);
      if (row.status !== 'open') throw conflict(`该异议已处理（${row.status}）/ the objection is already ${row.status}`);
      const base = { resolved_at: nowIso(), resolved_by: actor.id, resolved_by_name: actor.name };
      if (resolution.action === 'confirm') {
        const explanation = resolution.explanation?.trim();
        if (!explanation) throw invalidInput('确认原值须说明理由 / confirming needs an explanation', [{ path: '/explanation', message: '必填 required' }]);
        if (!(await store.resolveObjection(id, { ...base, status: 'confirmed', explanation }))) throw conflict('该异议已被处理 / already resolved');
        return view(await load(id));
      }
      const resource = await catalog.get(row.resource_code, actor);
      const item = resource.items.find((i) => i.name === row.item);
      if (!item) throw conflict(`信息项 ${row.item} 已不在目录中 / the item is no longer in the catalog`);
      if (item.isKey) throw invalidInput('主键项不能通过异议更正，请重新报送该记录 / a key item cannot be corrected here; resubmit the record', [{ path: '/value', message: row.item }]);
      const rid = row.rid;
      const spec = await batches.specFor(resource, rid);
      const compiled = compileResource(spec);
      const checked = compiled.items.find((i) => i.name === row.item)!.validate(resolution.value);
      if (!checked.ok) throw invalidInput(`更正值无效：${checked.reason.zh} / invalid value: ${checked.reason.en}`, [{ path: '/value', message: checked.reason.zh }]);
      const record = await records.getRecord(row.resource_code, row.record_key);
      if (!record || record.deleted) throw conflict('记录已被删除，无法更正 / the record has been deleted');
      const corrected = { ...record.data, [row.item]: checked.value };
      const report = await batches.submit(row.resource_code, { kind: 'records', records: [corrected] }, { actor, source: 'objection', mode: 'incremental', skipDuplicateCheck: true, worker: false });
      if (report.quarantined > 0) throw invalidInput('更正后的记录未通过校验 / the corrected record fails validation', [{ path: '/value', message: JSON.stringify(report.problems) }]);
      const after = await records.getRecord(row.resource_code, row.record_key);
      const batch = await store.batchById(report.id);
      const ok = await store.resolveObjection(id, {
        ...base, status: 'corrected', new_value: checked.value, explanation: resolution.explanation?.trim() || null,
        correction_batch_no: batch ? Number(batch.no) : null, correction_version: after?.version ?? null,
      });
      if (!ok) throw conflict('该异议已被处理 / already resolved');
      return view(await load(id));
    },
  };
}

export type Objections = ReturnType<typeof createObjections>;

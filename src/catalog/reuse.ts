import { conflict, forbidden, invalidInput, notFound } from '../shared/errors.ts';
import type { IdentityService } from '../identity/service.ts';
import type { Principal } from '../identity/principal.ts';
import type { ElementInfo } from './elements.ts';
import type { ResourceView } from './model.ts';
import type { CatalogStore } from './store.ts';
import type { ResourceItemRow, ResourceRow } from './tables.ts';

export interface ExistingHolder {
  resourceCode: string;
  resourceName: string;
  departmentCode: string;
  departmentName: string;
  status: string;
  sharingType: string;
}

export interface ReuseLine {
  item: string;
  element: { code: string; name: string } | null;
  /** 'reuse': another department already provides it; 'new': nobody does; 'unbound': no data element recognised. */
  verdict: 'reuse' | 'new' | 'unbound';
  authoritative: { departmentCode: string; departmentName: string; resourceCode: string | null; resourceName: string | null } | null;
  existing: ExistingHolder[];
}

/**
 * 一数一源 and 重复采集: who is the authoritative source of each data element, and which of a new
 * resource's (or a proposed information system's) items another department already collects.
 */
export function createReuse(deps: { store: CatalogStore; elementLookup: () => Promise<(n: string) => ElementInfo | undefined>; scope: string }) {
  const { store, scope } = deps;

  async function holderConflict(tx: CatalogStore, elementCode: string, departmentId: string) {
    const holder = await tx.authority(elementCode, scope);
    return holder && holder.department_id !== departmentId ? holder : undefined;
  }

  async function linesFor(items: ReadonlyArray<{ name: string; elementCode: string | null; elementName: string | null }>, excludeDepartmentId: string | undefined): Promise<ReuseLine[]> {
    const codes = [...new Set(items.flatMap((i) => (i.elementCode ? [i.elementCode] : [])))];
    const holders = await store.holdersOfElements(codes);
    const authorities = new Map((await store.listAuthorities(scope)).map((a) => [a.element_code, a]));
    return items.map((item) => {
      if (!item.elementCode) return { item: item.name, element: null, verdict: 'unbound' as const, authoritative: null, existing: [] };
      const existing = holders
        .filter((h) => h.element_code === item.elementCode && h.department_id !== excludeDepartmentId)
        .map((h) => ({ resourceCode: h.code, resourceName: h.name, departmentCode: h.department_code, departmentName: h.department_name, status: h.status, sharingType: h.sharing_type }));
      const unique = existing.filter((e, i) => existing.findIndex((x) => x.resourceCode === e.resourceCode) === i);
      const a = authorities.get(item.elementCode);
      const authoritative = a && a.department_id !== excludeDepartmentId ? { departmentCode: a.department_code, departmentName: a.department_name, resourceCode: a.resource_code, resourceName: a.resource_name } : null;
      return { item: item.name, element: { code: item.elementCode, name: item.elementName ?? item.elementCode }, verdict: unique.length > 0 || authoritative ? ('reuse' as const) : ('new' as const), authoritative, existing: unique };
    });
  }

  return {
    async assertClaimsFree(tx: CatalogStore, items: readonly ResourceItemRow[], departmentId: string) {
      for (const item of items) {
        if (!item.authoritative || !item.element_code) continue;
        const holder = await holderConflict(tx, item.element_code, departmentId);
        if (holder) {
          throw conflict(
            `一数一源：数据元 ${item.element_code} 的权威来源已是 ${holder.department_name}（${holder.resource_name ?? holder.resource_code ?? ''}）/ the authoritative source is already ${holder.department_code}`,
            { holder: { departmentCode: holder.department_code, departmentName: holder.department_name, resourceCode: holder.resource_code } },
            [{ path: `/items/${item.position}/authoritative`, message: `已由 ${holder.department_name} 提供 / held by ${holder.department_code}` }],
          );
        }
      }
    },

    async claimItemsOf(tx: CatalogStore, row: ResourceRow, actor: Principal, at: string) {
      const items = await tx.itemsOf([row.id]);
      await this.assertClaimsFree(tx, items, row.provider_department_id);
      for (const item of items) {
        if (!item.authoritative || !item.element_code) continue;
        if (await tx.authority(item.element_code, scope)) continue;
        await tx.insertAuthority({ element_code: item.element_code, scope, department_id: row.provider_department_id, resource_id: row.id, claimed_by: actor.id, claimed_at: at });
      }
    },

    /** 重复采集 warnings for a registered resource's items. */
    duplicatesFor(items: ResourceView['items'], departmentId: string): Promise<ReuseLine[]> {
      return linesFor(items.map((i) => ({ name: i.name, elementCode: i.element?.code ?? null, elementName: i.element?.name ?? null })), departmentId).then((lines) => lines.filter((l) => l.verdict === 'reuse'));
    },

    /** The CIO's review of a proposed system: which of its items the county already holds, and where. */
    async reuseReport(items: ReadonlyArray<{ name: string; element?: string | undefined }>, departmentId?: string) {
      const lookup = await deps.elementLookup();
      const resolved = items.map((i) => {
        const e = lookup(i.element?.trim() || i.name.trim());
        return { name: i.name, elementCode: e?.code ?? null, elementName: e?.name ?? null };
      });
      const lines = await linesFor(resolved, departmentId);
      return {
        lines,
        summary: { total: lines.length, reuse: lines.filter((l) => l.verdict === 'reuse').length, new: lines.filter((l) => l.verdict === 'new').length, unbound: lines.filter((l) => l.verdict === 'unbound').length },
      };
    },

    async authorities() {
      const lookup = await deps.elementLookup();
      return (await store.listAuthorities(scope)).map((a) => ({ element: { code: a.element_code, name: lookup(a.element_code)?.name ?? a.element_code }, scope: a.scope, departmentCode: a.department_code, departmentName: a.department_name, resourceCode: a.resource_code, resourceName: a.resource_name, claimedAt: a.claimed_at }));
    },

    async claim(input: { element: string; departmentCode: string; resourceCode?: string | undefined }, actor: Principal, identity: IdentityService, at: string) {
      const element = (await deps.elementLookup())(input.element);
      if (!element) throw invalidInput(`未知数据元 ${input.element} / unknown data element`, [{ path: '/element', message: '未知 unknown' }]);
      const dept = await identity.departmentByCode(input.departmentCode);
      if (!dept) throw invalidInput(`未知部门 ${input.departmentCode} / unknown department`, [{ path: '/departmentCode', message: '未知 unknown' }]);
      if (!actor.roles.includes('platform_admin') && actor.departmentId !== dept.id) throw forbidden('只能为本部门声明权威来源 / only for your own department');
      const resource = input.resourceCode ? await store.resourceByCode(input.resourceCode) : undefined;
      if (input.resourceCode && (!resource || resource.provider_department_id !== dept.id)) {
        throw invalidInput('资源不存在或不属于该部门 / resource not found for this department', [{ path: '/resourceCode', message: input.resourceCode }]);
      }
      return store.transaction(async (tx) => {
        const holder = await tx.authority(element.code, scope);
        if (holder && holder.department_id !== dept.id) {
          throw conflict(`一数一源：${element.name} 的权威来源已是 ${holder.department_name} / already held by ${holder.department_code}`, { holder: { departmentCode: holder.department_code, departmentName: holder.department_name, resourceCode: holder.resource_code } }, [{ path: '/element', message: `已由 ${holder.department_name} 提供 / held by ${holder.department_code}` }]);
        }
        if (holder) await tx.deleteAuthority(element.code, scope);
        await tx.insertAuthority({ element_code: element.code, scope, department_id: dept.id, resource_id: resource?.id ?? null, claimed_by: actor.id, claimed_at: at });
        return { element: { code: element.code, name: element.name }, departmentCode: dept.code, departmentName: dept.name, resourceCode: resource?.code ?? null };
      });
    },

    async release(elementName: string, actor: Principal) {
      const element = (await deps.elementLookup())(elementName);
      const holder = element ? await store.authority(element.code, scope) : undefined;
      if (!element || !holder) throw notFound('没有该数据元的权威来源 / no authoritative source for this element');
      if (!actor.roles.includes('platform_admin') && actor.departmentId !== holder.department_id) throw forbidden('只能撤销本部门的声明 / only your own department\'s claim');
      await store.deleteAuthority(element.code, scope);
    },
  };
}

import type { Clock } from '../shared/clock.ts';
import { AppError, conflict, forbidden, invalidInput, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { IdentityService } from '../identity/service.ts';
import type { Principal } from '../identity/principal.ts';
import { resolveElement, builtinElementInfos, customElementInfo, validateCustomElementSpec, type ElementInfo } from './elements.ts';
import { diffViews, toView, type ItemInput, type ResourceInput, type ResourceView } from './model.ts';
import { checkResourceInput, classificationPrefix } from './rules.ts';
import { buildSearchIndex, type SearchIndex } from './search-index.ts';
import type { CatalogStore } from './store.ts';
import type { ResourceItemRow, ResourceRow } from './tables.ts';
import { createReuse } from './reuse.ts';

/** The county is the scope of 一数一源 in a county install; a city install would scope by county code. */
export const DEFAULT_SCOPE = 'county';

export interface SearchQuery {
  q?: string | undefined;
  departmentCode?: string | undefined;
  sharingType?: string | undefined;
  open?: boolean | undefined;
  element?: string | undefined;
  status?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export type CatalogService = ReturnType<typeof createCatalogService>;

interface IndexMeta {
  status: string;
  departmentId: string;
  sharingType: string;
  open: boolean;
  elements: string[];
}

export function createCatalogService(deps: { store: CatalogStore; clock: Clock; identity: IdentityService }) {
  const { store, clock, identity } = deps;
  const nowIso = () => clock.now().toISOString();
  let index: { stamp: string; index: SearchIndex<IndexMeta> } | undefined;

  // Inside a transaction every read goes through `tx`: SQLite has one connection, and a read on the
  // root handle would wait for the transaction that is waiting for it.
  async function elementLookup(tx: CatalogStore = store) {
    const customs = await tx.listCustomElements();
    return (nameOrCode: string) => resolveElement(nameOrCode, customs);
  }

  async function departmentsById() {
    const list = await identity.listDepartments();
    return new Map(list.map((d) => [d.id, d]));
  }

  async function view(row: ResourceRow, tx: CatalogStore = store): Promise<ResourceView> {
    const items = await tx.itemsOf([row.id]);
    const dept = await tx.departmentOf(row.provider_department_id);
    const lookup = await elementLookup(tx);
    return toView(row, items, { code: dept?.code ?? '', name: dept?.name ?? '' }, (code) => lookup(code)?.name);
  }

  async function views(rows: readonly ResourceRow[]): Promise<ResourceView[]> {
    const [items, depts, lookup] = await Promise.all([store.itemsOf(rows.map((r) => r.id)), departmentsById(), elementLookup()]);
    const byResource = new Map<string, ResourceItemRow[]>();
    for (const item of items) byResource.set(item.resource_id, [...(byResource.get(item.resource_id) ?? []), item]);
    return rows.map((r) => {
      const d = depts.get(r.provider_department_id);
      return toView(r, byResource.get(r.id) ?? [], { code: d?.code ?? '', name: d?.name ?? '' }, (code) => lookup(code)?.name);
    });
  }

  async function loadOrFail(code: string, tx: CatalogStore = store): Promise<ResourceRow> {
    const row = await tx.resourceByCode(code);
    if (!row) throw notFound(`信息资源 ${code} 不存在 / resource ${code} not found`);
    return row;
  }

  const isAdmin = (actor: Principal) => actor.roles.includes('platform_admin');
  function assertOwner(actor: Principal, row: ResourceRow) {
    if (!isAdmin(actor) && actor.departmentId !== row.provider_department_id) throw forbidden('只能管理本部门的信息资源 / only your own department\'s resources');
  }
  const canSee = (actor: Principal, row: ResourceRow) => row.status === 'published' || row.status === 'retired' || isAdmin(actor) || actor.roles.includes('auditor') || actor.departmentId === row.provider_department_id;

  async function validated(input: ResourceInput, actor: Principal) {
    const lookup = await elementLookup();
    const problems = checkResourceInput(input, lookup);
    const dept = await identity.departmentByCode(input.providerCode);
    if (!dept) problems.push({ path: '/providerCode', message: `未知部门 ${input.providerCode} / unknown department` });
    if (problems.length > 0) throw invalidInput('信息资源填写有误 / the resource has errors', problems);
    if (!isAdmin(actor) && actor.departmentId !== dept!.id) throw forbidden('只能登记本部门的信息资源 / you can only register your own department\'s resources');
    const related = [...new Set(input.relatedCodes ?? [])];
    const found = await store.resourcesByCodes(related);
    const missing = related.filter((c) => !found.some((f) => f.code === c));
    if (missing.length) throw invalidInput('关联资源不存在 / related resource not found', missing.map((c) => ({ path: `/relatedCodes/${related.indexOf(c)}`, message: `${c} 不存在 / not found` })));
    return { dept: dept!, lookup, related };
  }

  function itemRows(resourceId: string, items: readonly ItemInput[], lookup: (n: string) => ElementInfo | undefined): ResourceItemRow[] {
    return items.map((item, position) => ({
      id: newId(),
      resource_id: resourceId,
      position,
      name: item.name.trim(),
      data_type: item.dataType,
      element_code: item.element ? lookup(item.element)!.code : null,
      length: item.length ?? null,
      is_key: item.isKey ? 1 : 0,
      authoritative: item.authoritative ? 1 : 0,
    }));
  }

  async function record(tx: CatalogStore, before: ResourceView | undefined, row: ResourceRow, action: string, actor: Principal, comment: string | null = null) {
    const after = await view(row, tx);
    await tx.insertVersion({ resource_id: row.id, version: row.version, action, actor_id: actor.id, actor_name: actor.name, at: row.updated_at, changes: JSON.stringify(diffViews(before, after)), comment, snapshot: JSON.stringify(after) });
    return after;
  }

  const reuse = createReuse({ store, elementLookup, scope: DEFAULT_SCOPE });

  async function transition(code: string, actor: Principal, from: readonly string[], to: string, action: string, comment: string | null, extra: Partial<ResourceRow> = {}) {
    return store.transaction(async (tx) => {
      const row = await loadOrFail(code, tx);
      if (!from.includes(row.status)) {
        throw new AppError('conflict', `当前状态为 ${row.status}，不能${action} / cannot ${action} a resource in status ${row.status}`, [{ path: '/status', message: row.status }]);
      }
      const before = await view(row, tx);
      const next: ResourceRow = { ...row, ...extra, status: to, version: row.version + 1, updated_at: nowIso() };
      await tx.updateResource(row.id, { status: next.status, version: next.version, updated_at: next.updated_at, ...extra });
      if (to === 'published') await reuse.claimItemsOf(tx, next, actor, nowIso());
      if (to === 'retired') await tx.releaseAuthoritiesOf(row.id);
      return record(tx, before, next, action, actor, comment);
    });
  }

  type Prepared = Awaited<ReturnType<typeof validated>>;

  async function createIn(tx: CatalogStore, input: ResourceInput, actor: Principal, { dept, lookup, related }: Prepared): Promise<ResourceView> {
      const prefix = classificationPrefix(input.category);
      const seq = (await tx.lastSequence(prefix)) + 1;
      const now = nowIso();
      const row: ResourceRow = {
        id: newId(),
        code: `${prefix}/${String(seq).padStart(6, '0')}`,
        name: input.name.trim(),
        class_code: input.category.class,
        item_code: input.category.item,
        catalog_code: input.category.catalog,
        detail_code: input.category.detail || null,
        provider_department_id: dept.id,
        provider_code: dept.credit_code ?? dept.code,
        summary: input.summary.trim(),
        format: input.format,
        sharing_type: input.sharing.type,
        sharing_condition: input.sharing.condition?.trim() || null,
        sharing_basis: input.sharing.basis?.trim() || null,
        sharing_method: input.sharing.method,
        open_flag: input.open.isOpen ? 1 : 0,
        open_condition: input.open.condition?.trim() || null,
        update_cycle: input.updateCycle,
        related_codes: JSON.stringify(related),
        status: 'draft',
        version: 1,
        published_at: null,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      };
      await tx.insertResource(row);
      const items = itemRows(row.id, input.items, lookup);
      await tx.insertItems(items);
      await reuse.assertClaimsFree(tx, items, dept.id);
      return record(tx, undefined, row, 'create', actor);
  }

  async function updateIn(tx: CatalogStore, code: string, input: ResourceInput, actor: Principal, { dept, lookup, related }: Prepared): Promise<ResourceView> {
      const row = await loadOrFail(code, tx);
      assertOwner(actor, row);
      if (row.status === 'retired') throw conflict('已停用的资源不能修改 / a retired resource cannot be changed');
      if (row.provider_department_id !== dept.id) throw invalidInput('不能更换提供方 / the provider cannot change', [{ path: '/providerCode', message: '与原提供方不同 / differs from the registered provider' }]);
      if (`${input.category.class}${input.category.item}${input.category.catalog}${input.category.detail ?? ''}` !== code.split('/')[0]) {
        throw invalidInput('资源分类决定资源代码，不能修改 / the classification is part of the code and cannot change', [{ path: '/category', message: '与资源代码不符 / does not match the code' }]);
      }
      const before = await view(row, tx);
      const next: ResourceRow = {
        ...row,
        name: input.name.trim(),
        summary: input.summary.trim(),
        format: input.format,
        sharing_type: input.sharing.type,
        sharing_condition: input.sharing.condition?.trim() || null,
        sharing_basis: input.sharing.basis?.trim() || null,
        sharing_method: input.sharing.method,
        open_flag: input.open.isOpen ? 1 : 0,
        open_condition: input.open.condition?.trim() || null,
        update_cycle: input.updateCycle,
        related_codes: JSON.stringify(related),
        version: row.version + 1,
        updated_at: nowIso(),
      };
      const { id: _id, ...patch } = next;
      await tx.updateResource(row.id, patch);
      await tx.deleteItems(row.id);
      const items = itemRows(row.id, input.items, lookup);
      await tx.insertItems(items);
      await reuse.assertClaimsFree(tx, items, dept.id);
      if (row.status === 'published') {
        await tx.releaseAuthoritiesOf(row.id);
        await reuse.claimItemsOf(tx, next, actor, nowIso());
      }
      return record(tx, before, next, 'update', actor);
  }

  return {
    async create(input: ResourceInput, actor: Principal) {
      const prepared = await validated(input, actor);
      const resource = await store.transaction((tx) => createIn(tx, input, actor, prepared));
      return { resource, duplicates: await reuse.duplicatesFor(resource.items, prepared.dept.id) };
    },

    async update(code: string, input: ResourceInput, actor: Principal) {
      const prepared = await validated(input, actor);
      const resource = await store.transaction((tx) => updateIn(tx, code, input, actor, prepared));
      return { resource, duplicates: await reuse.duplicatesFor(resource.items, prepared.dept.id) };
    },

    /**
     * Creates or updates many resources in one transaction: all are checked first, and if any has a
     * problem nothing is saved. Problems come back with the entry's index so that a caller (the Excel
     * import) can point at its rows.
     */
    async saveMany(entries: ReadonlyArray<{ code?: string | undefined; input: ResourceInput }>, actor: Principal) {
      const prepared: Prepared[] = [];
      const failures: Array<{ index: number; error: AppError }> = [];
      for (const [index, entry] of entries.entries()) {
        try {
          if (entry.code && !(await store.resourceByCode(entry.code))) throw notFound(`信息资源 ${entry.code} 不存在 / resource ${entry.code} not found`);
          prepared.push(await validated(entry.input, actor));
        } catch (error) {
          if (error instanceof AppError) failures.push({ index, error });
          else throw error;
        }
      }
      if (failures.length > 0) return { saved: [] as ResourceView[], failures };
      const saved = await store.transaction(async (tx) => {
        const out: ResourceView[] = [];
        for (const [index, entry] of entries.entries()) {
          out.push(entry.code ? await updateIn(tx, entry.code, entry.input, actor, prepared[index]!) : await createIn(tx, entry.input, actor, prepared[index]!));
        }
        return out;
      });
      return { saved, failures };
    },

    async resolveDepartmentCode(nameOrCode: string): Promise<string | undefined> {
      const all = await identity.listDepartments();
      return all.find((d) => d.code === nameOrCode || d.name === nameOrCode || d.credit_code === nameOrCode)?.code;
    },

    async submit(code: string, actor: Principal) {
      assertOwner(actor, await loadOrFail(code));
      return transition(code, actor, ['draft'], 'submitted', 'submit', null);
    },

    async review(code: string, actor: Principal, decision: { approve: boolean; comment?: string | undefined }) {
      if (!isAdmin(actor)) throw forbidden('只有数据主管部门可以审核 / only the platform admin reviews');
      if (!decision.approve && !decision.comment?.trim()) throw invalidInput('退回须说明理由 / a rejection needs a comment', [{ path: '/comment', message: '必填 required' }]);
      return decision.approve
        ? transition(code, actor, ['submitted'], 'reviewed', 'approve', decision.comment ?? null)
        : transition(code, actor, ['submitted'], 'draft', 'reject', decision.comment!.trim());
    },

    async publish(code: string, actor: Principal) {
      if (!isAdmin(actor)) throw forbidden('只有数据主管部门可以发布 / only the platform admin publishes');
      return transition(code, actor, ['reviewed'], 'published', 'publish', null, { published_at: nowIso() });
    },

    async retire(code: string, actor: Principal, reason: string) {
      assertOwner(actor, await loadOrFail(code));
      if (!reason.trim()) throw invalidInput('停用须说明理由 / retiring needs a reason', [{ path: '/reason', message: '必填 required' }]);
      return transition(code, actor, ['published', 'reviewed', 'draft', 'submitted'], 'retired', 'retire', reason.trim());
    },

    async get(code: string, actor: Principal) {
      const row = await loadOrFail(code);
      if (!canSee(actor, row)) throw notFound(`信息资源 ${code} 不存在 / resource ${code} not found`);
      return view(row);
    },

    async history(code: string, actor: Principal) {
      const row = await loadOrFail(code);
      if (!canSee(actor, row)) throw notFound(`信息资源 ${code} 不存在 / resource ${code} not found`);
      const versions = await store.versionsOf(row.id);
      return versions.map((v) => ({ version: v.version, action: v.action, actorId: v.actor_id, actorName: v.actor_name, at: v.at, comment: v.comment, changes: JSON.parse(v.changes) as unknown[] }));
    },

    /** Published resources, for export and for consumers. */
    async published(): Promise<ResourceView[]> {
      return views(await store.listResources({ statuses: ['published'] }));
    },

    async search(query: SearchQuery, actor: Principal) {
      const empty = { total: 0, items: [] as Array<ResourceView & { score: number | null }> };
      const dept = query.departmentCode ? await identity.departmentByCode(query.departmentCode) : undefined;
      if (query.departmentCode && !dept) return empty;
      const elementCode = query.element ? (await elementLookup())(query.element)?.code ?? `?${query.element}` : undefined;
      const seeAll = isAdmin(actor) || actor.roles.includes('auditor');
      const offset = query.offset ?? 0;
      const limit = query.limit ?? 20;
      if (query.q?.trim()) {
        // Ranked search filters on the attributes the index carries; only the page is read from the database.
        const idx = await this.searchIndex();
        const hits = idx.search(query.q, 100_000, (m) =>
          (!dept || m.departmentId === dept.id) &&
          (!query.sharingType || m.sharingType === query.sharingType) &&
          (query.open === undefined || m.open === query.open) &&
          (!elementCode || m.elements.includes(elementCode)) &&
          (query.status ? m.status === query.status : true) &&
          (seeAll || m.status === 'published' || m.status === 'retired' || m.departmentId === actor.departmentId) &&
          (Boolean(query.status) || seeAll || m.status !== 'retired'));
        const page = hits.slice(offset, offset + limit);
        const rows = await store.resourcesByIds(page.map((h) => h.key));
        const byId = new Map(rows.map((r) => [r.id, r]));
        const pageViews = await views(page.flatMap((h) => (byId.has(h.key) ? [byId.get(h.key)!] : [])));
        return { total: hits.length, items: pageViews.map((v, i) => ({ ...v, score: page[i]!.score })) };
      }
      const filter = {
        providerDepartmentId: dept?.id,
        sharingType: query.sharingType,
        openFlag: query.open === undefined ? undefined : query.open ? 1 : 0,
        elementCode,
        statuses: query.status ? [query.status] : seeAll ? undefined : ['published'],
        visibleToDepartmentId: seeAll || query.status ? undefined : actor.departmentId ?? undefined,
      };
      const [total, rows] = await Promise.all([store.countResources(filter), store.listResources({ ...filter, limit, offset })]);
      const visible = rows.filter((r) => canSee(actor, r));
      return { total: total - (rows.length - visible.length), items: (await views(visible)).map((v) => ({ ...v, score: null })) };
    },

    /** The search index, rebuilt when the catalog changed since it was built. */
    async searchIndex(): Promise<SearchIndex<IndexMeta>> {
      const stamp = await store.stamp();
      if (index?.stamp === stamp) return index.index;
      const [rows, items, depts] = await Promise.all([store.listResources({}), store.allItemsForIndex(), departmentsById()]);
      const lookup = await elementLookup();
      const itemsOf = new Map<string, Array<{ name: string; element_code: string | null }>>();
      for (const item of items) itemsOf.set(item.resource_id, [...(itemsOf.get(item.resource_id) ?? []), item]);
      const built = buildSearchIndex<IndexMeta>(
        rows.map((r) => {
          const its = itemsOf.get(r.id) ?? [];
          const elements = its.flatMap((i) => (i.element_code ? [i.element_code] : []));
          return {
            key: r.id,
            fields: {
              name: r.name,
              code: r.code,
              summary: r.summary,
              department: depts.get(r.provider_department_id)?.name ?? '',
              items: its.map((i) => i.name).join(' '),
              elements: elements.map((c) => lookup(c)?.name ?? '').join(' '),
            },
            meta: { status: r.status, departmentId: r.provider_department_id, sharingType: r.sharing_type, open: r.open_flag === 1, elements },
          };
        }),
      );
      index = { stamp, index: built };
      return built;
    },

    async elements() {
      return [...builtinElementInfos(), ...(await store.listCustomElements()).map(customElementInfo)];
    },

    async createCustomElement(spec: { code: string; name: string; dataType: string; maxLength?: number; pattern?: string; enumValues?: Array<{ code: string; label: string }>; description?: string }, actor: Principal) {
      if (!isAdmin(actor)) throw forbidden('只有数据主管部门可以新增数据元 / only the platform admin adds data elements');
      const problems = validateCustomElementSpec(spec).map((p) => ({ path: p.path, message: `${p.zh} / ${p.en}` }));
      const lookup = await elementLookup();
      if (lookup(spec.code) || lookup(spec.name)) problems.push({ path: lookup(spec.code) ? '/code' : '/name', message: '数据元已存在 / element exists' });
      if (problems.length) throw invalidInput('数据元定义有误 / invalid element', problems);
      await store.insertCustomElement({ code: spec.code, name: spec.name, spec: JSON.stringify(spec), created_by: actor.id, created_at: nowIso() });
      return (await store.listCustomElements()).map(customElementInfo).find((e) => e.code === spec.code)!;
    },

    reuseReport: reuse.reuseReport,
    authorities: reuse.authorities,
    claimAuthority: (input: { element: string; departmentCode: string; resourceCode?: string | undefined }, actor: Principal) =>
      reuse.claim(input, actor, identity, nowIso()),
    releaseAuthority: (element: string, actor: Principal) => reuse.release(element, actor),
  };
}

import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AuthoritativeSourceRow, CustomElementRow, ResourceItemRow, ResourceRow, ResourceVersionRow } from './tables.ts';

export interface ResourceFilter {
  readonly providerDepartmentId?: string | undefined;
  readonly statuses?: readonly string[] | undefined;
  readonly sharingType?: string | undefined;
  readonly openFlag?: number | undefined;
  readonly elementCode?: string | undefined;
  /** Resources visible to this department even when not published (its own drafts). */
  readonly visibleToDepartmentId?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export type CatalogStore = ReturnType<typeof queries> & {
  /** Runs `fn` in one transaction; nested calls join the outer one. */
  transaction<T>(fn: (tx: CatalogStore) => Promise<T>): Promise<T>;
};

export function createCatalogStore(db: Kysely<DB>): CatalogStore {
  return {
    ...queries(db),
    transaction: (fn) => (db.isTransaction ? fn(createCatalogStore(db)) : db.transaction().execute((trx) => fn(createCatalogStore(trx)))),
  };
}

function queries(db: Kysely<DB>) {
  return {

    async lastSequence(prefix: string): Promise<number> {
      const row = await db.selectFrom('catalog_resources').select((eb) => eb.fn.max('code').as('code')).where('code', 'like', `${prefix}/%`).executeTakeFirst();
      const code = row?.code as string | null | undefined;
      return code ? Number(code.split('/')[1]) : 0;
    },

    /** Read-only look at the identity module's departments, so that catalog transactions stay on one connection. */
    departmentOf: (id: string) => db.selectFrom('departments').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst(),

    insertResource: (row: ResourceRow) => db.insertInto('catalog_resources').values(row).execute(),
    updateResource: (id: string, patch: Partial<ResourceRow>) => db.updateTable('catalog_resources').set(patch).where('id', '=', id).execute(),
    resourceByCode: (code: string) => db.selectFrom('catalog_resources').selectAll().where('code', '=', code).executeTakeFirst(),
    resourceById: (id: string) => db.selectFrom('catalog_resources').selectAll().where('id', '=', id).executeTakeFirst(),
    resourcesByCodes: (codes: readonly string[]) =>
      codes.length === 0 ? Promise.resolve([]) : db.selectFrom('catalog_resources').select(['code', 'status']).where('code', 'in', [...codes]).execute(),

    async listResources(filter: ResourceFilter): Promise<ResourceRow[]> {
      let q = applyFilter(db.selectFrom('catalog_resources').selectAll(), filter);
      q = q.orderBy('code');
      if (filter.limit !== undefined) q = q.limit(filter.limit).offset(filter.offset ?? 0);
      return q.execute();
    },

    resourcesByIds: (ids: readonly string[]) =>
      ids.length === 0 ? Promise.resolve([] as ResourceRow[]) : db.selectFrom('catalog_resources').selectAll().where('id', 'in', [...ids]).execute(),
    allItemsForIndex: () => db.selectFrom('catalog_items').select(['resource_id', 'name', 'element_code']).orderBy('resource_id').orderBy('position').execute(),
    async countResources(filter: ResourceFilter): Promise<number> {
      const q = applyFilter(db.selectFrom('catalog_resources').select((eb) => eb.fn.countAll().as('n')), filter);
      return Number((await q.executeTakeFirst())?.n ?? 0);
    },

    insertItems: (items: readonly ResourceItemRow[]) => (items.length === 0 ? Promise.resolve() : db.insertInto('catalog_items').values([...items]).execute().then(() => undefined)),
    deleteItems: (resourceId: string) => db.deleteFrom('catalog_items').where('resource_id', '=', resourceId).execute(),
    itemsOf: (resourceIds: readonly string[]) =>
      resourceIds.length === 0 ? Promise.resolve([] as ResourceItemRow[]) : db.selectFrom('catalog_items').selectAll().where('resource_id', 'in', [...resourceIds]).orderBy('resource_id').orderBy('position').execute(),

    insertVersion: (row: Omit<ResourceVersionRow, 'id'>) => db.insertInto('catalog_versions').values(row).execute(),
    versionsOf: (resourceId: string) => db.selectFrom('catalog_versions').selectAll().where('resource_id', '=', resourceId).orderBy('version', 'desc').orderBy('id', 'desc').execute(),

    /** Non-retired resources whose items carry any of these elements, with their provider departments. */
    holdersOfElements: (elementCodes: readonly string[]) =>
      elementCodes.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('catalog_items as i')
            .innerJoin('catalog_resources as r', 'r.id', 'i.resource_id')
            .innerJoin('departments as d', 'd.id', 'r.provider_department_id')
            .select(['i.element_code', 'i.name as item_name', 'r.id as resource_id', 'r.code', 'r.name', 'r.status', 'r.sharing_type', 'd.id as department_id', 'd.code as department_code', 'd.name as department_name'])
            .where('i.element_code', 'in', [...elementCodes])
            .where('r.status', '!=', 'retired')
            .orderBy('r.code')
            .execute(),

    authority: (elementCode: string, scope: string) =>
      db.selectFrom('authoritative_sources as a').innerJoin('departments as d', 'd.id', 'a.department_id').leftJoin('catalog_resources as r', 'r.id', 'a.resource_id')
        .select(['a.element_code', 'a.scope', 'a.department_id', 'a.resource_id', 'a.claimed_at', 'd.code as department_code', 'd.name as department_name', 'r.code as resource_code', 'r.name as resource_name'])
        .where('a.element_code', '=', elementCode).where('a.scope', '=', scope).executeTakeFirst(),
    listAuthorities: (scope: string) =>
      db.selectFrom('authoritative_sources as a').innerJoin('departments as d', 'd.id', 'a.department_id').leftJoin('catalog_resources as r', 'r.id', 'a.resource_id')
        .select(['a.element_code', 'a.scope', 'a.department_id', 'a.resource_id', 'a.claimed_at', 'd.code as department_code', 'd.name as department_name', 'r.code as resource_code', 'r.name as resource_name'])
        .where('a.scope', '=', scope).orderBy('a.element_code').execute(),
    insertAuthority: (row: AuthoritativeSourceRow) => db.insertInto('authoritative_sources').values(row).execute(),
    deleteAuthority: (elementCode: string, scope: string) => db.deleteFrom('authoritative_sources').where('element_code', '=', elementCode).where('scope', '=', scope).execute(),
    releaseAuthoritiesOf: (resourceId: string) => db.deleteFrom('authoritative_sources').where('resource_id', '=', resourceId).execute(),

    insertCustomElement: (row: CustomElementRow) => db.insertInto('custom_elements').values(row).execute(),
    listCustomElements: () => db.selectFrom('custom_elements').selectAll().orderBy('code').execute(),

    /** Cheap fingerprint of the catalog, so the search index knows when to rebuild. */
    stamp: async () => {
      const row = await db.selectFrom('catalog_resources').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('latest')]).executeTakeFirst();
      return `${String(row?.n ?? 0)}|${String(row?.latest ?? '')}`;
    },
  };
}

function applyFilter<O>(query: SelectQueryBuilder<DB, 'catalog_resources', O>, filter: ResourceFilter): SelectQueryBuilder<DB, 'catalog_resources', O> {
  let q = query;
      if (filter.providerDepartmentId) q = q.where('provider_department_id', '=', filter.providerDepartmentId);
      if (filter.sharingType) q = q.where('sharing_type', '=', filter.sharingType);
      if (filter.openFlag !== undefined) q = q.where('open_flag', '=', filter.openFlag);
      if (filter.elementCode) {
        const code = filter.elementCode;
        q = q.where('id', 'in', (eb) => eb.selectFrom('catalog_items').select('resource_id').where('element_code', '=', code));
      }
      const statuses = filter.statuses;
      const own = filter.visibleToDepartmentId;
      if (statuses && own) q = q.where((eb) => eb.or([eb('status', 'in', [...statuses]), eb('provider_department_id', '=', own)]));
      else if (statuses) q = q.where('status', 'in', [...statuses]);
  return q;
}

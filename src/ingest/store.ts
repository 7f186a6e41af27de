import { sql, type Kysely } from 'kysely';
import { isSqlite } from '../db/columns.ts';
import type { DB } from '../db/schema.ts';
import { keyHash } from './key-hash.ts';
import type { IngestBatchRow, IngestObjectionRow, IngestQuarantineRow } from './tables.ts';

export type IngestStore = ReturnType<typeof createIngestStore>;

/** The SQL of the ingest module outside the batch hot path (which lives in the engine writers). */
export function createIngestStore(db: Kysely<DB>) {
  return {
    async ensureResource(resourceId: string, code: string, now: string): Promise<number> {
      const found = await db.selectFrom('ingest_resources').select('rid').where('resource_id', '=', resourceId).executeTakeFirst();
      if (found) return found.rid;
      await db.insertInto('ingest_resources').values({ resource_id: resourceId, resource_code: code, profile: '{}', last_batch_no: null, last_applied_at: null, created_at: now })
        .onConflict((oc) => oc.column('resource_id').doNothing()).execute();
      return (await db.selectFrom('ingest_resources').select('rid').where('resource_id', '=', resourceId).executeTakeFirstOrThrow()).rid;
    },
    resourceByCode: (code: string) => db.selectFrom('ingest_resources').selectAll().where('resource_code', '=', code).executeTakeFirst(),
    resourcesByRid: (rids: readonly number[]) => (rids.length === 0 ? Promise.resolve([]) : db.selectFrom('ingest_resources').selectAll().where('rid', 'in', rids).execute()),
    allResources: () => db.selectFrom('ingest_resources').selectAll().execute(),
    setProfile: (rid: number, profile: string) => db.updateTable('ingest_resources').set({ profile }).where('rid', '=', rid).execute(),

    mapping: (departmentId: string, rid: number) => db.selectFrom('ingest_mappings').selectAll().where('department_id', '=', departmentId).where('rid', '=', rid).executeTakeFirst(),
    async saveMapping(departmentId: string, rid: number, mapping: string, by: string, at: string) {
      await db.insertInto('ingest_mappings').values({ department_id: departmentId, rid, mapping, updated_by: by, updated_at: at })
        .onConflict((oc) => oc.columns(['department_id', 'rid']).doUpdateSet({ mapping, updated_by: by, updated_at: at })).execute();
    },

    batchById: (id: string) => db.selectFrom('ingest_batches').selectAll().where('id', '=', id).executeTakeFirst(),
    batchByNo: (no: number) => db.selectFrom('ingest_batches').selectAll().where('no', '=', no).executeTakeFirst(),
    batchesOf: (rid: number, limit: number) => db.selectFrom('ingest_batches').selectAll().where('rid', '=', rid).orderBy('no', 'desc').limit(limit).execute(),
    lastApplied(rid: number, before?: number) {
      let q = db.selectFrom('ingest_batches').selectAll().where('rid', '=', rid).where('status', '=', 'applied').where('source', '<>', 'objection');
      if (before !== undefined) q = q.where('no', '<', before);
      return q.orderBy('no', 'desc').limit(1).executeTakeFirst();
    },
    appliedWithHash: (rid: number, hash: string, mode: string) =>
      db.selectFrom('ingest_batches').selectAll().where('rid', '=', rid).where('content_hash', '=', hash).where('mode', '=', mode).where('status', '=', 'applied').orderBy('no').limit(1).executeTakeFirst(),
    insertFailedBatch: (row: Omit<IngestBatchRow, 'no'>) => db.insertInto('ingest_batches').values(row).execute(),

    quarantine: (batchNo: number, offset: number, limit: number, status?: string) => {
      let q = db.selectFrom('ingest_quarantine').selectAll().where('batch_no', '=', batchNo);
      if (status) q = q.where('status', '=', status);
      return q.orderBy('row_no').offset(offset).limit(limit).execute();
    },
    async quarantineCounts(batchNo: number): Promise<Record<string, number>> {
      const rows = await db.selectFrom('ingest_quarantine').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('batch_no', '=', batchNo).groupBy('status').execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
    quarantineRows: (batchNo: number, rowNos: readonly number[]): Promise<IngestQuarantineRow[]> =>
      rowNos.length === 0 ? Promise.resolve([]) : db.selectFrom('ingest_quarantine').selectAll().where('batch_no', '=', batchNo).where('row_no', 'in', rowNos).execute(),
    warnings: (batchNo: number, limit: number) => db.selectFrom('ingest_warnings').selectAll().where('batch_no', '=', batchNo).orderBy('id').limit(limit).execute(),

    qualityHistory: (rid: number, limit: number) => db.selectFrom('ingest_quality').selectAll().where('rid', '=', rid).orderBy('id', 'desc').limit(limit).execute(),

    record: (rid: number, key: string) => db.selectFrom('ingest_record_keys as k').innerJoin('ingest_records as r', 'r.id', 'k.record_id').selectAll('r')
      .where('k.rid', '=', rid).where('k.key_hash', '=', keyHash(key)).where('r.record_key', '=', key).executeTakeFirst(),
    versions: (rid: number, key: string) => db.selectFrom('ingest_record_versions').selectAll().where('rid', '=', rid).where('record_key', '=', key).orderBy('version').execute(),
    /** Live records whose JSON holds `needle` (a cheap pre-filter; the caller checks the item). */
    recordsContaining: (rid: number, needle: string, limit: number) =>
      db.selectFrom('ingest_record_keys as k').innerJoin('ingest_records as r', 'r.id', 'k.record_id').selectAll('r').where('k.rid', '=', rid).where('r.deleted', '=', 0)
        .where(sql<boolean>`${sql.raw(isSqlite(db) ? 'instr' : 'strpos')}(r.data, ${needle}) > 0`).limit(limit).execute(),
    layout: (id: number) => db.selectFrom('ingest_layouts').select('items').where('id', '=', id).executeTakeFirst(),
    async latestSeq(): Promise<number> {
      const r = await db.selectFrom('ingest_changes').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
      return Number(r?.m ?? 0);
    },
    changesSince(seq: number, limit: number, rids?: readonly number[]) {
      // The current version is in ingest_records, older ones in ingest_record_versions.
      let q = db.selectFrom('ingest_changes as c')
        .innerJoin('ingest_batches as b', 'b.no', 'c.batch_no')
        .innerJoin('ingest_records as r', 'r.id', 'c.record_id')
        .leftJoin('ingest_record_versions as v', (j) => j.onRef('v.rid', '=', 'c.rid').onRef('v.record_key', '=', 'r.record_key').onRef('v.version', '=', 'c.version'))
        .select(['c.seq', 'c.rid', 'r.record_key', 'c.op', 'c.version', 'b.id as batch_id', 'b.started_at as at',
          (eb) => eb.case().when('r.version', '=', eb.ref('c.version')).then(eb.ref('r.data')).else(eb.ref('v.data')).end().as('data'),
          (eb) => eb.case().when('r.version', '=', eb.ref('c.version')).then(eb.ref('r.layout')).else(eb.ref('v.layout')).end().as('layout')])
        .where('c.seq', '>', seq);
      if (rids) q = q.where('c.rid', 'in', rids.length > 0 ? rids : [-1]);
      return q.orderBy('c.seq').limit(limit).execute();
    },

    insertObjection: (row: IngestObjectionRow) => db.insertInto('ingest_objections').values(row).execute(),
    objection: (id: string) => db.selectFrom('ingest_objections').selectAll().where('id', '=', id).executeTakeFirst(),
    objections(filter: { providerDepartmentId?: string | undefined; raiserDepartmentId?: string | undefined; status?: string | undefined; overdueAt?: string | undefined; limit: number }) {
      let q = db.selectFrom('ingest_objections').selectAll();
      if (filter.providerDepartmentId) q = q.where('provider_department_id', '=', filter.providerDepartmentId);
      if (filter.raiserDepartmentId) q = q.where('raiser_department_id', '=', filter.raiserDepartmentId);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.overdueAt) q = q.where('status', '=', 'open').where('deadline', '<', filter.overdueAt);
      return q.orderBy('deadline').limit(filter.limit).execute();
    },
    /** Closes an open objection; false when someone else closed it first. */
    async resolveObjection(id: string, patch: Partial<IngestObjectionRow>): Promise<boolean> {
      const r = await db.updateTable('ingest_objections').set(patch).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Read-only look at the catalog's county-defined elements, whose specs the validators need. */
    customElements: () => db.selectFrom('custom_elements').select(['code', 'spec']).execute(),
  };
}

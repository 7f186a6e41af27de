import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type {
  RegistryDecisionRow, RegistryDiscrepancyRow, RegistryEntityRow, RegistryMentionRow, RegistryObjectionRow, RegistryReviewRow, RegistryStateRow,
} from './tables.ts';

/**
 * SQL of the registries. Writes are chunked so that a county-sized first load stays within
 * SQLite's bound-parameter limit.
 *
 * @example
 * const store = createRegistryStore(db);
 * await store.transaction((tx) => tx.upsertMentions(rows));
 */
export type RegistryStore = ReturnType<typeof createRegistryStore>;
export type RegistryQueries = ReturnType<typeof queries>;

const CHUNK = 400;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export interface MentionKey {
  readonly resource_code: string;
  readonly record_key: string;
  readonly role: string;
}

export interface DiscrepancyFilter {
  readonly kind?: string | undefined;
  readonly type?: string | undefined;
  readonly field?: string | undefined;
  readonly department?: string | undefined;
  readonly status?: string | undefined;
  readonly entityId?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export function createRegistryStore(db: Kysely<DB>) {
  return {
    ...queries(db),
    transaction: <T>(fn: (tx: RegistryQueries) => Promise<T>): Promise<T> => db.transaction().execute((trx) => fn(queries(trx))),

    /** Takes the sync lease (one syncing process per database) unless another holder's lease is still running. */
    acquireLease: (holder: string, now: string, until: string): Promise<boolean> => db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('registry_state').selectAll().where('kind', '=', 'lease').executeTakeFirst();
      if (row && row.params !== holder && row.updated_at > now) return false;
      await queries(trx).saveState({ kind: 'lease', params: holder, trained_size: 0, next_entity: 0, last_seq: 0, updated_at: until });
      return true;
    }),
    async releaseLease(holder: string, now: string) {
      await db.updateTable('registry_state').set({ updated_at: now }).where('kind', '=', 'lease').where('params', '=', holder).execute();
    },
  };
}

function queries(db: Kysely<DB> | Transaction<DB>) {
  return {

    state: (kind: string) => db.selectFrom('registry_state').selectAll().where('kind', '=', kind).executeTakeFirst(),
    async saveState(row: RegistryStateRow) {
      await db.insertInto('registry_state').values(row)
        .onConflict((oc) => oc.column('kind').doUpdateSet({ params: row.params, trained_size: row.trained_size, next_entity: row.next_entity, last_seq: row.last_seq, updated_at: row.updated_at }))
        .execute();
    },

    async upsertMentions(rows: readonly RegistryMentionRow[]) {
      for (const part of chunks(rows, 200)) {
        await db.insertInto('registry_mentions').values(part)
          .onConflict((oc) => oc.columns(['resource_code', 'record_key', 'role']).doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'), entity_id: eb.ref('excluded.entity_id'), department_code: eb.ref('excluded.department_code'),
            version: eb.ref('excluded.version'), batch_id: eb.ref('excluded.batch_id'), at: eb.ref('excluded.at'), values: eb.ref('excluded.values'),
            items: eb.ref('excluded.items'), hints: eb.ref('excluded.hints'), event_date: eb.ref('excluded.event_date'), linked_at: eb.ref('excluded.linked_at'),
          })))
          .execute();
      }
    },
    /** Moves mentions to the entity they belong to now (after merges and splits). */
    async reassign(moves: ReadonlyArray<MentionKey & { entity_id: string }>) {
      for (const m of moves) {
        await db.updateTable('registry_mentions').set({ entity_id: m.entity_id })
          .where('resource_code', '=', m.resource_code).where('record_key', '=', m.record_key).where('role', '=', m.role).execute();
      }
    },
    async deleteMentions(keys: readonly MentionKey[]) {
      for (const k of keys) {
        await db.deleteFrom('registry_mentions').where('resource_code', '=', k.resource_code).where('record_key', '=', k.record_key).where('role', '=', k.role).execute();
      }
    },
    /** Mentions of the given records (every role). */
    async mentionsOfRecords(records: ReadonlyArray<{ resource_code: string; record_key: string }>): Promise<RegistryMentionRow[]> {
      const out: RegistryMentionRow[] = [];
      const byResource = new Map<string, string[]>();
      for (const r of records) byResource.set(r.resource_code, [...(byResource.get(r.resource_code) ?? []), r.record_key]);
      for (const [code, keys] of byResource) {
        for (const part of chunks([...new Set(keys)])) {
          out.push(...(await db.selectFrom('registry_mentions').selectAll().where('resource_code', '=', code).where('record_key', 'in', part).execute()));
        }
      }
      return out;
    },
    async mentionsOfEntities(ids: readonly string[]): Promise<RegistryMentionRow[]> {
      const out: RegistryMentionRow[] = [];
      for (const part of chunks([...new Set(ids)])) out.push(...(await db.selectFrom('registry_mentions').selectAll().where('entity_id', 'in', part).execute()));
      return out;
    },
    /** Every mention of a registry, in a stable order, for rebuilding its linker. */
    allMentions: (kind: string) => db.selectFrom('registry_mentions').selectAll().where('kind', '=', kind).orderBy('linked_at').orderBy('resource_code').orderBy('record_key').orderBy('role').execute(),
    countMentions: async (kind: string) => Number((await db.selectFrom('registry_mentions').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', kind).executeTakeFirstOrThrow()).n),

    async upsertEntities(rows: readonly RegistryEntityRow[]) {
      for (const part of chunks(rows, 200)) {
        await db.insertInto('registry_entities').values(part)
          .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'), merged_into: eb.ref('excluded.merged_into'), golden: eb.ref('excluded.golden'), label: eb.ref('excluded.label'),
            identifier: eb.ref('excluded.identifier'), household_no: eb.ref('excluded.household_no'), address_key: eb.ref('excluded.address_key'),
            mention_count: eb.ref('excluded.mention_count'), open_discrepancies: eb.ref('excluded.open_discrepancies'), updated_at: eb.ref('excluded.updated_at'),
          })))
          .execute();
      }
    },
    entity: (id: string) => db.selectFrom('registry_entities').selectAll().where('id', '=', id).executeTakeFirst(),
    async entities(ids: readonly string[]): Promise<RegistryEntityRow[]> {
      const out: RegistryEntityRow[] = [];
      for (const part of chunks([...new Set(ids)])) out.push(...(await db.selectFrom('registry_entities').selectAll().where('id', 'in', part).execute()));
      return out;
    },
    async searchEntities(kind: string, q: { identifier?: string; label?: string; prefix?: string }, limit: number, offset: number) {
      let query = db.selectFrom('registry_entities').selectAll().where('kind', '=', kind).where('status', '=', 'active');
      if (q.identifier !== undefined) query = query.where('identifier', '=', q.identifier);
      if (q.label !== undefined) query = query.where('label', '=', q.label);
      if (q.prefix !== undefined) query = query.where('label', 'like', `${q.prefix.replace(/[%_\\]/g, '')}%`);
      return query.orderBy('id').limit(limit).offset(offset).execute();
    },
    entitiesByHousehold: (no: string) => db.selectFrom('registry_entities').selectAll().where('household_no', '=', no).where('kind', '=', 'person').where('status', '=', 'active').orderBy('id').limit(200).execute(),
    entitiesByAddress: (kind: string, key: string) => db.selectFrom('registry_entities').selectAll().where('address_key', '=', key).where('kind', '=', kind).where('status', '=', 'active').orderBy('id').limit(200).execute(),
    async counts() {
      return db.selectFrom('registry_entities').select(['kind', 'status']).select((eb) => eb.fn.countAll().as('n')).groupBy(['kind', 'status']).execute();
    },

    async insertEvents(rows: ReadonlyArray<{ kind: string; entity_id: string; type: string; from_ids: string; refs: string; actor: string; at: string }>) {
      for (const part of chunks(rows, 300)) await db.insertInto('registry_events').values(part).execute();
    },
    eventsOf: (entityId: string) => db.selectFrom('registry_events').selectAll().where('entity_id', '=', entityId).orderBy('id').limit(500).execute(),

    /** New review pairs; a pair already queued (or decided) keeps its row. */
    async queueReviews(rows: readonly RegistryReviewRow[]) {
      for (const part of chunks(rows, 300)) {
        await db.insertInto('registry_review').values(part).onConflict((oc) => oc.columns(['a', 'b']).doNothing()).execute();
      }
    },
    review: (id: string) => db.selectFrom('registry_review').selectAll().where('id', '=', id).executeTakeFirst(),
    async reviews(filter: { kind?: string | undefined; status: string; limit: number; offset: number }) {
      let q = db.selectFrom('registry_review').selectAll().where('status', '=', filter.status);
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      const rows = await q.orderBy('probability', 'desc').orderBy('id').limit(filter.limit).offset(filter.offset).execute();
      let c = db.selectFrom('registry_review').select((eb) => eb.fn.countAll().as('n')).where('status', '=', filter.status);
      if (filter.kind) c = c.where('kind', '=', filter.kind);
      return { total: Number((await c.executeTakeFirstOrThrow()).n), rows };
    },
    async closeReview(id: string, set: Pick<RegistryReviewRow, 'status' | 'decision' | 'decided_by' | 'decided_by_name' | 'decided_at'>) {
      await db.updateTable('registry_review').set(set).where('id', '=', id).execute();
    },

    async saveDecisions(rows: readonly RegistryDecisionRow[]) {
      for (const part of chunks(rows, 300)) {
        await db.insertInto('registry_decisions').values(part)
          .onConflict((oc) => oc.columns(['a', 'b']).doUpdateSet((eb) => ({ decision: eb.ref('excluded.decision'), origin: eb.ref('excluded.origin'), actor: eb.ref('excluded.actor'), at: eb.ref('excluded.at') })))
          .execute();
      }
    },
    decisions: (kind: string) => db.selectFrom('registry_decisions').selectAll().where('kind', '=', kind).execute(),

    async upsertDiscrepancies(rows: readonly RegistryDiscrepancyRow[]) {
      for (const part of chunks(rows, 150)) {
        await db.insertInto('registry_discrepancies').values(part)
          .onConflict((oc) => oc.column('fingerprint').doUpdateSet((eb) => ({
            entity_id: eb.ref('excluded.entity_id'), values: eb.ref('excluded.values'), expected: eb.ref('excluded.expected'), reason: eb.ref('excluded.reason'),
            departments: eb.ref('excluded.departments'), status: 'open', resolved_at: null,
          })))
          .execute();
      }
    },
    async discrepanciesByFingerprint(fingerprints: readonly string[]): Promise<RegistryDiscrepancyRow[]> {
      const out: RegistryDiscrepancyRow[] = [];
      for (const part of chunks([...new Set(fingerprints)])) out.push(...(await db.selectFrom('registry_discrepancies').selectAll().where('fingerprint', 'in', part).execute()));
      return out;
    },
    async openDiscrepanciesOf(entityIds: readonly string[]): Promise<RegistryDiscrepancyRow[]> {
      const out: RegistryDiscrepancyRow[] = [];
      for (const part of chunks([...new Set(entityIds)])) {
        out.push(...(await db.selectFrom('registry_discrepancies').selectAll().where('entity_id', 'in', part).where('status', '=', 'open').execute()));
      }
      return out;
    },
    async resolveDiscrepancies(ids: readonly string[], at: string) {
      for (const part of chunks(ids)) await db.updateTable('registry_discrepancies').set({ status: 'resolved', resolved_at: at }).where('id', 'in', part).execute();
    },
    async setTargets(id: string, targets: string) {
      await db.updateTable('registry_discrepancies').set({ targets }).where('id', '=', id).execute();
    },
    async discrepancies(f: DiscrepancyFilter) {
      let q = db.selectFrom('registry_discrepancies').selectAll();
      let c = db.selectFrom('registry_discrepancies').select((eb) => eb.fn.countAll().as('n'));
      const where = <T extends typeof q | typeof c>(x: T): T => {
        let y = x as typeof q;
        if (f.kind) y = y.where('kind', '=', f.kind);
        if (f.type) y = y.where('type', '=', f.type);
        if (f.field) y = y.where('field', '=', f.field);
        if (f.status) y = y.where('status', '=', f.status);
        if (f.entityId) y = y.where('entity_id', '=', f.entityId);
        if (f.department) y = y.where('departments', 'like', `%,${f.department.replace(/[%_,\\]/g, '')},%`);
        return y as unknown as T;
      };
      q = where(q);
      c = where(c);
      const rows = await q.orderBy('detected_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
      return { total: Number((await c.executeTakeFirstOrThrow()).n), rows };
    },
    async discrepancySummary() {
      return db.selectFrom('registry_discrepancies').select(['kind', 'type', 'field']).select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'open').groupBy(['kind', 'type', 'field']).execute();
    },

    objection: (k: Pick<RegistryObjectionRow, 'resource_code' | 'record_key' | 'item' | 'value'>) =>
      db.selectFrom('registry_objections').selectAll().where('resource_code', '=', k.resource_code).where('record_key', '=', k.record_key).where('item', '=', k.item).where('value', '=', k.value).executeTakeFirst(),
    async saveObjection(row: RegistryObjectionRow) {
      await db.insertInto('registry_objections').values(row).onConflict((oc) => oc.columns(['resource_code', 'record_key', 'item', 'value']).doNothing()).execute();
    },
    countObjections: async () => Number((await db.selectFrom('registry_objections').select((eb) => eb.fn.countAll().as('n')).where('objection_id', 'is not', null).executeTakeFirstOrThrow()).n),
  };
}

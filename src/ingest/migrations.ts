import { sql, type Kysely, type Migration } from 'kysely';
import { bigint, isSqlite, withSerialId } from '../db/columns.ts';
import { keyHash } from './key-hash.ts';

export const ingestMigrations: Record<string, Migration> = {
  '0300_ingest': {
    async up(db: Kysely<any>) {
      const big = bigint(db);
      await withSerialId(db, db.schema.createTable('ingest_resources'), 'rid')
        .addColumn('resource_id', 'text', (c) => c.notNull().unique())
        .addColumn('resource_code', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('last_batch_no', big)
        .addColumn('last_applied_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withSerialId(db, db.schema.createTable('ingest_batches'), 'no')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('rid', 'integer', (c) => c.notNull())
        .addColumn('department_id', 'text')
        .addColumn('submitted_by', 'text', (c) => c.notNull())
        .addColumn('submitted_by_name', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text')
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('encoding', 'text')
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('corrects_batch_no', big)
        .addColumn('rows_read', big, (c) => c.notNull())
        .addColumn('accepted', big, (c) => c.notNull())
        .addColumn('quarantined', big, (c) => c.notNull())
        .addColumn('inserted', big, (c) => c.notNull())
        .addColumn('updated', big, (c) => c.notNull())
        .addColumn('deleted', big, (c) => c.notNull())
        .addColumn('unchanged', big, (c) => c.notNull())
        .addColumn('duplicates', big, (c) => c.notNull())
        .addColumn('warnings', big, (c) => c.notNull())
        .addColumn('first_seq', big)
        .addColumn('last_seq', big)
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('ingest_batches_by_resource').on('ingest_batches').columns(['rid', 'content_hash']).execute();
      await db.schema.createIndex('ingest_batches_by_department').on('ingest_batches').columns(['department_id', 'no']).execute();

      await db.schema
        .createTable('ingest_records')
        .addColumn('rid', 'integer', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('batch_no', big, (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ingest_records_pk', ['rid', 'record_key'])
        .execute();
      await db.schema
        .createTable('ingest_record_versions')
        .addColumn('rid', 'integer', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('batch_no', big, (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('superseded_by', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('ingest_record_versions_pk', ['rid', 'record_key', 'version'])
        .execute();
      await withSerialId(db, db.schema.createTable('ingest_changes'), 'seq')
        .addColumn('rid', 'integer', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('batch_no', big, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('ingest_quarantine')
        .addColumn('batch_no', big, (c) => c.notNull())
        .addColumn('row_no', big, (c) => c.notNull())
        .addColumn('cells', 'text', (c) => c.notNull())
        .addColumn('errors', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('resolved_by_batch', big)
        .addPrimaryKeyConstraint('ingest_quarantine_pk', ['batch_no', 'row_no'])
        .execute();
      await withSerialId(db, db.schema.createTable('ingest_warnings'))
        .addColumn('batch_no', big, (c) => c.notNull())
        .addColumn('row_no', big, (c) => c.notNull())
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('raw', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text')
        .execute();
      await db.schema.createIndex('ingest_warnings_by_batch').on('ingest_warnings').columns(['batch_no', 'row_no']).execute();

      await db.schema
        .createTable('ingest_mappings')
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('rid', 'integer', (c) => c.notNull())
        .addColumn('mapping', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ingest_mappings_pk', ['department_id', 'rid'])
        .execute();
      await withSerialId(db, db.schema.createTable('ingest_quality'))
        .addColumn('rid', 'integer', (c) => c.notNull())
        .addColumn('batch_no', big)
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('score', 'real', (c) => c.notNull())
        .addColumn('metrics', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ingest_quality_by_resource').on('ingest_quality').columns(['rid', 'at']).execute();

      await db.schema
        .createTable('ingest_objections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('rid', 'integer', (c) => c.notNull())
        .addColumn('resource_code', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('value', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('raised_by', 'text', (c) => c.notNull())
        .addColumn('raised_by_name', 'text', (c) => c.notNull())
        .addColumn('raiser_department_id', 'text')
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('resolved_by', 'text')
        .addColumn('resolved_by_name', 'text')
        .addColumn('explanation', 'text')
        .addColumn('new_value', 'text')
        .addColumn('correction_batch_no', big)
        .addColumn('correction_version', 'integer')
        .execute();
      await db.schema.createIndex('ingest_objections_by_provider').on('ingest_objections').columns(['provider_department_id', 'status']).execute();
      await db.schema.createIndex('ingest_objections_by_raiser').on('ingest_objections').columns(['raiser_department_id', 'status']).execute();
      await db.schema.createIndex('ingest_objections_by_record').on('ingest_objections').columns(['rid', 'record_key']).execute();
    },
    async down(db: Kysely<any>) {
      for (const t of [
        'ingest_objections', 'ingest_quality', 'ingest_mappings', 'ingest_warnings', 'ingest_quarantine',
        'ingest_changes', 'ingest_record_versions', 'ingest_records', 'ingest_batches', 'ingest_resources',
      ]) await db.schema.dropTable(t).execute();
    },
  },
  // Records get a surrogate id and their key index moves to a table of its own (by key hash), so that a
  // first load appends records and writes the key index in hash order; changes name records by id;
  // data may be a positional array whose item names are in ingest_layouts; a version's time is its
  // batch's (docs/decisions/0306-ingest-record-keys.md).
  '0301_ingest_record_keys': {
    async up(db: Kysely<any>) {
      const big = bigint(db);
      await withSerialId(db, db.schema.createTable('ingest_layouts'))
        .addColumn('items', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema.alterTable('ingest_record_versions').addColumn('layout', 'integer').execute();
      await db.schema.alterTable('ingest_resources').addColumn('live_records', big, (c) => c.notNull().defaultTo(0)).execute();
      // A change names its record by id, so that reading the change log joins records by primary key.
      await db.schema.alterTable('ingest_changes').addColumn('record_id', big).execute();
      if (isSqlite(db)) {
        // A plain rowid alias, not AUTOINCREMENT: ids are handed out by the batch writer.
        await sql`CREATE TABLE ingest_records_new (id integer PRIMARY KEY, rid integer NOT NULL, record_key text NOT NULL, layout integer,
          data text NOT NULL, version integer NOT NULL, deleted integer NOT NULL, batch_no integer NOT NULL)`.execute(db);
        await sql`INSERT INTO ingest_records_new (rid, record_key, layout, data, version, deleted, batch_no)
          SELECT rid, record_key, NULL, data, version, deleted, batch_no FROM ingest_records ORDER BY rid, record_key`.execute(db);
        await sql`CREATE INDEX ingest_records_new_by_key ON ingest_records_new (rid, record_key)`.execute(db);
        await sql`UPDATE ingest_changes SET record_id = (SELECT n.id FROM ingest_records_new n WHERE n.rid = ingest_changes.rid AND n.record_key = ingest_changes.record_key)`.execute(db);
        await sql`DROP INDEX ingest_records_new_by_key`.execute(db);
        await sql`DROP TABLE ingest_records`.execute(db);
        await sql`ALTER TABLE ingest_records_new RENAME TO ingest_records`.execute(db);
        await sql`CREATE TABLE ingest_record_keys (rid integer NOT NULL, key_hash integer NOT NULL, record_id integer NOT NULL,
          PRIMARY KEY (rid, key_hash, record_id)) WITHOUT ROWID`.execute(db);
      } else {
        await sql`ALTER TABLE ingest_records DROP CONSTRAINT ingest_records_pk`.execute(db);
        await sql`ALTER TABLE ingest_records ADD COLUMN id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY`.execute(db);
        await sql`ALTER TABLE ingest_records ADD COLUMN layout integer`.execute(db);
        await sql`ALTER TABLE ingest_records DROP COLUMN updated_at`.execute(db);
        await sql`UPDATE ingest_changes c SET record_id = r.id FROM ingest_records r WHERE r.rid = c.rid AND r.record_key = c.record_key`.execute(db);
        await sql`CREATE TABLE ingest_record_keys (rid integer NOT NULL, key_hash bigint NOT NULL, record_id bigint NOT NULL,
          CONSTRAINT ingest_record_keys_pk PRIMARY KEY (rid, key_hash, record_id))`.execute(db);
      }
      for (let after = 0; ;) {
        const rows = await db.selectFrom('ingest_records').select(['id', 'rid', 'record_key']).where('id', '>', after).orderBy('id').limit(5000).execute();
        if (rows.length === 0) break;
        await db.insertInto('ingest_record_keys').values(rows.map((r) => ({ rid: r.rid, key_hash: keyHash(r.record_key), record_id: r.id }))).execute();
        after = Number(rows[rows.length - 1]!.id);
      }
      await sql`UPDATE ingest_resources SET live_records = (SELECT count(*) FROM ingest_records r WHERE r.rid = ingest_resources.rid AND r.deleted = 0)`.execute(db);
      // The key is the record's: a change row need not repeat it. A version's time is its batch's.
      await db.schema.alterTable('ingest_changes').dropColumn('record_key').execute();
      await db.schema.alterTable('ingest_record_versions').dropColumn('updated_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('ingest_record_keys').execute();
      await db.schema.dropTable('ingest_layouts').execute();
    },
  },
};

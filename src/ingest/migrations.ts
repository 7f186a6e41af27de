import type { Kysely, Migration } from 'kysely';
import { bigint, withSerialId } from '../db/columns.ts';

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
};

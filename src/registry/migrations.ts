import type { Kysely, Migration } from 'kysely';
import { bigint, withSerialId } from '../db/columns.ts';

export const registryMigrations: Record<string, Migration> = {
  '0400_registry': {
    async up(db: Kysely<any>) {
      const big = bigint(db);
      await db.schema
        .createTable('registry_state')
        .addColumn('kind', 'text', (c) => c.primaryKey())
        .addColumn('params', 'text')
        .addColumn('trained_size', big, (c) => c.notNull())
        .addColumn('next_entity', big, (c) => c.notNull())
        .addColumn('last_seq', big, (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('registry_mentions')
        .addColumn('resource_code', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('department_code', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('batch_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('values', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('hints', 'text', (c) => c.notNull())
        .addColumn('event_date', 'text', (c) => c.notNull())
        .addColumn('linked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('registry_mentions_pk', ['resource_code', 'record_key', 'role'])
        .execute();
      await db.schema.createIndex('registry_mentions_by_entity').on('registry_mentions').columns(['entity_id']).execute();
      await db.schema.createIndex('registry_mentions_by_kind').on('registry_mentions').columns(['kind']).execute();

      await db.schema
        .createTable('registry_entities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('merged_into', 'text')
        .addColumn('golden', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('household_no', 'text', (c) => c.notNull())
        .addColumn('address_key', 'text', (c) => c.notNull())
        .addColumn('mention_count', 'integer', (c) => c.notNull())
        .addColumn('open_discrepancies', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('registry_entities_by_identifier').on('registry_entities').columns(['kind', 'identifier']).execute();
      await db.schema.createIndex('registry_entities_by_label').on('registry_entities').columns(['kind', 'label']).execute();
      await db.schema.createIndex('registry_entities_by_household').on('registry_entities').columns(['household_no']).execute();
      await db.schema.createIndex('registry_entities_by_address').on('registry_entities').columns(['address_key']).execute();

      await withSerialId(db, db.schema.createTable('registry_events'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('from_ids', 'text', (c) => c.notNull())
        .addColumn('refs', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('registry_events_by_entity').on('registry_events').columns(['entity_id']).execute();

      await db.schema
        .createTable('registry_review')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('a', 'text', (c) => c.notNull())
        .addColumn('b', 'text', (c) => c.notNull())
        .addColumn('probability', 'real', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_by_name', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('registry_review_pair', ['a', 'b'])
        .execute();
      await db.schema.createIndex('registry_review_by_status').on('registry_review').columns(['status', 'kind']).execute();

      await db.schema
        .createTable('registry_decisions')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('a', 'text', (c) => c.notNull())
        .addColumn('b', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('registry_decisions_pk', ['a', 'b'])
        .execute();

      await db.schema
        .createTable('registry_discrepancies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('values', 'text', (c) => c.notNull())
        .addColumn('expected', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('targets', 'text', (c) => c.notNull())
        .addColumn('departments', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('detected_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .execute();
      await db.schema.createIndex('registry_discrepancies_by_entity').on('registry_discrepancies').columns(['entity_id']).execute();
      await db.schema.createIndex('registry_discrepancies_by_status').on('registry_discrepancies').columns(['status', 'kind', 'type']).execute();

      await db.schema
        .createTable('registry_objections')
        .addColumn('resource_code', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('objection_id', 'text')
        .addColumn('discrepancy_id', 'text', (c) => c.notNull())
        .addColumn('department_code', 'text', (c) => c.notNull())
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addPrimaryKeyConstraint('registry_objections_pk', ['resource_code', 'record_key', 'item', 'value'])
        .execute();
    },
  },
};

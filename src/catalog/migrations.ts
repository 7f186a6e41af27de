import type { Kysely, Migration } from 'kysely';
import { withSerialId } from '../db/columns.ts';

export const catalogMigrations: Record<string, Migration> = {
  '0200_catalog': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('catalog_resources')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('class_code', 'text', (c) => c.notNull())
        .addColumn('item_code', 'text', (c) => c.notNull())
        .addColumn('catalog_code', 'text', (c) => c.notNull())
        .addColumn('detail_code', 'text')
        .addColumn('provider_department_id', 'text', (c) => c.notNull().references('departments.id'))
        .addColumn('provider_code', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('sharing_type', 'text', (c) => c.notNull())
        .addColumn('sharing_condition', 'text')
        .addColumn('sharing_basis', 'text')
        .addColumn('sharing_method', 'text', (c) => c.notNull())
        .addColumn('open_flag', 'integer', (c) => c.notNull())
        .addColumn('open_condition', 'text')
        .addColumn('update_cycle', 'text', (c) => c.notNull())
        .addColumn('related_codes', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('catalog_resources_by_provider').on('catalog_resources').columns(['provider_department_id', 'status']).execute();
      await db.schema
        .createTable('catalog_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('resource_id', 'text', (c) => c.notNull().references('catalog_resources.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('data_type', 'text', (c) => c.notNull())
        .addColumn('element_code', 'text')
        .addColumn('length', 'integer')
        .addColumn('is_key', 'integer', (c) => c.notNull())
        .addColumn('authoritative', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('catalog_items_by_resource').on('catalog_items').columns(['resource_id', 'position']).execute();
      await db.schema.createIndex('catalog_items_by_element').on('catalog_items').column('element_code').execute();
      await withSerialId(db, db.schema.createTable('catalog_versions'))
        .addColumn('resource_id', 'text', (c) => c.notNull().references('catalog_resources.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('catalog_versions_by_resource').on('catalog_versions').columns(['resource_id', 'version']).execute();
      await db.schema
        .createTable('authoritative_sources')
        .addColumn('element_code', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
        .addColumn('resource_id', 'text', (c) => c.references('catalog_resources.id'))
        .addColumn('claimed_by', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('authoritative_sources_pk', ['element_code', 'scope'])
        .execute();
      await db.schema
        .createTable('custom_elements')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('spec', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['custom_elements', 'authoritative_sources', 'catalog_versions', 'catalog_items', 'catalog_resources']) await db.schema.dropTable(t).execute();
    },
  },
};

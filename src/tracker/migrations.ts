import type { Kysely, Migration } from 'kysely';
import { bigint } from '../db/columns.ts';

export const trackerMigrations: Record<string, Migration> = {
  '0550_tracker': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('tracker_holds')
        .addColumn('audit_index', bigint(db), (c) => c.primaryKey())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('department_code', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('disclose_after', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tracker_holds_by_subject').on('tracker_holds').columns(['subject', 'disclose_after']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('tracker_holds').execute();
    },
  },
};

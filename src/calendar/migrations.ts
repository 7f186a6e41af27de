import type { Kysely, Migration } from 'kysely';

export const calendarMigrations: Record<string, Migration> = {
  '0150_calendar': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('calendar_days')
        .addColumn('date', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('calendar_days').execute();
    },
  },
};

import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import { bigint, isSqlite } from '../db/columns.ts';

export const auditMigrations: Record<string, Migration> = {
  '0600_audit': {
    async up(db: Kysely<any>) {
      // In SQLite an INTEGER PRIMARY KEY is the rowid, so appends in seq order are the cheapest possible insert.
      const sqlite = isSqlite(db);
      // Search columns are derived from the leaf by the database itself: virtual (free to append) in SQLite,
      // stored in PostgreSQL (which has no virtual generated columns).
      const derived = (sqliteExpr: string, pgExpr: string) => (c: ColumnDefinitionBuilder) =>
        sqlite ? c.generatedAlwaysAs(sql.raw(sqliteExpr)) : c.generatedAlwaysAs(sql.raw(pgExpr)).stored();
      await db.schema
        .createTable('audit_entries')
        .addColumn('seq', bigint(db), (c) => c.primaryKey())
        .addColumn('leaf', 'text', (c) => c.notNull())
        .addColumn('leaf_hash', 'text', (c) => c.notNull())
        .addColumn('time', 'text', derived(`json_extract(leaf, '$.time')`, `(leaf::jsonb) ->> 'time'`))
        .addColumn('actor_department', 'text', derived(`json_extract(leaf, '$.actor.department')`, `(leaf::jsonb) #>> '{actor,department}'`))
        .addColumn('action', 'text', derived(`json_extract(leaf, '$.action')`, `(leaf::jsonb) ->> 'action'`))
        .addColumn('decision', 'text', derived(`json_extract(leaf, '$.outcome.decision')`, `(leaf::jsonb) #>> '{outcome,decision}'`))
        .addColumn('subject', 'text', derived(`json_extract(leaf, '$.subject')`, `(leaf::jsonb) ->> 'subject'`))
        .execute();
      // Partial: most entries (grants, admin actions) have no subject and need no index entry.
      await db.schema.createIndex('audit_entries_by_subject').on('audit_entries').columns(['subject', 'seq']).where(sql.ref('subject'), 'is not', null).execute();
      await db.schema
        .createTable('audit_nodes')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('idx', bigint(db), (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_nodes_pk', ['level', 'idx'])
        .execute();
      await db.schema
        .createTable('audit_checkpoints')
        .addColumn('size', bigint(db), (c) => c.primaryKey())
        .addColumn('root_hash', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_keys')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('verifier_key', 'text', (c) => c.notNull())
        .addColumn('private_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['audit_keys', 'audit_checkpoints', 'audit_nodes', 'audit_entries']) await db.schema.dropTable(t).execute();
    },
  },
  '0605_audit_subjects_deferred': {
    // SQLite only: the per-row subject index becomes a table filled in sorted bulk (subject-index.ts).
    async up(db: Kysely<any>) {
      if (!isSqlite(db)) return;
      await sql`create table audit_subjects (subject text not null, seq integer not null, primary key (subject, seq)) without rowid`.execute(db);
      await sql`create table audit_subject_progress (id integer primary key check (id = 1), indexed_through integer not null)`.execute(db);
      await sql`insert into audit_subjects (subject, seq) select subject, seq from audit_entries where subject is not null order by subject, seq`.execute(db);
      await sql`insert into audit_subject_progress (id, indexed_through) select 1, coalesce(max(seq), -1) from audit_entries`.execute(db);
      await sql`drop index audit_entries_by_subject`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (!isSqlite(db)) return;
      await db.schema.createIndex('audit_entries_by_subject').on('audit_entries').columns(['subject', 'seq']).where(sql.ref('subject'), 'is not', null).execute();
      await db.schema.dropTable('audit_subject_progress').execute();
      await db.schema.dropTable('audit_subjects').execute();
    },
  },
  '0606_audit_subjects_by_bucket': {
    // SQLite only: the subject index gains a leading bucket of 65,536 entries (subject-index.ts), so that a
    // catch-up rewrites only the pages of the newest bucket instead of pages all over the index.
    async up(db: Kysely<any>) {
      if (!isSqlite(db)) return;
      await sql`create table audit_subjects_by_bucket (bucket integer not null, subject text not null, seq integer not null, primary key (bucket, subject, seq)) without rowid`.execute(db);
      await sql`insert into audit_subjects_by_bucket (bucket, subject, seq) select seq >> 16, subject, seq from audit_subjects order by seq >> 16, subject, seq`.execute(db);
      await sql`drop table audit_subjects`.execute(db);
      await sql`alter table audit_subjects_by_bucket rename to audit_subjects`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (!isSqlite(db)) return;
      await sql`create table audit_subjects_flat (subject text not null, seq integer not null, primary key (subject, seq)) without rowid`.execute(db);
      await sql`insert into audit_subjects_flat (subject, seq) select subject, seq from audit_subjects order by subject, seq`.execute(db);
      await sql`drop table audit_subjects`.execute(db);
      await sql`alter table audit_subjects_flat rename to audit_subjects`.execute(db);
    },
  },
};

import { SqliteAdapter, sql, type Kysely, type ColumnDefinitionBuilder, type CreateTableBuilder } from 'kysely';

/** Migrations receive only a Kysely instance; the adapter tells which engine it talks to. */
export function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** An auto-incrementing integer primary key in either engine. */
export function withSerialId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, any>, column = 'id'): CreateTableBuilder<T, any> {
  return isSqlite(db)
    ? table.addColumn(column, 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement())
    : table.addColumn(column, 'bigint', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity());
}

/** Case-insensitive-free text that sorts by code point in both engines. */
export const textType = 'text' as const;

/** A type for binary-free large integers (row counts, sequence numbers). */
export function bigint(db: Kysely<any>) {
  return isSqlite(db) ? ('integer' as const) : ('bigint' as const);
}

export const nowIso = (): string => new Date().toISOString();

export { sql };

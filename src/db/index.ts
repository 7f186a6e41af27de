export { openDatabase, quoteIdent, type DatabaseHandle, type DatabaseTarget, type Engine } from './database.ts';
export { migrateToLatest } from './migrate.ts';
export { isSqlite, withSerialId, bigint, nowIso } from './columns.ts';
export type { DB } from './schema.ts';

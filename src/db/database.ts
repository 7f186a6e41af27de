import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Checkpointer } from './checkpointer.ts';
import type { DB } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

export type DatabaseTarget =
  | { readonly engine: 'sqlite'; readonly file: string }
  | { readonly engine: 'postgres'; readonly url: string; readonly schema?: string };

/**
 * One open database. Stores use `db` (Kysely); the raw drivers are exposed only for the few
 * stores whose hot paths need bulk prepared statements or COPY (ingest, audit).
 */
export interface DatabaseHandle {
  readonly db: Kysely<DB>;
  readonly engine: Engine;
  readonly sqlite: BetterSqlite3.Database | undefined;
  readonly pgPool: pg.Pool | undefined;
  /** The PostgreSQL schema this handle is confined to (tests), if any. */
  readonly schema?: string | undefined;
  /** The SQLite database file (`:memory:` for an in-memory one). */
  readonly file?: string | undefined;
  /** SQLite: after a large commit, have the WAL checkpointed by a background thread (checkpointer.ts). */
  checkpointInBackground?(): void;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (count(*), bigint columns) as strings by default; every value we keep fits a double.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.engine === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const raw = new BetterSqlite3(target.file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('cache_size = -65536');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
    const checkpointer = target.file === ':memory:' ? undefined : new Checkpointer(raw, target.file);
    return {
      db, engine: 'sqlite', sqlite: raw, pgPool: undefined, file: target.file,
      checkpointInBackground: checkpointer && (() => checkpointer.request()),
      close: async () => {
        await checkpointer?.close();
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 10,
    ...(target.schema ? { options: `-c search_path=${quoteIdent(target.schema)}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db);
  return { db, engine: 'postgres', sqlite: undefined, pgPool: pool, schema: target.schema, close: () => db.destroy() };
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `"${name}"`;
}

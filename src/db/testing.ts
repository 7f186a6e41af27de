import { after, afterEach, before, beforeEach, describe } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, quoteIdent, type DatabaseHandle, type Engine } from './database.ts';
import { migrateToLatest } from './migrate.ts';

// Serialises test schemas' drops against migrations in other test files (see freshDatabase).
const SCHEMA_DDL_LOCK = 9_162_0700;

/**
 * Runs a suite once per engine named in TEST_DATABASES (default: sqlite,postgres), each on a fresh
 * migrated database: a temp SQLite file, or a new PostgreSQL schema dropped afterwards.
 * PostgreSQL unreachable: the suite fails when CI=true and is skipped with the reason otherwise.
 *
 * @example
 * describeEachDatabase('catalog store', (ctx) => {
 *   it('saves a resource', async () => { await ctx().db.insertInto(...) });
 * });
 */
export function describeEachDatabase(name: string, body: (handle: () => DatabaseHandle, engine: Engine) => void, options: { freshPerTest?: boolean } = {}): void {
  for (const engine of testEngines()) {
    const unavailable = engine === 'postgres' ? postgresProblem : undefined;
    if (unavailable && process.env.CI !== 'true') {
      describe(`${name} [postgres]`, { skip: `PostgreSQL skipped: ${unavailable}` }, () => {});
      continue;
    }
    describe(`${name} [${engine}]`, () => {
      let handle: DatabaseHandle | undefined;
      let cleanup: (() => Promise<void>) | undefined;
      const open = async () => {
        if (unavailable) throw new Error(`PostgreSQL required in CI but unreachable: ${unavailable}`);
        ({ handle, cleanup } = await freshDatabase(engine));
      };
      const close = async () => {
        await handle?.close();
        await cleanup?.();
        handle = undefined;
      };
      // Tests that touch county-wide state (一数一源 claims, sequences) each get their own database.
      if (options.freshPerTest) {
        beforeEach(open);
        afterEach(close);
      } else {
        before(open);
        after(close);
      }
      body(() => {
        if (!handle) throw new Error('database not open yet: use ctx() inside a test, not at suite level');
        return handle;
      }, engine);
    });
  }
}

export function testEngines(): Engine[] {
  const wanted = (process.env.TEST_DATABASES ?? 'sqlite,postgres').split(',').map((s) => s.trim()).filter(Boolean);
  return wanted.filter((e): e is Engine => e === 'sqlite' || e === 'postgres');
}

export const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probePostgres(): Promise<string | undefined> {
  if (!testEngines().includes('postgres')) return undefined;
  let problem: string | undefined;
  // A busy machine can be slow to accept a connection; only a repeated failure counts as unreachable.
  for (let attempt = 0; attempt < 3; attempt++) {
    const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return undefined;
    } catch (error) {
      problem = `${postgresUrl.replace(/:[^:@/]+@/, ':****@')} — ${(error as Error).message}`;
      if (/ECONNREFUSED|ENOTFOUND|does not exist|authentication/i.test(problem)) return problem;
    } finally {
      await client.end().catch(() => {});
    }
  }
  return problem;
}

const postgresProblem = await probePostgres();

/** A fresh, migrated database of the given engine and a function that removes it. */
export async function freshDatabase(engine: Engine): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shutong-test-'));
    const handle = await openDatabase({ engine: 'sqlite', file: join(dir, 'test.db') });
    await migrateToLatest(handle);
    return { handle, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  // Kysely's migrator looks for its tables through a catalog query over every schema that resolves each
  // table by name; a schema that another test file drops meanwhile makes that query fail ("relation …
  // does not exist"). Migrations therefore hold a shared advisory lock and drops take it exclusively.
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  let handle: DatabaseHandle | undefined;
  try {
    await admin.query('select pg_advisory_lock_shared($1)', [SCHEMA_DDL_LOCK]);
    await admin.query(`create schema ${quoteIdent(schema)}`);
    handle = await openDatabase({ engine: 'postgres', url: postgresUrl, schema });
    await migrateToLatest(handle);
  } catch (error) {
    await handle?.close();
    throw error;
  } finally {
    await admin.end();
  }
  return {
    handle,
    cleanup: async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      try {
        await c.query('select pg_advisory_lock($1)', [SCHEMA_DDL_LOCK]);
        await c.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
      } finally {
        // Ending the session releases its advisory lock.
        await c.end();
      }
    },
  };
}

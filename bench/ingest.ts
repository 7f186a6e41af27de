// Aggregation end to end: a 1,000,000-row, 12-column department file from the demo generator
// (卫健局 居民健康档案, UTF-8 CSV with BOM) read, validated, normalised and stored as one snapshot
// batch through the ingest service (the platform's parse worker already started, as in a running
// server; the first import, which starts it, is reported too), against the baseline of plain
// prepared-statement inserts, one row a statement, of the same stored rows into the same tables: the
// records, their key-index rows and their change-log rows (SQLite); and against COPY of the same
// rows (PostgreSQL). Peak RSS is read right after the SQLite imports, before the baseline loads anything.
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDatabase, quoteIdent, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { postgresUrl } from '../src/db/testing.ts';
import { demoResources, generateDemoCounty, type Manifest } from '../src/demo/index.ts';
import { DEMO_LOADER } from '../src/ingest/demo-load.ts';
import { copyRows } from '../src/ingest/pg-copy.ts';
import { seedDemoCounty } from '../src/main/demo-seed.ts';
import { createServices } from '../src/main/services.ts';
import { systemClock } from '../src/shared/clock.ts';
import { emit, note, peakRssMb } from './lib/report.ts';

const ROWS = Number(process.env.INGEST_BENCH_ROWS ?? 1_000_000);
const KEY = 'wjw-health-record';
const CACHE = join(tmpdir(), 'shutong-bench-ingest');

/** The demo file cut to exactly ROWS data rows, generated on the first run and kept in /tmp. */
async function benchFile(): Promise<{ path: string; manifest: Manifest }> {
  const county = join(CACHE, 'county');
  const path = join(CACHE, `health-${ROWS}.csv`);
  const enough = existsSync(join(county, 'manifest.json'))
    && (JSON.parse(readFileSync(join(county, 'manifest.json'), 'utf8')) as Manifest).files.some((f) => f.key === KEY && f.rowCount >= ROWS);
  if (!enough) {
    rmSync(county, { recursive: true, force: true });
    note(`generating the demo county into ${county} (first run only)…`);
    mkdirSync(CACHE, { recursive: true });
    // About 0.86 health records per person; 3% margin.
    await generateDemoCounty({ persons: Math.max(100, Math.ceil((ROWS / 0.86) * 1.03)), seed: 'bench-ingest', out: county, only: [KEY] });
  }
  const manifest = JSON.parse(readFileSync(join(county, 'manifest.json'), 'utf8')) as Manifest;
  const file = manifest.files.find((f) => f.key === KEY)!;
  if (file.rowCount < ROWS) throw new Error(`generated ${file.rowCount} rows, fewer than ${ROWS}`);
  if (!existsSync(path)) {
    const out = createWriteStream(path);
    let n = -1;
    for await (const line of createInterface({ input: createReadStream(join(county, file.path)), crlfDelay: Infinity })) {
      if (n >= ROWS) break;
      if (!out.write(`${line}\n`)) await once(out, 'drain');
      n++;
    }
    out.end();
    await once(out, 'finish');
  }
  return { path, manifest };
}

async function platform(handle: DatabaseHandle, manifest: Manifest) {
  const config = loadConfig({ DATA_DIR: CACHE, LOG_LEVEL: 'silent', SHUTONG_DEMO: 'false' });
  const services = createServices({ config, handle, clock: systemClock, passwordCost: { N: 1024, r: 8, p: 1 } });
  await seedDemoCounty(services);
  const seed = demoResources.find((r) => r.sourceFile === KEY)!;
  const resource = (await services.catalog.published()).find((r) => r.name === seed.name && r.provider.departmentCode === seed.providerCode)!;
  const file = manifest.files.find((f) => f.key === KEY)!;
  await services.ingest.putProfile(resource.code, { required: file.columns.filter((c) => c.required).map((c) => c.header) }, DEMO_LOADER);
  return { services, code: resource.code };
}

async function importOnce(handle: DatabaseHandle, manifest: Manifest, path: string, worker?: boolean) {
  const { services, code } = await platform(handle, manifest);
  let shown = 0;
  const t0 = performance.now();
  let cpu: { readMs: number | undefined; writeMs: number | undefined } | undefined;
  const report = await services.ingest.submit(code, { kind: 'file', path }, {
    actor: DEMO_LOADER, source: 'cli', mode: 'snapshot', worker, onCpu: (c) => (cpu = c),
    onProgress: (rows) => {
      if (rows - shown >= 200_000) note(`  ${(shown = rows)} rows`);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (report.rowsRead !== ROWS || report.accepted + report.quarantined !== ROWS) throw new Error(`unexpected report ${JSON.stringify(report)}`);
  note(`  ${handle.engine}${worker === false ? ' (single thread)' : ''}: ${ROWS} rows in ${seconds.toFixed(2)} s — accepted ${report.accepted}, quarantined ${report.quarantined}, repeated keys ${report.duplicates}${cpu ? `; CPU: reading ${cpu.readMs?.toFixed(0)} ms, writing ${cpu.writeMs?.toFixed(0)} ms` : ''}`);
  return seconds;
}

/**
 * Plain prepared-statement inserts, one row a statement, of the stored rows into fresh copies of the
 * tables a batch writes: the records, their key-index rows and their change-log rows, in file order,
 * in one transaction; only the inserts and the commit are timed. Also the records table alone.
 */
function sqliteBaseline(source: string): { all: number; recordsOnly: number } {
  const dir = mkdtempSync(join(tmpdir(), 'shutong-bench-base-'));
  try {
    const from = new BetterSqlite3(source, { readonly: true });
    const run = (withIndexAndLog: boolean) => {
      const file = join(dir, `b-${withIndexAndLog}.db`);
      const to = new BetterSqlite3(file);
      for (const p of ['journal_mode = WAL', 'synchronous = NORMAL', 'cache_size = -65536']) to.pragma(p);
      to.exec(`CREATE TABLE ingest_records (id integer PRIMARY KEY, rid integer NOT NULL, record_key text NOT NULL, layout integer, data text NOT NULL,
        version integer NOT NULL, deleted integer NOT NULL, batch_no integer NOT NULL)`);
      to.exec('CREATE TABLE ingest_record_keys (rid integer NOT NULL, key_hash integer NOT NULL, record_id integer NOT NULL, PRIMARY KEY (rid, key_hash, record_id)) WITHOUT ROWID');
      to.exec('CREATE TABLE ingest_changes (seq integer PRIMARY KEY AUTOINCREMENT, rid integer NOT NULL, op text NOT NULL, version integer NOT NULL, batch_no integer NOT NULL, record_id integer)');
      const record = to.prepare('INSERT INTO ingest_records (id, rid, record_key, layout, data, version, deleted, batch_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const key = to.prepare('INSERT INTO ingest_record_keys (rid, key_hash, record_id) VALUES (?, ?, ?)');
      const change = to.prepare("INSERT INTO ingest_changes (rid, op, version, batch_no, record_id) VALUES (?, 'insert', 1, ?, ?)");
      const read = from.prepare(`SELECT r.id, r.rid, r.record_key, r.layout, r.data, r.version, r.deleted, r.batch_no, k.key_hash
        FROM ingest_records r JOIN ingest_record_keys k ON k.record_id = r.id WHERE r.id > ? ORDER BY r.id LIMIT 50000`).raw();
      let timed = 0;
      let last = 0;
      to.exec('BEGIN');
      for (;;) {
        const page = read.all(last) as unknown[][];
        if (page.length === 0) break;
        last = page[page.length - 1]![0] as number;
        const t0 = performance.now();
        for (const r of page) {
          record.run(r.slice(0, 8));
          if (!withIndexAndLog) continue;
          key.run(r[1], r[8], r[0]);
          change.run(r[1], r[7], r[0]);
        }
        timed += performance.now() - t0;
      }
      const t0 = performance.now();
      to.exec('COMMIT');
      timed += performance.now() - t0;
      to.close();
      return timed / 1000;
    };
    const all = run(true);
    const recordsOnly = run(false);
    from.close();
    return { all, recordsOnly };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(manifest: Manifest, path: string): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (error) {
    note(`PostgreSQL unreachable (${(error as Error).message}); skipped`);
    return;
  }
  const schema = `bench_ingest_${process.pid}`;
  const base = `${schema}_base`;
  try {
    await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    await admin.query(`CREATE SCHEMA ${quoteIdent(base)}`);
    const handle = await openDatabase({ engine: 'postgres', url: postgresUrl, schema });
    await migrateToLatest(handle);
    const seconds = await importOnce(handle, manifest, path);
    await handle.close();

    // Baseline: the stored records and their key-index rows copied again with COPY, one transaction.
    await admin.query(`CREATE TABLE ${quoteIdent(base)}.ingest_records (LIKE ${quoteIdent(schema)}.ingest_records INCLUDING ALL)`);
    await admin.query(`CREATE TABLE ${quoteIdent(base)}.ingest_record_keys (LIKE ${quoteIdent(schema)}.ingest_record_keys INCLUDING ALL)`);
    const reader = new pg.Client({ connectionString: postgresUrl });
    await reader.connect();
    let timed = 0;
    await admin.query('BEGIN');
    let after = 0;
    for (;;) {
      const { rows } = await reader.query(`SELECT r.id, r.rid, r.record_key, r.layout, r.data, r.version, r.deleted, r.batch_no, k.key_hash
        FROM ${quoteIdent(schema)}.ingest_records r JOIN ${quoteIdent(schema)}.ingest_record_keys k ON k.record_id = r.id WHERE r.id > $1 ORDER BY r.id LIMIT 20000`, [after]);
      if (rows.length === 0) break;
      after = Number(rows[rows.length - 1].id);
      const t0 = performance.now();
      await copyRows(admin, `${quoteIdent(base)}.ingest_records (id, rid, record_key, layout, data, version, deleted, batch_no)`,
        rows.map((r) => [r.id, r.rid, r.record_key, r.layout, r.data, r.version, r.deleted, r.batch_no]));
      await copyRows(admin, `${quoteIdent(base)}.ingest_record_keys (rid, key_hash, record_id)`, rows.map((r) => [r.rid, r.key_hash, r.id]));
      timed += performance.now() - t0;
    }
    const t0 = performance.now();
    await admin.query('COMMIT');
    timed += performance.now() - t0;
    await reader.end();
    const baseline = timed / 1000;
    note(`  postgres baseline (COPY of the records and key rows): ${baseline.toFixed(2)} s`);
    emit({ bench: 'ingest', metric: 'postgres_rows_per_s', value: ROWS / seconds, unit: 'rows/s', baseline: ROWS / baseline });
    emit({ bench: 'ingest', metric: 'postgres_seconds', value: seconds, unit: 's', baseline });
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`).catch(() => {});
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(base)} CASCADE`).catch(() => {});
    await admin.end();
  }
}

const { path, manifest } = await benchFile();
note(`file: ${path} (${ROWS} rows × 12 columns)`);

const dir = mkdtempSync(join(tmpdir(), 'shutong-bench-ingest-db-'));
try {
  const sqliteImport = async (name: string, worker?: boolean) => {
    const file = join(dir, `${name}.db`);
    const handle = await openDatabase({ engine: 'sqlite', file });
    await migrateToLatest(handle);
    const seconds = await importOnce(handle, manifest, path, worker);
    await handle.close();
    return { file, seconds };
  };
  // The first import starts the parse worker; later ones find it waiting, as in a running server.
  const cold = await sqliteImport('cold');
  const { file, seconds } = await sqliteImport('warm');
  const rss = await peakRssMb();
  const baseline = sqliteBaseline(file);
  note(`  sqlite baseline (one-row prepared inserts of the records, key rows and change rows): ${baseline.all.toFixed(2)} s; records alone ${baseline.recordsOnly.toFixed(2)} s`);
  emit({ bench: 'ingest', metric: 'sqlite_rows_per_s', value: ROWS / seconds, unit: 'rows/s', baseline: ROWS / baseline.all });
  emit({ bench: 'ingest', metric: 'sqlite_seconds', value: seconds, unit: 's', baseline: baseline.all });
  emit({ bench: 'ingest', metric: 'sqlite_rows_per_s_vs_records_alone', value: ROWS / seconds, unit: 'rows/s', baseline: ROWS / baseline.recordsOnly });
  emit({ bench: 'ingest', metric: 'sqlite_seconds_starting_the_worker', value: cold.seconds, unit: 's', baseline: baseline.all });
  emit({ bench: 'ingest', metric: 'peak_rss', value: rss, unit: 'MB', baseline: null });
  // The same import with parsing in the main thread: on a machine whose cores are busy with other
  // work the worker has no core of its own, and this figure shows what the overlap is worth.
  const single = await sqliteImport('single', false);
  emit({ bench: 'ingest', metric: 'sqlite_rows_per_s_single_thread', value: ROWS / single.seconds, unit: 'rows/s', baseline: ROWS / baseline.all });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.TEST_DATABASES === undefined || process.env.TEST_DATABASES.includes('postgres')) await postgres(manifest, path);

// Aggregation end to end: a 1,000,000-row, 12-column department file from the demo generator
// (卫健局 居民健康档案, UTF-8 CSV with BOM) read, validated, normalised and stored as one snapshot
// batch through the ingest service, against the baseline of a plain prepared-statement insert of the
// same stored rows into the same table (SQLite), and of multi-row INSERT … SELECT FROM unnest(…) of
// the same rows (PostgreSQL; pg-copy-streams for COPY is not installed). Peak RSS is read right after
// the SQLite import, before the baseline loads anything.
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
  const report = await services.ingest.submit(code, { kind: 'file', path }, {
    actor: DEMO_LOADER, source: 'cli', mode: 'snapshot', worker,
    onProgress: (rows) => {
      if (rows - shown >= 200_000) note(`  ${(shown = rows)} rows`);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (report.rowsRead !== ROWS || report.accepted + report.quarantined !== ROWS) throw new Error(`unexpected report ${JSON.stringify(report)}`);
  note(`  ${handle.engine}${worker === false ? ' (single thread)' : ''}: ${ROWS} rows in ${seconds.toFixed(2)} s — accepted ${report.accepted}, quarantined ${report.quarantined}, repeated keys ${report.duplicates}`);
  return seconds;
}

/** Plain prepared-statement inserts of the stored rows into a fresh copy of the table; only the inserts are timed. */
function sqliteBaseline(source: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'shutong-bench-base-'));
  try {
    const from = new BetterSqlite3(source, { readonly: true });
    const to = new BetterSqlite3(join(dir, 'b.db'));
    for (const p of ['journal_mode = WAL', 'synchronous = NORMAL', 'cache_size = -65536']) to.pragma(p);
    to.exec('CREATE TABLE ingest_records (rid integer NOT NULL, record_key text NOT NULL, data text NOT NULL, version integer NOT NULL, deleted integer NOT NULL, batch_no integer NOT NULL, updated_at text NOT NULL, CONSTRAINT ingest_records_pk PRIMARY KEY (rid, record_key))');
    const insert = to.prepare('INSERT INTO ingest_records (rid, record_key, data, version, deleted, batch_no, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const read = from.prepare('SELECT rowid, rid, record_key, data, version, deleted, batch_no, updated_at FROM ingest_records WHERE rowid > ? ORDER BY rowid LIMIT 50000').raw();
    let timed = 0;
    let last = 0;
    to.exec('BEGIN');
    for (;;) {
      const page = read.all(last) as unknown[][];
      if (page.length === 0) break;
      last = page[page.length - 1]![0] as number;
      const rows = page.map((r) => r.slice(1));
      const t0 = performance.now();
      for (const r of rows) insert.run(r);
      timed += performance.now() - t0;
    }
    const t0 = performance.now();
    to.exec('COMMIT');
    timed += performance.now() - t0;
    from.close();
    to.close();
    return timed / 1000;
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

    // Baseline: the stored rows inserted again, 10,000 per INSERT … SELECT FROM unnest, one transaction.
    await admin.query(`CREATE TABLE ${quoteIdent(base)}.ingest_records (LIKE ${quoteIdent(schema)}.ingest_records INCLUDING ALL)`);
    const reader = new pg.Client({ connectionString: postgresUrl });
    await reader.connect();
    let timed = 0;
    await admin.query('BEGIN');
    let after = '';
    for (;;) {
      const { rows } = await reader.query(`SELECT rid, record_key, data, version, deleted, batch_no, updated_at FROM ${quoteIdent(schema)}.ingest_records WHERE record_key > $1 ORDER BY record_key LIMIT 10000`, [after]);
      if (rows.length === 0) break;
      after = rows[rows.length - 1].record_key;
      const col = (k: string) => rows.map((r) => r[k]);
      const t0 = performance.now();
      await admin.query(`INSERT INTO ${quoteIdent(base)}.ingest_records SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::int[], $6::bigint[], $7::text[])`,
        [col('rid'), col('record_key'), col('data'), col('version'), col('deleted'), col('batch_no'), col('updated_at')]);
      timed += performance.now() - t0;
    }
    const t0 = performance.now();
    await admin.query('COMMIT');
    timed += performance.now() - t0;
    await reader.end();
    const baseline = timed / 1000;
    note(`  postgres baseline (unnest multi-row insert): ${baseline.toFixed(2)} s`);
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
  const file = join(dir, 'shutong.db');
  const handle = await openDatabase({ engine: 'sqlite', file });
  await migrateToLatest(handle);
  const seconds = await importOnce(handle, manifest, path);
  const rss = await peakRssMb();
  await handle.close();
  const baseline = sqliteBaseline(file);
  note(`  sqlite baseline (prepared-statement insert): ${baseline.toFixed(2)} s`);
  emit({ bench: 'ingest', metric: 'sqlite_rows_per_s', value: ROWS / seconds, unit: 'rows/s', baseline: ROWS / baseline });
  emit({ bench: 'ingest', metric: 'sqlite_seconds', value: seconds, unit: 's', baseline });
  emit({ bench: 'ingest', metric: 'peak_rss', value: rss, unit: 'MB', baseline: null });
  // The same import with parsing in the main thread: on a machine whose cores are busy with other
  // work the worker has no core of its own, and this figure shows what the overlap is worth.
  const single = join(dir, 'single.db');
  const h2 = await openDatabase({ engine: 'sqlite', file: single });
  await migrateToLatest(h2);
  const singleSeconds = await importOnce(h2, manifest, path, false);
  await h2.close();
  emit({ bench: 'ingest', metric: 'sqlite_rows_per_s_single_thread', value: ROWS / singleSeconds, unit: 'rows/s', baseline: ROWS / baseline });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.TEST_DATABASES === undefined || process.env.TEST_DATABASES.includes('postgres')) await postgres(manifest, path);

// Audit log: appends per second through the service (validation, canonical JSON, leaf hash, frontier,
// interior-node rows, one transaction per batch) against the baseline of a raw prepared-statement insert
// of the same rows; and full verification of 1,000,000 entries against the baseline of plain SHA-256
// over the same entry bytes. SQLite (the embedded store); PostgreSQL appends too when it is reachable.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { postgresUrl } from '../src/db/testing.ts';
import { createAuditService, createAuditStore, type AuditEntryInput } from '../src/audit/index.ts';
import { systemClock } from '../src/shared/clock.ts';
import { emit, note, peakRssMb } from './lib/report.ts';

const ENTRIES = Number(process.env.AUDIT_BENCH_ENTRIES ?? 1_000_000);
const PG_ENTRIES = Math.min(ENTRIES, 200_000);
const BATCH = 10_000;
const COLUMNS = ['seq', 'leaf', 'leaf_hash'];

function entry(i: number): AuditEntryInput {
  const query = i % 3 === 0;
  return {
    actor: { kind: 'api_key', id: `key-${i % 50}`, department: ['县民政局', '县人社局', '县卫健委', '县医保局'][i % 4]! },
    action: query ? 'exchange.query' : 'grant.decide',
    resource: `resource:${i % 300}`,
    subject: query ? `11010119900307${String(i % 10_000).padStart(4, '0')}` : null,
    purpose: query ? '低保资格复核' : null,
    items: query ? ['姓名', '身份证号', '户籍地址'] : [],
    outcome: i % 10 === 3 ? { decision: 'refused', reason: '超出授权范围' } : { decision: 'allowed', reason: null },
    requestId: `req-${i}`,
    details: { rows: i % 4 },
  };
}

/** Wall-clock and CPU seconds of fn (CPU: this process, user + system). */
async function timed<T>(fn: () => Promise<T> | T): Promise<{ result: T; wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { result, wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

async function appendAll(handle: DatabaseHandle, n: number): Promise<{ wall: number; cpu: number }> {
  const audit = createAuditService({ store: createAuditStore(handle), clock: systemClock, origin: 'bench.shutong/audit', checkpointIntervalMs: 1000 });
  await audit.getVerifierKey();
  // Only the log's own work is timed: callers build their entry objects anyway, and the baseline gets ready rows too.
  let wall = 0;
  let cpu = 0;
  for (let i = 0; i < n; i += BATCH) {
    const inputs = Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => entry(i + k));
    const t = await timed(() => audit.appendEntries(inputs));
    wall += t.wall;
    cpu += t.cpu;
    if ((i / BATCH) % 20 === 0) note(`  appended ${i + BATCH}`);
  }
  const t = await timed(() => audit.close());
  return { wall: wall + t.wall, cpu: cpu + t.cpu };
}

const dir = mkdtempSync(join(tmpdir(), 'shutong-bench-audit-'));
try {
  // --- SQLite appends
  note(`appending ${ENTRIES} entries through the audit service (SQLite)…`);
  const handle = await openDatabase({ engine: 'sqlite', file: join(dir, 'audit.db') });
  await migrateToLatest(handle);
  const append = await appendAll(handle, ENTRIES);

  note('baseline: raw prepared-statement insert of the same rows into a fresh database…');
  const rows = handle.sqlite!.prepare(`select ${COLUMNS.join(',')} from audit_entries order by seq`).raw(true).all() as unknown[][];
  const base = await openDatabase({ engine: 'sqlite', file: join(dir, 'baseline.db') });
  await migrateToLatest(base);
  const insert = base.sqlite!.prepare(`insert into audit_entries (${COLUMNS.join(',')}) values (${COLUMNS.map(() => '?').join(',')})`);
  const insertBatch = base.sqlite!.transaction((batch: unknown[][]) => {
    for (const r of batch) insert.run(r);
  });
  const rawInsert = await timed(() => {
    for (let i = 0; i < rows.length; i += BATCH) insertBatch(rows.slice(i, i + BATCH));
  });
  await base.close();
  emit({ bench: 'audit', metric: 'append_entries_per_s_sqlite', value: ENTRIES / append.wall, unit: 'entries/s', baseline: ENTRIES / rawInsert.wall });
  // On a shared, loaded machine wall time mostly measures waiting for a core; per CPU-second is what one idle core does.
  emit({ bench: 'audit', metric: 'append_entries_per_cpu_s_sqlite', value: ENTRIES / append.cpu, unit: 'entries/cpu-s', baseline: ENTRIES / rawInsert.cpu });

  // --- Verification of the whole log
  note(`verifying ${ENTRIES} entries…`);
  const audit = createAuditService({ store: createAuditStore(handle), clock: systemClock, origin: 'bench.shutong/audit' });
  const verify = await timed(() => audit.verifyLog());
  const report = verify.result;
  if (!report.ok || report.entries !== ENTRIES) throw new Error(`verification failed: ${JSON.stringify(report)}`);
  const leaves = rows.map((r) => r[1] as string);
  const plain = await timed(() => {
    for (const leaf of leaves) createHash('sha256').update(leaf, 'utf8').digest();
  });
  emit({ bench: 'audit', metric: `verify_${ENTRIES}_entries_s`, value: verify.wall, unit: 's', baseline: plain.wall });
  emit({ bench: 'audit', metric: `verify_${ENTRIES}_entries_cpu_s`, value: verify.cpu, unit: 'cpu-s', baseline: plain.cpu });

  // --- Proofs on the full log
  const PROOFS = 200;
  const proofs = await timed(async () => {
    for (let k = 0; k < PROOFS; k++) await audit.inclusionProof((k * 7919 * 104729) % report.checkpoint!.size, report.checkpoint!.size);
  });
  emit({ bench: 'audit', metric: 'inclusion_proof_ms', value: (proofs.wall * 1000) / PROOFS, unit: 'ms', baseline: null });
  await handle.close();

  // --- PostgreSQL appends, when a server is reachable
  try {
    const pg = await openDatabase({ engine: 'postgres', url: postgresUrl });
    await pg.pgPool!.query('drop schema if exists bench_audit cascade; create schema bench_audit');
    await pg.close();
    const pgHandle = await openDatabase({ engine: 'postgres', url: postgresUrl, schema: 'bench_audit' });
    await migrateToLatest(pgHandle);
    note(`appending ${PG_ENTRIES} entries through the audit service (PostgreSQL)…`);
    const pgRate = await appendAll(pgHandle, PG_ENTRIES);
    await pgHandle.pgPool!.query('create table baseline_entries (like audit_entries including all)');
    const pgRows = rows.slice(0, PG_ENTRIES);
    const pgRaw = await timed(async () => {
      for (let i = 0; i < pgRows.length; i += 1000) {
        const chunk = pgRows.slice(i, i + 1000);
        const values = chunk.map((_, r) => `(${COLUMNS.map((__, c) => `$${r * COLUMNS.length + c + 1}`).join(',')})`).join(',');
        await pgHandle.pgPool!.query({ name: `ins${chunk.length}`, text: `insert into baseline_entries (${COLUMNS.join(',')}) values ${values}`, values: chunk.flat() });
      }
    });
    emit({ bench: 'audit', metric: 'append_entries_per_s_postgres', value: PG_ENTRIES / pgRate.wall, unit: 'entries/s', baseline: PG_ENTRIES / pgRaw.wall });
    await pgHandle.pgPool!.query('drop schema bench_audit cascade');
    await pgHandle.close();
  } catch (error) {
    note(`PostgreSQL skipped: ${(error as Error).message}`);
  }
  emit({ bench: 'audit', metric: 'peak_rss_mb', value: await peakRssMb(), unit: 'MB', baseline: null });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createServices } from '../main/services.ts';
import { systemClock } from '../shared/clock.ts';
import { makeId, personResource } from './test-support.ts';

const ROWS = 80_000;
let dir = '';
let file = '';
let code = '';

function cli(args: string[], onStderr?: (text: string, kill: () => void) => void): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', SHUTONG_DEMO: 'false' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['bin/shutong.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr, () => child.kill('SIGKILL'));
  });
  return new Promise((resolve) => child.on('exit', (c, signal) => resolve({ code: c, signal, stdout, stderr })));
}

function inspect() {
  const db = new BetterSqlite3(join(dir, 'shutong.db'), { readonly: true });
  try {
    const one = (q: string) => (db.prepare(q).get() as { n: number }).n;
    return {
      applied: one("SELECT count(*) AS n FROM ingest_batches WHERE status = 'applied'"),
      unfinished: one("SELECT count(*) AS n FROM ingest_batches WHERE status NOT IN ('applied', 'failed')"),
      records: one('SELECT count(*) AS n FROM ingest_records'),
      changes: one('SELECT count(*) AS n FROM ingest_changes'),
      quarantine: one('SELECT count(*) AS n FROM ingest_quarantine'),
    };
  } finally {
    db.close();
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shutong-kill-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', SHUTONG_DEMO: 'false' });
  const handle = await openDatabase({ engine: 'sqlite', file: join(dir, 'shutong.db') });
  await migrateToLatest(handle);
  const services = createServices({ config, handle, clock: systemClock, passwordCost: { N: 1024, r: 8, p: 1 } });
  const dept = await services.identity.createDepartment({ code: 'MZJ', name: '县民政局', level: '县' });
  const admin = { kind: 'user' as const, id: 'test-admin', name: '测试管理员', departmentId: dept.id, departmentCode: dept.code, roles: ['platform_admin' as const] };
  const { resource } = await services.catalog.create(personResource('MZJ'), admin);
  await services.catalog.submit(resource.code, admin);
  await services.catalog.review(resource.code, admin, { approve: true });
  await services.catalog.publish(resource.code, admin);
  code = resource.code;
  await handle.close();

  file = join(dir, 'big.csv');
  const out = createWriteStream(file);
  out.write('公民身份号码,姓名,性别,联系电话,地址\n');
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    const birth = `19${50 + (i % 50)}0${1 + (Math.floor(i / 50) % 9)}1${Math.floor(i / 450) % 9}`;
    const id = makeId(birth, String(Math.floor(i / 4050) % 1000).padStart(3, '0'));
    chunk += `${i % 97 === 0 ? id.slice(0, 17) + 'Z' : id},居民${i % 10},${Number(id[16]) % 2 ? '男' : '女'},1380000${String(i % 10000).padStart(4, '0')},安徽省合肥市长丰县水湖镇幸福路${i}号幸福小区${i % 30}栋${i % 6}单元\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('an import killed midway', () => {
  it('leaves the previous state intact, and rerunning it applies exactly one batch', async () => {
    const killed = await cli(['import', '--resource', code, '--file', file, '--mode', 'snapshot'], (stderr, kill) => {
      if (/已处理 \d+ 行/.test(stderr)) kill();
    });
    assert.equal(killed.signal, 'SIGKILL', `the import should have been killed while running; stderr: ${killed.stderr}`);
    assert.deepEqual(inspect(), { applied: 0, unfinished: 0, records: 0, changes: 0, quarantine: 0 }, 'nothing of the killed batch is visible');

    const rerun = await cli(['import', '--resource', code, '--file', file, '--mode', 'snapshot']);
    assert.equal(rerun.code, 0, rerun.stderr);
    const report = JSON.parse(rerun.stdout) as { rowsRead: number; accepted: number; quarantined: number; inserted: number; duplicateOf: string | null };
    assert.equal(report.rowsRead, ROWS);
    assert.equal(report.accepted + report.quarantined, ROWS);
    assert.ok(report.quarantined > 0);
    const state = inspect();
    assert.deepEqual(state, { applied: 1, unfinished: 0, records: report.inserted, changes: report.inserted, quarantine: report.quarantined });

    const again = await cli(['import', '--resource', code, '--file', file, '--mode', 'snapshot']);
    assert.equal(again.code, 0, again.stderr);
    assert.ok(JSON.parse(again.stdout).duplicateOf, 'the same file again is recognised');
    assert.deepEqual(inspect(), state);
  });

  it('exits non-zero with a clear message when the file cannot be read', async () => {
    const r = await cli(['import', '--resource', code, '--file', join(dir, 'missing.csv')]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /无法读取文件/);
  });
});

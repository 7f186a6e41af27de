import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { fixedClock } from '../shared/clock.ts';
import { createAuditService } from './service.ts';
import { createAuditStore } from './store.ts';
import { checkpointBody, independentlyVerifyNote, sampleEntry } from './testdata/fixtures.ts';
import { pythonVerify } from './testdata/python-verifier.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/shutong.js');

// `npx shutong audit …` end to end on a SQLite store, checked with tools that share no code with the log.
describe('audit CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shutong-audit-cli-'));
  const file = join(dir, 'shutong.db');
  const cli = async (args: string[], dataDir = dir): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [bin, 'audit', ...args], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', AUDIT_ORIGIN: 'shutong.example.gov.cn/audit' },
      });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  before(async () => {
    const handle = await openDatabase({ engine: 'sqlite', file });
    await migrateToLatest(handle);
    const audit = createAuditService({ store: createAuditStore(handle), clock: fixedClock(new Date('2026-11-02T02:00:00.000Z')), origin: 'shutong.example.gov.cn/audit', checkpointIntervalMs: 0 });
    await audit.appendEntries(Array.from({ length: 40 }, (_, i) => sampleEntry(i)));
    await audit.checkpointNow();
    await audit.appendEntries(Array.from({ length: 60 }, (_, i) => sampleEntry(40 + i)));
    await audit.close();
    await handle.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // Each CLI start costs about two seconds, so independent invocations run side by side.
  let vkey = '';
  it('prints a checkpoint that verifies with the printed key, and proofs that an independent RFC 9162 verifier accepts', async () => {
    const [key, note, proof, consistency] = await Promise.all([
      cli(['key']),
      cli(['checkpoint']),
      cli(['proof', '--index', '37', '--size', '100']),
      cli(['consistency', '--from', '40', '--to', '100']),
    ]);
    vkey = key.stdout.trim();
    assert.match(vkey, /^shutong\.example\.gov\.cn\/audit\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    assert.ok(independentlyVerifyNote(note.stdout, vkey));
    assert.ok(!independentlyVerifyNote(note.stdout.replace('\n100\n', '\n99\n'), vkey));
    const body = checkpointBody(note.stdout);
    assert.deepEqual([body.origin, body.size], ['shutong.example.gov.cn/audit', 100]);
    const p = JSON.parse(proof.stdout);
    const c = JSON.parse(consistency.stdout);
    assert.ok(independentlyVerifyNote(c.oldCheckpoint, vkey));
    // Roots come from the signed notes, not from the proofs' own fields.
    const root = body.root.toString('hex');
    const oldRoot = checkpointBody(c.oldCheckpoint).root.toString('hex');
    const checks = [
      { kind: 'leaf' as const, data: Buffer.from(p.leaf, 'utf8').toString('hex'), leaf_hash: p.leafHash },
      { kind: 'inclusion' as const, leaf_hash: p.leafHash, index: 37, size: 100, path: p.auditPath, root },
      { kind: 'inclusion' as const, leaf_hash: p.leafHash, index: 38, size: 100, path: p.auditPath, root },
      { kind: 'consistency' as const, from: 40, to: 100, old_root: oldRoot, new_root: root, path: c.consistencyPath },
      { kind: 'consistency' as const, from: 40, to: 100, old_root: root, new_root: root, path: c.consistencyPath },
    ];
    assert.deepEqual(pythonVerify(checks), [true, true, false, true, false]);
  });

  it('exits 0 on an intact log and 1 naming the first edited, deleted or reordered entry', async () => {
    // One copy of the database per kind of tampering, done with plain SQL as an insider would.
    const tampering: Array<[string, string, number, string]> = [
      ['edit', `update audit_entries set leaf = replace(leaf, '低保', '高保') where seq = 63`, 63, 'changed'],
      ['delete', 'delete from audit_entries where seq = 18', 18, 'removed'],
      ['reorder', 'update audit_entries set seq = -1 where seq = 71; update audit_entries set seq = 71 where seq = 88; update audit_entries set seq = 88 where seq = -1', 71, 'reordered'],
    ];
    const copies = tampering.map(([what, statement]) => {
      const copyDir = join(dir, what);
      mkdirSync(copyDir);
      copyFileSync(file, join(copyDir, 'shutong.db'));
      const raw = new BetterSqlite3(join(copyDir, 'shutong.db'));
      raw.exec(statement);
      raw.close();
      return copyDir;
    });
    assert.ok(vkey, 'the verifier key comes from the previous test');
    const [intact, ...tampered] = await Promise.all([cli(['verify', '--key', vkey]), ...copies.map((d) => cli(['verify', '--key', vkey], d))]);
    assert.equal(intact.code, 0, intact.stderr);
    assert.equal(JSON.parse(intact.stdout).ok, true);
    tampering.forEach(([what, , seq, kind], i) => {
      const result = tampered[i]!;
      assert.equal(result.code, 1, what);
      const report = JSON.parse(result.stdout);
      assert.deepEqual([report.firstBad.seq, report.firstBad.kind], [seq, kind], what);
      assert.match(result.stderr, new RegExp(`first bad entry: ${seq} \\(${kind}\\)`), what);
    });
  });
});

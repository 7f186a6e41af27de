import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDatabase } from '../db/testing.ts';
import { fixedClock } from '../shared/clock.ts';
import { createAuditService, type AuditService } from './service.ts';
import { createAuditStore } from './store.ts';
import { encodeEntry, type AuditEntry } from './entry.ts';
import { leafHash } from './merkle.ts';
import type { VerifyReport } from './verify.ts';
import { checkpointBody, sampleEntry } from './testdata/fixtures.ts';

// Tampering straight in the database, as an insider with SQL access would, and what `verifyLog` names.
describeEachDatabase('audit verification finds tampering', (ctx) => {
  let audit: AuditService;
  let entries: Array<Record<string, unknown>>;
  let checkpoints: Array<Record<string, unknown>>;
  let saved300: string;

  const db = () => ctx().db;
  const exec = (q: ReturnType<typeof sql>) => q.execute(db());
  const leafAt = async (seq: number) => (await db().selectFrom('audit_entries').select('leaf').where('seq', '=', seq).executeTakeFirstOrThrow()).leaf;
  /** Rewrites an entry and its leaf hash consistently, as a careful forger would. */
  const forge = async (seq: number, change: (e: AuditEntry) => AuditEntry) => {
    const leaf = encodeEntry(change(JSON.parse(await leafAt(seq)) as AuditEntry));
    await db().updateTable('audit_entries').set({ leaf, leaf_hash: leafHash(leaf).toString('hex') }).where('seq', '=', seq).execute();
  };
  /** Moves every entry from `from` on by `delta` without tripping the primary key midway. */
  const renumber = async (from: number, delta: number) => {
    await exec(sql`update audit_entries set seq = seq + 1000000 where seq >= ${from}`);
    await exec(sql`update audit_entries set seq = seq - 1000000 + ${delta} where seq >= 1000000`);
  };
  const verify = async (trustedCheckpoints: string[] = []): Promise<VerifyReport> => audit.verifyLog({ trustedCheckpoints });
  const restore = async () => {
    await db().deleteFrom('audit_entries').execute();
    await db().deleteFrom('audit_checkpoints').execute();
    for (let i = 0; i < entries.length; i += 100) await db().insertInto('audit_entries').values(entries.slice(i, i + 100) as never).execute();
    await db().insertInto('audit_checkpoints').values(checkpoints as never).execute();
  };
  const expectFirstBad = async (seq: number, kind: string, extra: Partial<{ lastSeq: number }> = {}) => {
    const report = await verify();
    assert.equal(report.ok, false);
    assert.deepEqual({ seq: report.firstBad?.seq, kind: report.firstBad?.kind, lastSeq: report.firstBad?.lastSeq }, { seq, kind, lastSeq: extra.lastSeq });
    await restore();
  };

  before(async () => {
    audit = createAuditService({ store: createAuditStore(ctx()), clock: fixedClock(new Date('2026-11-02T02:00:00.000Z')), origin: 'shutong.example.gov.cn/audit', checkpointIntervalMs: 0 });
    // Entries 0–99 each under their own checkpoint; 100–299 in batches of 50, one checkpoint a batch.
    for (let i = 0; i < 100; i++) {
      await audit.appendEntry(sampleEntry(i));
      await audit.checkpointNow();
    }
    for (let i = 100; i < 300; i += 50) {
      await audit.appendEntries(Array.from({ length: 50 }, (_, k) => sampleEntry(i + k)));
      await audit.checkpointNow();
    }
    saved300 = await audit.getCheckpoint();
    entries = await db().selectFrom('audit_entries').select(['seq', 'leaf', 'leaf_hash']).orderBy('seq').execute();
    checkpoints = await db().selectFrom('audit_checkpoints').selectAll().execute();
  });

  it('reports an untouched log as intact', async () => {
    const report = await verify([saved300]);
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.deepEqual([report.entries, report.checkpoint?.size, report.uncheckpointed, report.firstBad], [300, 300, 0, null]);
  });

  it('names an entry whose text was edited', async () => {
    await exec(sql`update audit_entries set leaf = replace(leaf, '"allowed"', '"refused"') where seq = 42`);
    await expectFirstBad(42, 'changed');
  });

  it('names a deleted entry', async () => {
    await db().deleteFrom('audit_entries').where('seq', '=', 57).execute();
    await expectFirstBad(57, 'removed');
  });

  it('names a deleted entry even when the later rows were renumbered to close the gap', async () => {
    await db().deleteFrom('audit_entries').where('seq', '=', 30).execute();
    await renumber(31, -1);
    await expectFirstBad(30, 'removed');
  });

  it('names the first of two entries whose rows were swapped', async () => {
    const [a, b] = [entries[10]!, entries[20]!];
    const { seq: _a, ...aCols } = a;
    const { seq: _b, ...bCols } = b;
    await db().updateTable('audit_entries').set(bCols as never).where('seq', '=', 10).execute();
    await db().updateTable('audit_entries').set(aCols as never).where('seq', '=', 20).execute();
    await expectFirstBad(10, 'reordered');
  });

  it('names an inserted entry that was given a consistent seq and leaf hash', async () => {
    await renumber(64, 1);
    const fake = encodeEntry({ ...(JSON.parse(String(entries[64]!.leaf)) as AuditEntry), seq: 64, purpose: '伪造 / forged' });
    await db().insertInto('audit_entries').values({ ...(entries[64] as object), seq: 64, leaf: fake, leaf_hash: leafHash(fake).toString('hex') } as never).execute();
    await expectFirstBad(64, 'inserted');
  });

  it('names a carefully forged entry through the signed checkpoints', async () => {
    await forge(77, (e) => ({ ...e, outcome: { decision: 'allowed', reason: null }, purpose: '改写 / rewritten' }));
    await expectFirstBad(77, 'changed');
  });

  it('narrows a forged entry between two checkpoints to the entries between them', async () => {
    await forge(180, (e) => ({ ...e, subject: null }));
    await expectFirstBad(150, 'changed', { lastSeq: 199 });
  });

  it('catches a log cut back together with its checkpoints only against a checkpoint kept elsewhere', async () => {
    await db().deleteFrom('audit_entries').where('seq', '>=', 290).execute();
    await db().deleteFrom('audit_checkpoints').where('size', '>', 290).execute();
    const alone = await verify();
    assert.equal(alone.ok, true);
    assert.equal(alone.uncheckpointed, 40);
    const withSaved = await verify([saved300]);
    assert.deepEqual([withSaved.ok, withSaved.firstBad?.seq, withSaved.firstBad?.kind], [false, 290, 'removed']);
    await restore();
  });

  it('leaves a row slipped in after the last checkpoint uncovered: a reader never signs it', async () => {
    const forged = encodeEntry({ ...(JSON.parse(String(entries[299]!.leaf)) as AuditEntry), seq: 300, purpose: '事后补写 / added afterwards' });
    await db().insertInto('audit_entries').values({ seq: 300, leaf: forged, leaf_hash: leafHash(forged).toString('hex') }).execute();
    const reader = createAuditService({ store: createAuditStore(ctx()), clock: fixedClock(new Date('2026-11-02T03:00:00.000Z')), origin: 'shutong.example.gov.cn/audit' });
    const report = await reader.verifyLog();
    assert.deepEqual([report.entries, report.checkpoint?.size, report.uncheckpointed], [301, 300, 1]);
    assert.equal(checkpointBody(await reader.getCheckpoint()).size, 300);
    await reader.close();
    assert.equal((await db().selectFrom('audit_checkpoints').select('size').orderBy('size', 'desc').executeTakeFirstOrThrow()).size, 300);
    await restore();
  });

  it('reports a checkpoint whose signature no longer verifies', async () => {
    await exec(sql`update audit_checkpoints set note = replace(note, '\n150\n', '\n151\n') where size = 150`);
    const report = await verify();
    assert.equal(report.ok, false);
    assert.ok(report.problems.some((p) => p.includes('150')), report.problems.join('\n'));
    await restore();
    // A checkpoint re-pointed at another root (without the key) is reported the same way.
    const other = leafHash('not the root').toString('base64');
    await exec(sql`update audit_checkpoints set note = ${String(checkpoints.find((c) => Number(c.size) === 200)!.note).replace(/\n[A-Za-z0-9+/=]{44}\n/, `\n${other}\n`)} where size = 200`);
    const forged = await verify();
    assert.deepEqual([forged.ok, forged.firstBad], [false, null]);
    assert.ok(forged.problems.some((p) => p.includes('200')), forged.problems.join('\n'));
    await restore();
  });
});

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../db/testing.ts';
import { AppError } from '../shared/errors.ts';
import { fixedClock, systemClock } from '../shared/clock.ts';
import { createAuditService, type AuditService } from './service.ts';
import { createAuditStore } from './store.ts';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle.ts';
import { MemoryTree } from './memory-tree.ts';
import { openCheckpoint } from './checkpoint.ts';
import { parseVerifierKey } from './note.ts';
import { checkpointBody, independentlyVerifyNote, sampleEntry } from './testdata/fixtures.ts';

const ORIGIN = 'shutong.example.gov.cn/audit';
const hd = (h: string): Buffer => Buffer.from(h, 'hex');

describeEachDatabase('audit service', (ctx) => {
  let audit: AuditService;
  const service = (extra: { checkpointIntervalMs?: number; clock?: typeof systemClock } = {}) =>
    createAuditService({ store: createAuditStore(ctx()), clock: extra.clock ?? fixedClock(new Date('2026-11-02T02:00:00.000Z')), origin: ORIGIN, checkpointIntervalMs: extra.checkpointIntervalMs ?? 0 });

  it('appends single and batched entries with contiguous indexes, grouping concurrent callers', async () => {
    audit = service();
    const singles = await Promise.all(Array.from({ length: 40 }, (_, i) => audit.appendEntry(sampleEntry(i))));
    assert.deepEqual(singles.map((s) => s.index).sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i));
    const batch = await audit.appendEntries(Array.from({ length: 560 }, (_, i) => sampleEntry(40 + i)));
    assert.deepEqual(batch, { first: 40, count: 560 });
    const listed = await audit.listEntries({ subject: sampleEntry(300).subject!, limit: 1000 });
    assert.ok(listed.length > 0 && listed.every((e) => e.entry.subject === sampleEntry(300).subject));
    assert.ok(listed.every((e) => e.entry.seq === e.index));
    // The other filters run on columns the database derives from the entry text.
    const refused = await audit.listEntries({ department: '县人社局', decision: 'refused', action: 'grant.decide', limit: 1000 });
    // Index i holds sampleEntry(i): concurrent callers are queued in call order.
    const expected = Array.from({ length: 600 }, (_, i) => i).filter((i) => {
      const e = sampleEntry(i);
      return e.actor.department === '县人社局' && e.outcome.decision === 'refused' && e.action === 'grant.decide';
    });
    assert.ok(expected.length > 0);
    assert.deepEqual(refused.map((r) => r.index).reverse(), expected);
    const page = await audit.listEntries({ limit: 5, beforeSeq: 100 });
    assert.deepEqual(page.map((r) => r.index), [99, 98, 97, 96, 95]);
    assert.equal((await audit.listEntries({ from: '2026-11-03T00:00:00.000Z' })).length, 0);
  });

  it('refuses an invalid entry and writes nothing for it', async () => {
    await assert.rejects(audit.appendEntry({ ...sampleEntry(0), action: '' }), (e) => e instanceof AppError && e.fields.some((f) => f.path === '/action'));
    const next = await audit.appendEntry(sampleEntry(600));
    assert.equal(next.index, 600);
  });

  it('signs checkpoints that verify with the published key and match the recomputed tree', async () => {
    await audit.checkpointNow();
    const note = await audit.getCheckpoint();
    const vkey = await audit.getVerifierKey();
    assert.ok(independentlyVerifyNote(note, vkey));
    const cp = openCheckpoint(note, parseVerifierKey(vkey));
    assert.equal(cp.origin, ORIGIN);
    assert.equal(cp.size, 601);
    const tree = new MemoryTree();
    for (const r of await ctx().db.selectFrom('audit_entries').select('leaf').orderBy('seq').execute()) tree.append(leafHash(r.leaf));
    assert.equal(tree.size, 601);
    assert.deepEqual(tree.root(), cp.rootHash);
  });

  it('gives inclusion and consistency proofs from the stored interior hashes that match a full in-memory tree', async () => {
    const rows = await ctx().db.selectFrom('audit_entries').select(['seq', 'leaf']).orderBy('seq').execute();
    const tree = new MemoryTree();
    for (const r of rows) tree.append(leafHash(r.leaf));
    const nodes = await ctx().db.selectFrom('audit_nodes').selectAll().execute();
    assert.deepEqual(nodes.map((n) => [Number(n.level), Number(n.idx)]).sort(), [[8, 0], [8, 1]]);
    const cp = checkpointBody(await audit.getCheckpoint());
    for (const index of [0, 1, 255, 256, 511, 512, 599, 600]) {
      const proof = await audit.inclusionProof(index, cp.size);
      assert.deepEqual(proof.auditPath, tree.inclusionProof(index, cp.size).map((h) => h.toString('hex')));
      assert.equal(proof.leafHash, leafHash(proof.leaf).toString('hex'));
      assert.ok(verifyInclusion(hd(proof.leafHash), index, cp.size, proof.auditPath.map(hd), cp.root), `index ${index}`);
    }
    const early = await audit.inclusionProof(5, 300);
    assert.ok(verifyInclusion(hd(early.leafHash), 5, 300, early.auditPath.map(hd), tree.root(300)));
    for (const from of [0, 1, 255, 256, 257, 300, 600, 601]) {
      const c = await audit.consistencyProof(from, cp.size);
      assert.equal(c.oldRootHash, tree.root(from).toString('hex'));
      assert.ok(verifyConsistency(from, cp.size, tree.root(from), cp.root, c.consistencyPath.map(hd)), `from ${from}`);
    }
    await assert.rejects(audit.inclusionProof(601, 601), AppError);
    await assert.rejects(audit.inclusionProof(0, 10_000), AppError);
    await assert.rejects(audit.consistencyProof(700), AppError);
  });

  it('keeps one consistent log when two writers append to the same database', async () => {
    const other = service();
    const before = await audit.appendEntry(sampleEntry(601));
    const mixed = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? audit : other).appendEntry(sampleEntry(700 + i))));
    const indexes = [before.index, ...mixed.map((m) => m.index)].sort((a, b) => a - b);
    assert.deepEqual(indexes, Array.from({ length: 61 }, (_, i) => 601 + i));
    await other.checkpointNow();
    await audit.checkpointNow();
    await other.close();
    const report = await audit.verifyLog();
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.equal(report.entries, 662);
  });

  it('writes large batches (on the writer thread in SQLite) that stay consistent with another writer', async () => {
    const other = service();
    await other.getVerifierKey(); // loads its view of the log now
    const a = await audit.appendEntries(Array.from({ length: 2500 }, (_, i) => sampleEntry(1000 + i)));
    // `other` last saw the log before `a`: its first attempt conflicts, then it reloads and appends after.
    const b = await other.appendEntries(Array.from({ length: 2100 }, (_, i) => sampleEntry(4000 + i)));
    assert.equal(b.first, a.first + 2500);
    await other.checkpointNow();
    await other.close();
    await audit.checkpointNow();
    const report = await audit.verifyLog();
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.equal(report.entries, 662 + 4600);
    const proof = await audit.inclusionProof(a.first + 7);
    assert.equal(proof.leaf, JSON.stringify(JSON.parse(proof.leaf)));
    assert.equal(JSON.parse(proof.leaf).seq, a.first + 7);
  });

  it('issues a checkpoint at least every interval while entries keep arriving', async () => {
    await audit.close();
    const live = service({ checkpointIntervalMs: 100, clock: systemClock });
    const startSize = (await ctx().db.selectFrom('audit_checkpoints').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    const until = Date.now() + 700;
    let i = 0;
    while (Date.now() < until) await live.appendEntries(Array.from({ length: 50 }, () => sampleEntry(i++)));
    await live.close();
    const cps = await ctx().db.selectFrom('audit_checkpoints').select(['size', 'created_at']).where('created_at', '>', '2026-11-03').orderBy('size').execute();
    assert.ok(cps.length >= 5, `only ${cps.length} checkpoints (had ${startSize} before)`);
    const gaps = cps.slice(1).map((c, k) => Date.parse(c.created_at) - Date.parse(cps[k]!.created_at));
    assert.ok(Math.max(...gaps) < 400, `gaps ${gaps.join(',')}`);
    const report = await live.verifyLog();
    assert.equal(report.ok, true);
    assert.equal(report.uncheckpointed, 0);
  });
});

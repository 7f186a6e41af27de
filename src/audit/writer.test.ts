import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase } from '../db/testing.ts';
import { AppError } from '../shared/errors.ts';
import { fixedClock } from '../shared/clock.ts';
import { createAuditService } from './service.ts';
import { createAuditStore } from './store.ts';
import { verifyInclusion } from './merkle.ts';
import { startAuditWriter } from './writer.ts';
import { sampleEntry } from './testdata/fixtures.ts';

const ORIGIN = 'shutong.example.gov.cn/audit';
const clock = fixedClock(new Date('2026-11-02T02:00:00.000Z'));
const hd = (h: string): Buffer => Buffer.from(h, 'hex');

describe('audit writer thread (SQLite)', () => {
  it('appends beside the main thread’s own appends: unique contiguous indexes, one verifiable log', async () => {
    const { handle, cleanup } = await freshDatabase('sqlite');
    try {
      const audit = createAuditService({ store: createAuditStore(handle), clock, origin: ORIGIN, checkpointIntervalMs: 0 });
      const key = await audit.getVerifierKey();
      const writer = startAuditWriter({ file: handle.file!, origin: ORIGIN, clock, checkpointIntervalMs: 50 });
      await writer.ready;
      const fromThread = Promise.all(Array.from({ length: 300 }, (_, i) => writer.appendEntry(sampleEntry(i))));
      const batch = writer.appendEntries(Array.from({ length: 50 }, (_, i) => sampleEntry(1000 + i)));
      const fromMain = Promise.all(Array.from({ length: 30 }, (_, i) => audit.appendEntry(sampleEntry(2000 + i))));
      const [threaded, b, main] = await Promise.all([fromThread, batch, fromMain]);
      await writer.close();
      await audit.close();

      const indexes = [...threaded.map((t) => t.index), ...Array.from({ length: b.count }, (_, i) => b.first + i), ...main.map((m) => m.index)].sort((x, y) => x - y);
      assert.deepEqual(indexes, Array.from({ length: 380 }, (_, i) => i));
      // Each caller got the index of its own entry, stamped with the caller's clock.
      for (const [i, t] of threaded.entries()) {
        const [row] = await audit.listEntries({ beforeSeq: t.index + 1, limit: 1 });
        assert.equal(row!.entry.requestId, sampleEntry(i).requestId ?? null);
        assert.equal(row!.entry.time, sampleEntry(i).time ?? clock.now().toISOString());
      }
      const report = await audit.verifyLog({ verifierKey: key });
      assert.equal(report.ok, true, JSON.stringify(report));
      assert.equal(report.entries, 380);
      // The writer signed a final checkpoint on close; proofs against it verify.
      const proof = await audit.inclusionProof(threaded[7]!.index);
      assert.equal(proof.treeSize, 380);
      assert.ok(verifyInclusion(hd(proof.leafHash), proof.leafIndex, proof.treeSize, proof.auditPath.map(hd), hd(proof.rootHash)));
    } finally {
      await cleanup();
    }
  });

  it('takes a batch above the large-batch threshold on its own connection', async () => {
    const { handle, cleanup } = await freshDatabase('sqlite');
    try {
      const writer = startAuditWriter({ file: handle.file!, origin: ORIGIN, clock, checkpointIntervalMs: 0 });
      await writer.ready;
      const big = await writer.appendEntries(Array.from({ length: 2500 }, (_, i) => sampleEntry(i)));
      const next = await writer.appendEntry(sampleEntry(2500));
      await writer.close();
      assert.deepEqual([big.first, big.count, next.index], [0, 2500, 2500]);
      const audit = createAuditService({ store: createAuditStore(handle), clock, origin: ORIGIN, checkpointIntervalMs: 0 });
      const report = await audit.verifyLog({ verifierKey: await audit.getVerifierKey() });
      assert.equal(report.ok, true, JSON.stringify(report));
      assert.equal(report.entries, 2501);
      await audit.close();
    } finally {
      await cleanup();
    }
  });

  it('rejects an invalid entry with the field named, without failing the others sent with it', async () => {
    const { handle, cleanup } = await freshDatabase('sqlite');
    try {
      const audit = createAuditService({ store: createAuditStore(handle), clock, origin: ORIGIN, checkpointIntervalMs: 0 });
      await audit.getVerifierKey();
      const writer = startAuditWriter({ file: handle.file!, origin: ORIGIN, clock });
      const good = writer.appendEntry(sampleEntry(1));
      const bad = writer.appendEntry({ ...sampleEntry(2), action: 'Not An Action' });
      assert.equal((await good).index, 0);
      await assert.rejects(bad, (e: unknown) => e instanceof AppError && e.code === 'invalid_input' && e.fields.some((f) => f.path === '/action'));
      await writer.close();
      await assert.rejects(writer.appendEntry(sampleEntry(3)), /closed/);
      assert.equal((await audit.listEntries({})).length, 1);
    } finally {
      await cleanup();
    }
  });
});

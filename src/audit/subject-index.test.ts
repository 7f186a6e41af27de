import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { openDatabase } from '../db/database.ts';
import { allMigrations } from '../db/migrations.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { freshDatabase } from '../db/testing.ts';
import { fixedClock } from '../shared/clock.ts';
import { createAuditService } from './service.ts';
import { createAuditStore } from './store.ts';
import { TAIL_ROWS } from './subject-index.ts';
import { sampleEntry } from './testdata/fixtures.ts';

describe('audit subject index (SQLite, filled in bulk)', () => {
  it('finds every entry of a person, indexed or still in the tail, and nothing else', async () => {
    const { handle, cleanup } = await freshDatabase('sqlite');
    try {
      const audit = createAuditService({ store: createAuditStore(handle), clock: fixedClock(new Date('2026-11-02T02:00:00.000Z')), origin: 'test/audit', checkpointIntervalMs: 0 });
      const total = TAIL_ROWS * 2 + 500;
      for (let i = 0; i < total; i += 1000) await audit.appendEntries(Array.from({ length: Math.min(1000, total - i) }, (_, k) => sampleEntry(i + k)));
      const indexed = handle.sqlite!.prepare('select indexed_through from audit_subject_progress').pluck().get() as number;
      assert.ok(indexed >= TAIL_ROWS - 1, `the writer indexed in bulk (through ${indexed})`);
      assert.equal(handle.sqlite!.prepare('select count(*) from audit_subjects where seq <= ?').pluck().get(indexed), Math.floor(indexed / 3) + 1, 'every query entry up to there');
      // A tail of known length (the writer's catch-up also runs on a timer): index only the first part.
      const through = TAIL_ROWS + 100;
      handle.sqlite!.prepare('delete from audit_subjects where seq > ?').run(through);
      handle.sqlite!.prepare('update audit_subject_progress set indexed_through = ?').run(through);
      for (const probe of [0, 3, 999, through - 3, total - 3]) {
        const subject = sampleEntry(probe - (probe % 3)).subject!;
        const expected: number[] = [];
        for (let i = 0; i < total; i++) if (sampleEntry(i).subject === subject) expected.push(i);
        const found: number[] = [];
        let before: number | undefined;
        for (;;) {
          const page = await audit.listEntries({ subject, beforeSeq: before, limit: 1000 });
          found.push(...page.map((p) => p.index));
          if (page.length < 1000) break;
          before = page[page.length - 1]!.index;
        }
        assert.deepEqual(found.reverse(), expected, `entries of ${subject}`);
        assert.ok(expected.some((s) => s > through) && expected.some((s) => s <= through), 'the probe spans the index and the tail');
      }
      // Filters combine with the subject search.
      const s = sampleEntry(0).subject!;
      const refused = await audit.listEntries({ subject: s, decision: 'refused', limit: 1000 });
      assert.ok(refused.every((r) => r.entry.subject === s && r.entry.outcome.decision === 'refused'));
      await audit.close();
    } finally {
      await cleanup();
    }
  });

  it('indexes small appends from the subjects they came with, and entries of another writer from their leaves', async () => {
    const { handle, cleanup } = await freshDatabase('sqlite');
    const other = await openDatabase({ engine: 'sqlite', file: handle.sqlite!.name });
    try {
      const clock = fixedClock(new Date('2026-11-02T02:00:00.000Z'));
      const audit = createAuditService({ store: createAuditStore(handle), clock, origin: 'test/audit', checkpointIntervalMs: 0 });
      const elsewhere = createAuditService({ store: createAuditStore(other), clock, origin: 'test/audit', checkpointIntervalMs: 0 });
      let n = 0;
      const smallAppends = async (times: number) => {
        for (let t = 0; t < times; t++) await Promise.all(Array.from({ length: 30 }, () => audit.appendEntry(sampleEntry(n++))));
      };
      await smallAppends(5);
      // Another connection appends in the middle of this one's unindexed tail.
      await elsewhere.appendEntries(Array.from({ length: 7 }, () => sampleEntry(n++)));
      await smallAppends(Math.ceil(TAIL_ROWS / 30) + 1);
      const indexedThrough = handle.sqlite!.prepare('select indexed_through from audit_subject_progress').pluck().get() as number;
      assert.ok(indexedThrough >= TAIL_ROWS, `a catch-up ran (through ${indexedThrough})`);
      // The next catch-up only has this connection's appends: those are indexed from the subjects they came with.
      await smallAppends(Math.ceil(TAIL_ROWS / 30) + 1);
      const through = handle.sqlite!.prepare('select indexed_through from audit_subject_progress').pluck().get() as number;
      assert.ok(through > indexedThrough + TAIL_ROWS - 30, `a second catch-up ran (through ${through})`);
      const truth = handle.sqlite!.prepare('select seq >> 16 as bucket, subject, seq from audit_entries where subject is not null and seq <= ? order by seq').all(through);
      const index = handle.sqlite!.prepare('select bucket, subject, seq from audit_subjects order by seq').all();
      assert.deepEqual(index, truth, 'the index holds exactly the subjects of the leaves up to the catch-up');
      assert.equal(index.length, Math.floor(through / 3) + 1);
      await elsewhere.close();
      await audit.close();
    } finally {
      await other.close();
      await cleanup();
    }
  });

  it('indexes a large batch in the writer thread once it is committed', async () => {
    const { handle, cleanup } = await freshDatabase('sqlite');
    try {
      const audit = createAuditService({ store: createAuditStore(handle), clock: fixedClock(new Date('2026-11-02T02:00:00.000Z')), origin: 'test/audit', checkpointIntervalMs: 0 });
      // Two small appends on the main connection (the second stays in the unindexed tail), then batches above
      // the writer thread's threshold, spanning two index buckets (2^16 entries each).
      await audit.appendEntries(Array.from({ length: 100 }, (_, k) => sampleEntry(k)));
      await audit.appendEntries(Array.from({ length: 100 }, (_, k) => sampleEntry(100 + k)));
      const progress = handle.sqlite!.prepare('select indexed_through from audit_subject_progress').pluck();
      assert.ok((progress.get() as number) < 199, 'the second small append is still in the tail');
      const count = 70_200;
      for (let i = 200; i < count; i += 10_000) await audit.appendEntries(Array.from({ length: 10_000 }, (_, k) => sampleEntry(i + k)));
      // The main connection never indexes threaded batches, so only the thread can bring the index to the end.
      const deadline = Date.now() + 10_000;
      while ((progress.get() as number) < count - 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(progress.get(), count - 1);
      assert.equal(handle.sqlite!.prepare('select count(*) from audit_subjects').pluck().get(), Math.ceil(count / 3));
      const subject = sampleEntry(3).subject!;
      const expected = Array.from({ length: count }, (_, i) => i).filter((i) => sampleEntry(i).subject === subject);
      assert.ok(expected.some((i) => i < 65_536) && expected.some((i) => i >= 65_536), 'the probe spans both buckets');
      const found = (await audit.listEntries({ subject, limit: 1000 })).map((p) => p.index).reverse();
      assert.deepEqual(found, expected);
      const older = (await audit.listEntries({ subject, beforeSeq: 66_000, limit: 1000 })).map((p) => p.index).reverse();
      assert.deepEqual(older, expected.filter((i) => i < 66_000));
      await audit.close();
    } finally {
      await cleanup();
    }
  });

  it('keeps an index built before the buckets (migration 0606) searchable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shutong-test-'));
    const handle = await openDatabase({ engine: 'sqlite', file: join(dir, 'test.db') });
    try {
      const before = Object.fromEntries(Object.entries(allMigrations).filter(([name]) => name !== '0606_audit_subjects_by_bucket'));
      const result = await new Migrator({ db: handle.db, provider: { getMigrations: async () => before }, allowUnorderedMigrations: true }).migrateToLatest();
      assert.equal(result.error, undefined);
      const raw = handle.sqlite!;
      const insert = raw.prepare('insert into audit_entries (seq, leaf, leaf_hash) values (?, ?, ?)');
      const seqs = [0, 5, 70_000, 140_000];
      for (const seq of seqs) insert.run(seq, JSON.stringify({ ...sampleEntry(0), seq }), 'x'.repeat(64));
      raw.prepare('insert into audit_subjects (subject, seq) select subject, seq from audit_entries').run();
      raw.prepare('update audit_subject_progress set indexed_through = ?').run(140_000);
      await migrateToLatest(handle);
      assert.deepEqual(raw.prepare('select bucket, seq from audit_subjects order by seq').raw().all(), seqs.map((seq) => [seq >> 16, seq]));
      const found = await createAuditStore(handle).listEntries({ subject: sampleEntry(0).subject!, limit: 10 });
      assert.deepEqual(found.map((r) => Number(r.seq)), [...seqs].reverse());
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

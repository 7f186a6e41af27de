import type BetterSqlite3 from 'better-sqlite3';

/**
 * The SQLite subject index, maintained in sorted bulk instead of row by row
 * (docs/decisions/0531-deferred-subject-index.md). Exchange calls name random people, so a B-tree index
 * on `subject` maintained by every small append transaction dirties about one index page per entry, and
 * every dirty page is written whole to the WAL at commit. Instead `audit_subjects (bucket, subject, seq)` is
 * filled from the entries after seq `indexed_through` once that tail passes `TAIL_ROWS` entries or is
 * half a second old, in key order (each index page written once per catch-up); a search by subject reads
 * the index plus the still-unindexed tail, so it never misses an entry.
 *
 * PostgreSQL keeps its ordinary index on the stored generated column (appends there are not CPU-bound
 * in this process).
 */
export const TAIL_ROWS = 4096;
/**
 * The index is keyed (bucket, subject, seq), a bucket being 2^16 consecutive entries: a catch-up then
 * touches only the newest bucket's part of the B-tree (a few hundred pages at most) rather than a page
 * per entry all over an index that grows with the log; a search probes each bucket once.
 */
export const SUBJECT_BUCKET_BITS = 16;
const TAIL_MS = 500;

/**
 * The catch-up's statements, shared with the append writer's thread (append-worker.mjs, plain JavaScript),
 * which indexes each large batch right after committing it, while the main thread encodes the next one.
 */
export const SUBJECT_CATCH_UP_SQL = {
  progress: 'select indexed_through from audit_subject_progress where id = 1',
  fill: `insert or ignore into audit_subjects (bucket, subject, seq) select seq >> ${SUBJECT_BUCKET_BITS}, subject, seq from audit_entries where seq > ? and subject is not null order by 1, 2, 3`,
  head: 'select max(seq) from audit_entries',
  advance: 'update audit_subject_progress set indexed_through = ? where id = 1 and indexed_through < ?',
  /** The entries strictly between two seqs (the writer thread's gap before a batch it knows the subjects of). */
  fillBetween: `insert or ignore into audit_subjects (bucket, subject, seq) select seq >> ${SUBJECT_BUCKET_BITS}, subject, seq from audit_entries where seq > ? and seq < ? and subject is not null order by 1, 2, 3`,
  insert: 'insert or ignore into audit_subjects (bucket, subject, seq) values (?, ?, ?)',
  bucketBits: SUBJECT_BUCKET_BITS,
} as const;

export type SubjectIndexer = ReturnType<typeof subjectIndexer>;

export function subjectIndexer(raw: BetterSqlite3.Database) {
  const progress = raw.prepare(SUBJECT_CATCH_UP_SQL.progress).pluck();
  const fill = raw.prepare(SUBJECT_CATCH_UP_SQL.fill);
  const head = raw.prepare(SUBJECT_CATCH_UP_SQL.head).pluck();
  const advance = raw.prepare(SUBJECT_CATCH_UP_SQL.advance);
  const catchUp = raw.transaction((): void => {
    const from = progress.get() as number;
    const to = (head.get() as number | null) ?? -1;
    if (to <= from) return;
    fill.run(from);
    advance.run(to, to);
  });
  let lastAt = 0;
  let known = -2;

  return {
    /** After an append that brought the log to `size` entries: indexes the tail when it is long or old enough. */
    afterAppend(size: number, nowMs: number): void {
      if (known < -1) known = progress.get() as number;
      if (size - 1 - known < TAIL_ROWS && nowMs - lastAt < TAIL_MS) return;
      // Outside any caller's transaction only: the catch-up is its own write transaction.
      if (raw.inTransaction) return;
      catchUp.immediate();
      lastAt = nowMs;
      known = progress.get() as number;
    },
  };
}

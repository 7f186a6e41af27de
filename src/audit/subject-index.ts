import type BetterSqlite3 from 'better-sqlite3';

/**
 * The SQLite subject index, maintained in bulk instead of row by row
 * (docs/decisions/0531-deferred-subject-index.md). Exchange calls name random people, so a B-tree index
 * on `subject` maintained by every small append transaction dirties about one index page per entry, and
 * every dirty page is written whole to the WAL at commit. Instead `audit_subjects (bucket, subject, seq)` is
 * filled from the entries after seq `indexed_through` once that tail passes `TAIL_ROWS` entries or is
 * `TAIL_MS` old, in one transaction (each dirty index page written once per catch-up); a search by
 * subject reads the index plus the still-unindexed tail, so it never misses an entry.
 *
 * PostgreSQL keeps its ordinary index on the stored generated column (appends there are not CPU-bound
 * in this process).
 */
export const TAIL_ROWS = 4_096;
/**
 * The index is keyed (bucket, subject, seq), a bucket being 2^16 consecutive entries: a catch-up then
 * touches only the newest bucket's part of the B-tree (a few hundred pages at most) rather than a page
 * per entry all over an index that grows with the log; a search probes each bucket once.
 */
export const SUBJECT_BUCKET_BITS = 16;
const BUCKET_SIZE = 2 ** SUBJECT_BUCKET_BITS;
// Long enough that a busy exchange catches up by rows, short enough that a quiet log is indexed soon.
// A catch-up blocks the request thread: 4,096 rows take 5–9 ms, 32,768 took 30–45 ms, which was most of
// the exchange's p99 (decision 0536).
const TAIL_MS = 5_000;

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

// Rows per insert statement when the index is filled from the subjects the appends came with.
const INSERT_CHUNK = 64;
// Subjects kept in memory at most; past this (catch-ups kept failing) the next catch-up reads the leaves.
const MAX_KEPT = 1 << 17;

/**
 * Keeps the subject index of the entries appended on one connection. The appends hand over their rows'
 * subjects (`afterAppend`), and a catch-up inserts those instead of extracting each subject from
 * its leaf with `json_extract` (which was half of SQLite's work per exchange call). The subjects are used
 * only when they cover exactly the unindexed tail, checked inside the catch-up's transaction; after an
 * append elsewhere (another process, the writer thread, an append inside a caller's transaction) the
 * catch-up reads the leaves as before, so the index never depends on what this connection saw.
 */
export function subjectIndexer(raw: BetterSqlite3.Database) {
  const progress = raw.prepare(SUBJECT_CATCH_UP_SQL.progress).pluck();
  const fill = raw.prepare(SUBJECT_CATCH_UP_SQL.fill);
  const head = raw.prepare(SUBJECT_CATCH_UP_SQL.head).pluck();
  const advance = raw.prepare(SUBJECT_CATCH_UP_SQL.advance);
  const insertOne = raw.prepare(SUBJECT_CATCH_UP_SQL.insert);
  const insertChunk = raw.prepare(`insert or ignore into audit_subjects (bucket, subject, seq) values ${Array.from({ length: INSERT_CHUNK }, () => '(?, ?, ?)').join(',')}`);
  const chunkParams = new Array<unknown>(INSERT_CHUNK * 3);
  // The subjects of the entries [keptFrom, keptTo), in seq order; null for an entry without one.
  let keptFrom = 0;
  let keptTo = 0;
  let keptSubjects: Array<string | null> = [];

  const insertKept = (after: number): void => {
    // In seq order: inside one transaction each dirty page reaches the WAL once whatever the order, and
    // sorting by index key first cost more (a JavaScript comparator over 32,768 strings: 80 ms) than it saved.
    let j = 0;
    for (let k = Math.max(0, after + 1 - keptFrom); k < keptSubjects.length; k++) {
      const subject = keptSubjects[k];
      if (subject === null) continue;
      const seq = keptFrom + k;
      chunkParams[3 * j] = Math.floor(seq / BUCKET_SIZE); // not >>, which wraps past 2^31 entries
      chunkParams[3 * j + 1] = subject;
      chunkParams[3 * j + 2] = seq;
      if (++j === INSERT_CHUNK) {
        insertChunk.run(chunkParams);
        j = 0;
      }
    }
    for (let r = 0; r < j; r++) insertOne.run(chunkParams[3 * r], chunkParams[3 * r + 1], chunkParams[3 * r + 2]);
  };

  const catchUp = raw.transaction((): void => {
    const from = progress.get() as number;
    const to = (head.get() as number | null) ?? -1;
    if (to > from) {
      if (keptFrom <= from + 1 && keptTo === to + 1) insertKept(from);
      else fill.run(from);
      advance.run(to, to);
    }
    keptFrom = keptTo = to + 1;
    keptSubjects = [];
  });
  let lastAt = 0;
  let known = -2;

  return {
    /**
     * After an append that brought the log to `size` entries: keeps the subjects of its entries (from
     * `size - subjects.length`; undefined when the rows did not carry them) and indexes the tail when it
     * is long or old enough.
     */
    afterAppend(size: number, nowMs: number, subjects?: ReadonlyArray<string | null | undefined>): void {
      const first = size - (subjects?.length ?? 0);
      if (subjects === undefined || first !== keptTo || keptSubjects.length + subjects.length > MAX_KEPT || subjects.includes(undefined)) {
        // Not contiguous with what is kept: keep nothing, and let the next catch-up read the leaves.
        keptFrom = keptTo = size;
        keptSubjects = [];
      } else {
        for (const s of subjects) keptSubjects.push(s ?? null);
        keptTo = size;
      }
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

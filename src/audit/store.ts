import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle, DB, Engine } from '../db/index.ts';
import { AppendWriter } from './append-writer.ts';
import { SUBJECT_BUCKET_BITS, SUBJECT_CATCH_UP_SQL, subjectIndexer } from './subject-index.ts';
import type { AuditCheckpointRow, AuditKeyRow, AuditNodeRow, NewAuditEntryRow } from './tables.ts';

/** Filters for `listEntries`; every field optional, combined with AND. */
export interface EntryFilter {
  readonly department?: string | undefined;
  readonly subject?: string | undefined;
  readonly action?: string | undefined;
  readonly decision?: 'allowed' | 'refused' | undefined;
  /** ISO time, inclusive. */
  readonly from?: string | undefined;
  /** ISO time, exclusive. */
  readonly to?: string | undefined;
  /** Only entries with seq below this (paging backwards from the newest). */
  readonly beforeSeq?: number | undefined;
  readonly limit?: number | undefined;
}

export type AuditStore = ReturnType<typeof createAuditStore>;

const COLUMNS = ['seq', 'leaf', 'leaf_hash'] as const;
// Rows per insert statement, largest first; the last must be 1.
const SQLITE_CHUNKS = [128, 32, 8, 1] as const;
const SCAN_PAGE = 20_000;
// Batches at least this large go to the writer thread (append-writer.ts); smaller ones are not worth a message round trip.
const WRITER_THREAD_ROWS = 2_000;
// Rows appended through this handle after which WAL checkpoints move to the background thread (decision 0520).
const BACKGROUND_CHECKPOINT_ROWS = 20_000;
// Serialises appenders across processes on PostgreSQL (SQLite has BEGIN IMMEDIATE for that).
const PG_APPEND_LOCK = 9_162_0600;

/**
 * Produces row k of a batch. Called exactly once per k, in order, and only once the batch is sure to be
 * written, so rows can be built lazily inside the transaction and die young (far less garbage collection).
 */
export type RowSource = (k: number) => AppendRow;

/** An entry row as an append produces it: the leaf as text or as its UTF-8 bytes (which SQLite stores as the same text). */
export interface AppendRow {
  readonly seq: number;
  readonly leaf: string | Buffer;
  readonly leaf_hash: string;
  /** The subject, when the row comes with it: the writer thread then indexes it without parsing the leaf. */
  readonly subject?: string | null | undefined;
}

const leafText = (leaf: string | Buffer): string => (typeof leaf === 'string' ? leaf : leaf.toString('utf8'));

/** Fills `out` (one reused parameter array per statement) with rows [from, from + count), noting their subjects. */
function fill(out: unknown[], rowAt: RowSource, from: number, count: number, subjects: Array<string | null | undefined>): unknown[] {
  let k = 0;
  for (let r = from; r < from + count; r++) {
    const row = rowAt(r);
    out[k++] = row.seq;
    out[k++] = row.leaf;
    out[k++] = row.leaf_hash;
    subjects.push(row.subject);
  }
  return out;
}

/**
 * SQL for the audit log. Appends and the full scan use the raw drivers (prepared multi-row inserts in
 * SQLite, one insert from a JSON array in PostgreSQL) because they run a million rows at a time; the rest is Kysely.
 */
export interface AuditStoreOptions {
  /** Large batches through a writer thread (append-writer.ts); off in a thread that is itself the writer. */
  readonly appendThread?: boolean;
}

export function createAuditStore(handle: DatabaseHandle, options: AuditStoreOptions = {}) {
  const db: Kysely<DB> = handle.db;
  const engine: Engine = handle.engine;
  const raw = handle.sqlite;
  const subjects = raw ? subjectIndexer(raw) : undefined;
  let appendedRows = 0;
  // Only a database file can be opened by a second connection, and only the background checkpointer
  // (which a file handle has) keeps its WAL in check once the writer thread's connection stops checkpointing.
  const writer = raw && handle.checkpointInBackground && raw.name !== ':memory:' && options.appendThread !== false ? new AppendWriter(raw.name, SUBJECT_CATCH_UP_SQL) : undefined;

  const sqliteAppend = raw
    ? (() => {
        // A leaf bound as UTF-8 bytes is stored as text: the cast keeps its type (and json_extract working).
        const placeholders = (n: number) => Array.from({ length: n }, () => '(?, cast(? as text), ?)').join(',');
        // Multi-row statements of falling sizes: the small batches of a busy exchange (a few dozen entries a
        // turn) then take a handful of statements instead of one per row.
        const inserts = SQLITE_CHUNKS.map((n) => ({
          n, statement: raw.prepare(`insert into audit_entries (${COLUMNS.join(',')}) values ${placeholders(n)}`), params: new Array<unknown>(n * COLUMNS.length),
        }));
        const insertNode = raw.prepare('insert into audit_nodes (level, idx, hash) values (?, ?, ?)');
        const maxSeq = raw.prepare('select max(seq) from audit_entries').pluck();
        return raw.transaction((count: number, rowAt: RowSource, nodes: () => readonly AuditNodeRow[], expectedSize: number, subjects: Array<string | null | undefined>): boolean => {
          const max = maxSeq.get() as number | null;
          if ((max ?? -1) + 1 !== expectedSize) return false;
          let i = 0;
          for (const { n, statement, params } of inserts) for (; i + n <= count; i += n) statement.run(fill(params, rowAt, i, n, subjects));
          for (const n of nodes()) insertNode.run(n.level, n.idx, n.hash);
          return true;
        });
      })()
    : undefined;

  async function kyselyAppend(count: number, rowAt: RowSource, nodesOf: () => readonly AuditNodeRow[], expectedSize: number): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${PG_APPEND_LOCK})`.execute(trx);
      const head = await trx.selectFrom('audit_entries').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
      if (Number(head?.m ?? -1) + 1 !== expectedSize) return false;
      const rows: NewAuditEntryRow[] = Array.from({ length: count }, (_, k) => {
        const r = rowAt(k);
        return { seq: r.seq, leaf: leafText(r.leaf), leaf_hash: r.leaf_hash };
      });
      if (engine === 'postgres' && rows.length > 0) {
        // One JSON parameter: JSON.stringify is native, whereas pg builds array literals escaping every quote
        // of every leaf in JavaScript, which cost more than the insert itself.
        const json = JSON.stringify(rows.map((r) => [r.seq, r.leaf, r.leaf_hash]));
        await sql`insert into audit_entries (seq, leaf, leaf_hash) select (r->>0)::bigint, r->>1, r->>2 from json_array_elements(${json}::json) as r`.execute(trx);
      } else {
        for (let i = 0; i < rows.length; i += 500) await trx.insertInto('audit_entries').values(rows.slice(i, i + 500)).execute();
      }
      const nodes = nodesOf();
      if (nodes.length > 0) await trx.insertInto('audit_nodes').values([...nodes]).execute();
      return true;
    });
  }

  return {
    engine,

    /**
     * Appends `count` entry rows (continuing the log at `expectedSize`) and then the node rows, in one
     * transaction. Returns false, writing nothing and producing no row, when the log no longer ends at
     * `expectedSize` (another writer appended).
     */
    async appendBatch(count: number, rowAt: RowSource, nodes: () => readonly AuditNodeRow[], expectedSize: number): Promise<boolean> {
      // The raw path must not run inside someone's open Kysely transaction on the shared SQLite connection.
      const direct = sqliteAppend && raw && !raw.inTransaction;
      const threaded = direct && writer && count >= WRITER_THREAD_ROWS;
      const batchSubjects: Array<string | null | undefined> = [];
      const written = threaded
          ? await writer.append(count, rowAt, nodes, expectedSize)
          : direct
            ? sqliteAppend.immediate(count, rowAt, nodes, expectedSize, batchSubjects)
            : await kyselyAppend(count, rowAt, nodes, expectedSize);
      if (written) appendedRows += count;
      // The writer thread indexes its own batches, after replying (append-worker.mjs).
      if (written && direct && !threaded) subjects!.afterAppend(expectedSize + count, Date.now(), batchSubjects);
      // A steady stream of appends would otherwise have the committing connection copy the WAL into the
      // database (and fsync) every 1,000 pages, about every 9,000 entries, with the event loop blocked.
      // The writer thread's connection never checkpoints by itself, so its batches always ask.
      if (written && (threaded || appendedRows >= BACKGROUND_CHECKPOINT_ROWS) && handle.checkpointInBackground) {
        handle.checkpointInBackground();
        appendedRows = 0;
      }
      return written;
    },

    async size(): Promise<number> {
      const row = await db.selectFrom('audit_entries').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
      return row?.m === null || row?.m === undefined ? 0 : Number(row.m) + 1;
    },

    async leafHashes(start: number, end: number): Promise<string[]> {
      const rows = await db.selectFrom('audit_entries').select('leaf_hash').where('seq', '>=', start).where('seq', '<', end).orderBy('seq').execute();
      return rows.map((r) => r.leaf_hash);
    },

    async nodeHashes(level: number, start: number, end: number): Promise<string[]> {
      const rows = await db.selectFrom('audit_nodes').select('hash').where('level', '=', level).where('idx', '>=', start).where('idx', '<', end).orderBy('idx').execute();
      return rows.map((r) => r.hash);
    },

    allNodes: (): Promise<AuditNodeRow[]> => db.selectFrom('audit_nodes').selectAll().orderBy('level').orderBy('idx').execute(),

    entryAt: (seq: number) => db.selectFrom('audit_entries').select(['seq', 'leaf', 'leaf_hash']).where('seq', '=', seq).executeTakeFirst(),

    /**
     * Every entry in seq order, in pages, yielding to the event loop between pages. SQLite hands each leaf
     * over as a Buffer of 0x00 || UTF-8 text (exactly the leaf-hash input, no decode and re-encode in
     * JavaScript); PostgreSQL as the text.
     */
    async scanEntries(onRow: (seq: number, leaf: Buffer | string, leafHash: string) => void, onPage?: (rowsSoFar: number) => void): Promise<number> {
      let after = -1;
      let count = 0;
      const page = raw?.prepare(`select seq, cast(char(0) || leaf as blob), leaf_hash from audit_entries where seq > ? order by seq limit ${SCAN_PAGE}`).raw(true);
      for (;;) {
        const rows = page
          ? (page.all(after) as Array<[number, Buffer, string]>)
          : (await db.selectFrom('audit_entries').select(['seq', 'leaf', 'leaf_hash']).where('seq', '>', after).orderBy('seq').limit(SCAN_PAGE).execute()).map(
              (r) => [Number(r.seq), r.leaf, r.leaf_hash] as [number, string, string],
            );
        for (const [seq, leaf, hash] of rows) onRow(seq, leaf, hash);
        count += rows.length;
        onPage?.(count);
        if (rows.length < SCAN_PAGE) return count;
        after = rows[rows.length - 1]![0];
        await yieldToLoop();
      }
    },

    async listEntries(filter: EntryFilter): Promise<Array<{ seq: number; leaf: string }>> {
      let q = db.selectFrom('audit_entries').select(['seq', 'leaf']);
      if (filter.department !== undefined) q = q.where('actor_department', '=', filter.department);
      if (filter.subject !== undefined && engine === 'sqlite') {
        // The bulk-filled index, one probe per bucket, plus the tail it does not cover yet (subject-index.ts).
        const subject = filter.subject;
        const last = filter.beforeSeq ?? (((await db.selectFrom('audit_entries').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst())?.m as number | null) ?? 0);
        const buckets = Array.from({ length: (Math.max(0, last) >> SUBJECT_BUCKET_BITS) + 1 }, (_, b) => b);
        q = q.where('seq', 'in', (eb) =>
          eb.selectFrom('audit_subjects').select('seq').where('bucket', 'in', buckets).where('subject', '=', subject).unionAll(
            eb.selectFrom('audit_entries').select('seq').where('subject', '=', subject)
              .where('seq', '>', eb.selectFrom('audit_subject_progress').select('indexed_through').where('id', '=', 1)),
          ));
      } else if (filter.subject !== undefined) q = q.where('subject', '=', filter.subject);
      if (filter.action !== undefined) q = q.where('action', '=', filter.action);
      if (filter.decision !== undefined) q = q.where('decision', '=', filter.decision);
      if (filter.from !== undefined) q = q.where('time', '>=', filter.from);
      if (filter.to !== undefined) q = q.where('time', '<', filter.to);
      if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
      return q.orderBy('seq', 'desc').limit(filter.limit ?? 100).execute();
    },

    insertCheckpoint: (row: AuditCheckpointRow) =>
      db.insertInto('audit_checkpoints').values(row).onConflict((oc) => oc.column('size').doNothing()).execute().then(() => undefined),
    latestCheckpoint: () => db.selectFrom('audit_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst(),
    checkpointAt: (size: number) => db.selectFrom('audit_checkpoints').selectAll().where('size', '=', size).executeTakeFirst(),
    /** The smallest checkpoint at or above `size`. */
    checkpointCovering: (size: number) => db.selectFrom('audit_checkpoints').selectAll().where('size', '>=', size).orderBy('size').limit(1).executeTakeFirst(),
    checkpointNotes: async (): Promise<Array<{ size: number; note: string }>> =>
      (await db.selectFrom('audit_checkpoints').select(['size', 'note']).orderBy('size').execute()).map((r) => ({ size: Number(r.size), note: r.note })),

    keyByName: (name: string) => db.selectFrom('audit_keys').selectAll().where('name', '=', name).executeTakeFirst(),
    insertKey: (row: AuditKeyRow) => db.insertInto('audit_keys').values(row).onConflict((oc) => oc.column('name').doNothing()).execute().then(() => undefined),
  };
}

import type BetterSqlite3 from 'better-sqlite3';
import type { DatabaseHandle } from '../db/database.ts';
import { dataStart, type PreparedChunk } from './prepare.ts';
import { decodeRecord, sameRecord } from './record-data.ts';
import { emptyCounts, type ApplyCounts, type ApplyResult, type BatchHeader, type BatchSink, type BodyOutcome, type Finalized, type FinalizeInput, type RecordWriter, type SortedKeys } from './writer.ts';

/**
 * Applies batches on SQLite with better-sqlite3 prepared statements, one transaction per batch.
 * Kysely's connection lock is held for the whole batch (SQLite has one connection: a query from
 * another request must not land inside this transaction); the event loop stays free between chunks.
 *
 * A first load into a resource without records takes the fast path (docs/decisions/0306-ingest-record-keys.md):
 * records and change-log entries are appended in file order with ids the writer hands out, 64 rows a
 * statement; at the end the key index is written in the order of the key hashes the producer
 * sorted, and repeated keys, neighbours in that order, are fixed (the first row keeps its place, the
 * last row's data wins). Otherwise each row is compared with the stored version: unchanged rows write nothing, changed ones move the
 * old version to ingest_record_versions first. Record data is bound as UTF-8 bytes and stored as text.
 */
const GROUP = 64;
/** Batches writing at least this many rows leave the WAL checkpoint to a background thread. */
const BACKGROUND_CHECKPOINT_ROWS = 20_000;

interface CurrentRow { id: number; version: number; layout: number | null; data: Buffer; deleted: number; batch_no: number }

class SqliteSink implements BatchSink {
  readonly counts: ApplyCounts = emptyCounts();
  readonly wantsSortedKeys: boolean;
  private readonly s;
  /** Fast path: rows accepted so far; record i has id idBase + i and change seq seqBase + i. */
  private appended = 0;
  private readonly pending: Array<string | Uint8Array | number> = [];
  private readonly pendingChanges: number[] = [];

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly header: BatchHeader,
    readonly batchNo: number,
    private readonly layout: number,
    private readonly fresh: { idBase: number; seqBase: number } | null,
    readonly trackSeen: boolean,
    private readonly layoutItems: (id: number | null) => readonly string[] | null,
  ) {
    this.wantsSortedKeys = fresh !== null;
    const { rid } = header;
    const rowRec = `(?,${rid},?,${layout},CAST(? AS TEXT),1,0,${batchNo})`;
    const recordColumns = 'id, rid, record_key, layout, data, version, deleted, batch_no';
    const current = `FROM ingest_record_keys k JOIN ingest_records r ON r.id = k.record_id WHERE k.rid = ${rid} AND k.key_hash = ? AND r.record_key = ?`;
    this.s = {
      insRecGroup: db.prepare(`INSERT INTO ingest_records (${recordColumns}) VALUES ${Array(GROUP).fill(rowRec).join(',')}`),
      insChgGroup: db.prepare(`INSERT INTO ingest_changes (seq, rid, record_id, op, version, batch_no) VALUES ${Array(GROUP).fill(`(?,${rid},?,'insert',1,${batchNo})`).join(',')}`),
      insKeyGroup: db.prepare(`INSERT INTO ingest_record_keys (rid, key_hash, record_id) VALUES ${Array(GROUP).fill(`(${rid},?,?)`).join(',')}`),
      insRec: db.prepare(`INSERT INTO ingest_records (${recordColumns}) VALUES ${rowRec}`),
      insChgAt: db.prepare(`INSERT INTO ingest_changes (seq, rid, record_id, op, version, batch_no) VALUES (?,${rid},?,'insert',1,${batchNo})`),
      insKey: db.prepare(`INSERT INTO ingest_record_keys (rid, key_hash, record_id) VALUES (${rid},?,?)`),
      keyOf: db.prepare('SELECT record_key FROM ingest_records WHERE id = ?').pluck(),
      insChg: db.prepare(`INSERT INTO ingest_changes (rid, record_id, op, version, batch_no) VALUES (${rid},?,?,?,${batchNo})`),
      current: db.prepare(`SELECT r.id, r.version, r.layout, CAST(r.data AS BLOB) AS data, r.deleted, r.batch_no ${current}`),
      replaceData: db.prepare('UPDATE ingest_records SET data = CAST(? AS TEXT) WHERE id = ?'),
      copyData: db.prepare('UPDATE ingest_records SET data = (SELECT data FROM ingest_records WHERE id = ?) WHERE id = ?'),
      // Set-wise, from JSON arrays of ids or seqs.
      dropRecords: db.prepare('DELETE FROM ingest_records WHERE id IN (SELECT value FROM json_each(?))'),
      dropChanges: db.prepare('DELETE FROM ingest_changes WHERE seq IN (SELECT value FROM json_each(?))'),
      toHistory: db.prepare(`INSERT INTO ingest_record_versions (rid, record_key, version, layout, data, deleted, batch_no, superseded_by)
        SELECT rid, record_key, version, layout, data, deleted, batch_no, ${batchNo} FROM ingest_records WHERE id = ?`),
      update: db.prepare(`UPDATE ingest_records SET layout = ${layout}, data = CAST(? AS TEXT), version = ?, deleted = 0, batch_no = ${batchNo} WHERE id = ?`),
      // The temp table exists only for snapshots over existing records.
      seen: trackSeen ? db.prepare('INSERT OR IGNORE INTO temp.ingest_seen (k) VALUES (?)') : undefined,
      quarantine: db.prepare(`INSERT INTO ingest_quarantine (batch_no, row_no, cells, errors, record_key, status, resolved_by_batch) VALUES (${batchNo},?,?,?,?,'open',NULL)`),
      warning: db.prepare(`INSERT INTO ingest_warnings (batch_no, row_no, item, raw, reason, record_key) VALUES (${batchNo},?,?,?,?,?)`),
      resolve: db.prepare(`UPDATE ingest_quarantine SET status = ?, resolved_by_batch = ${batchNo} WHERE batch_no = ? AND row_no = ? AND status = 'open'`),
    };
  }

  async write(chunk: PreparedChunk): Promise<void> {
    const s = this.s;
    const corrects = this.header.correctsBatchNo;
    for (let i = 0; i < chunk.qRowNos.length; i++) {
      const key = chunk.qKeys[i] ?? null;
      s.quarantine.run(chunk.qRowNos[i], chunk.qCells[i], chunk.qErrors[i], key);
      // A row held back in a snapshot still exists at the department: its record is not deleted.
      if (this.trackSeen && key !== null) s.seen!.run(key);
      if (corrects !== null && chunk.qOrigins[i]) s.resolve.run('resubmitted', corrects, chunk.qOrigins[i]);
    }
    for (let i = 0; i < chunk.wRowNos.length; i++) s.warning.run(chunk.wRowNos[i], chunk.wItems[i], chunk.wRaw[i], chunk.wReasons[i], chunk.wKeys[i] ?? null);
    if (corrects !== null) for (const origin of chunk.resolvedOrigins) s.resolve.run('resolved', corrects, origin);

    const { keys, data, maybeDup } = chunk;
    const bytes = (i: number) => new Uint8Array(data.buffer, data.byteOffset + dataStart(chunk, i), chunk.dataEnds[i]! - dataStart(chunk, i));
    if (this.fresh) {
      const { idBase, seqBase } = this.fresh;
      for (let i = 0; i < keys.length; i++) {
        const n = this.appended++;
        this.pending.push(idBase + n, keys[i]!, bytes(i));
        this.pendingChanges.push(seqBase + n, idBase + n);
        if (this.pending.length === GROUP * 3) this.flushGroup();
      }
      return;
    }
    let nextDup = 0;
    for (let i = 0; i < keys.length; i++) {
      const flagged = nextDup < maybeDup.length && maybeDup[nextDup] === i;
      if (flagged) nextDup++;
      this.upsert(keys[i]!, chunk.keyHashes[i]!, bytes(i), flagged);
    }
  }

  private flushGroup(): void {
    this.s.insRecGroup.run(this.pending);
    this.s.insChgGroup.run(this.pendingChanges);
    this.pending.length = 0;
    this.pendingChanges.length = 0;
  }

  /**
   * Fast path, at the end: the rows short of a full group, then the key index in hash order (a
   * B-tree takes rows in key order several times faster than in file order). Rows of one hash are
   * grouped by their key; of rows with one key the first keeps its id, key row and change and takes
   * the last row's data, the others are removed.
   */
  finishFresh(sorted: SortedKeys): void {
    const s = this.s;
    for (let j = 0; j < this.pending.length; j += 3) s.insRec.run(this.pending[j], this.pending[j + 1], this.pending[j + 2]);
    for (let j = 0; j < this.pendingChanges.length; j += 2) s.insChgAt.run(this.pendingChanges[j], this.pendingChanges[j + 1]);
    this.pending.length = 0;
    this.pendingChanges.length = 0;
    const { hashes, ordinals } = sorted;
    if (hashes.length !== this.appended) throw new Error(`the producer sorted ${hashes.length} keys for ${this.appended} records`);
    const { idBase, seqBase } = this.fresh!;
    const group: number[] = [];
    const index = (hash: number, ordinal: number) => {
      group.push(hash, idBase + ordinal);
      if (group.length === GROUP * 2) {
        s.insKeyGroup.run(group);
        group.length = 0;
      }
    };
    const dropped: number[] = [];
    for (let i = 0; i < hashes.length;) {
      let j = i + 1;
      while (j < hashes.length && hashes[j] === hashes[i]) j++;
      if (j - i === 1) index(hashes[i]!, ordinals[i]!);
      else {
        const byKey = new Map<string, number[]>();
        for (let k = i; k < j; k++) {
          const key = s.keyOf.get(idBase + ordinals[k]!) as string;
          let rows = byKey.get(key);
          if (!rows) byKey.set(key, (rows = []));
          rows.push(ordinals[k]!);
        }
        for (const rows of byKey.values()) {
          rows.sort((a, b) => a - b);
          index(hashes[i]!, rows[0]!);
          if (rows.length === 1) continue;
          s.copyData.run(idBase + rows[rows.length - 1]!, idBase + rows[0]!);
          for (const o of rows.slice(1)) dropped.push(o);
        }
      }
      i = j;
    }
    for (let j = 0; j < group.length; j += 2) s.insKey.run(group[j], group[j + 1]);
    if (dropped.length > 0) {
      s.dropRecords.run(JSON.stringify(dropped.map((o) => idBase + o)));
      s.dropChanges.run(JSON.stringify(dropped.map((o) => seqBase + o)));
    }
    this.counts.inserted += this.appended - dropped.length;
    this.counts.duplicates += dropped.length;
  }

  private sameData(cur: CurrentRow, data: Uint8Array): boolean {
    if (cur.layout === this.layout) return Buffer.compare(cur.data, data) === 0;
    const items = this.layoutItems(this.layout)!;
    return sameRecord(decodeRecord(cur.data.toString('utf8'), this.layoutItems(cur.layout)), decodeRecord(Buffer.from(data).toString('utf8'), items));
  }

  private upsert(key: string, hash: number, data: Uint8Array, flagged: boolean): void {
    const s = this.s;
    const c = this.counts;
    const firstSighting = this.trackSeen ? s.seen!.run(key).changes === 1 : !flagged;
    const cur = s.current.get(hash, key) as CurrentRow | undefined;
    if (!cur) {
      const id = Number(s.insRec.run(null, key, data).lastInsertRowid);
      s.insKey.run(hash, id);
      s.insChg.run(id, 'insert', 1);
      c.inserted++;
    } else if (cur.batch_no === this.batchNo) {
      // The key came earlier in this batch: the last row wins, without a second version.
      if (!this.sameData(cur, data)) s.replaceData.run(data, cur.id);
      c.duplicates++;
    } else if (cur.deleted === 0 && this.sameData(cur, data)) {
      c.unchanged++;
      if (!firstSighting) c.duplicates++;
    } else {
      s.toHistory.run(cur.id);
      s.update.run(data, cur.version + 1, cur.id);
      s.insChg.run(cur.id, cur.deleted ? 'insert' : 'update', cur.version + 1);
      if (cur.deleted) c.inserted++;
      else c.updated++;
    }
  }

  /** Snapshot: live records the batch did not mention become deleted versions. */
  sweep(): void {
    const { rid } = this.header;
    const b = this.batchNo;
    const unseen = `id IN (SELECT r.id FROM ingest_record_keys k JOIN ingest_records r ON r.id = k.record_id WHERE k.rid = ${rid} AND r.deleted = 0 AND r.batch_no <> ${b}
      AND NOT EXISTS (SELECT 1 FROM temp.ingest_seen s WHERE s.k = r.record_key))`;
    this.db.prepare(`INSERT INTO ingest_record_versions (rid, record_key, version, layout, data, deleted, batch_no, superseded_by)
      SELECT rid, record_key, version, layout, data, deleted, batch_no, ${b} FROM ingest_records WHERE ${unseen}`).run();
    this.db.prepare(`INSERT INTO ingest_changes (rid, record_id, op, version, batch_no)
      SELECT rid, id, 'delete', version + 1, ${b} FROM ingest_records WHERE ${unseen} ORDER BY record_key`).run();
    this.counts.deleted = this.db.prepare(`UPDATE ingest_records SET deleted = 1, version = version + 1, batch_no = ${b} WHERE ${unseen}`).run().changes;
  }

  async appliedWithHash(hash: string, mode: string) {
    return this.db.prepare(`SELECT id, no FROM ingest_batches WHERE rid = ? AND content_hash = ? AND mode = ? AND status = 'applied' ORDER BY no LIMIT 1`)
      .get(this.header.rid, hash, mode) as { id: string; no: number } | undefined;
  }
}

export function createSqliteWriter(handle: DatabaseHandle): RecordWriter {
  const raw = handle.sqlite!;
  const layouts = new Map<number, readonly string[]>();
  const layoutItems = (id: number | null): readonly string[] | null => {
    if (id === null) return null;
    let items = layouts.get(id);
    if (!items) {
      const row = raw.prepare('SELECT items FROM ingest_layouts WHERE id = ?').get(id) as { items: string } | undefined;
      if (!row) throw new Error(`unknown record layout ${id}`);
      layouts.set(id, (items = JSON.parse(row.items) as string[]));
    }
    return items;
  };
  return {
    applyBatch(header, body, finalize): Promise<ApplyResult> {
      // connection() holds Kysely's single-connection lock until the callback settles.
      return handle.db.connection().execute(async () => {
        const one = (q: string, ...args: unknown[]) => (raw.prepare(q).get(...args) as { m: number | null } | undefined)?.m ?? null;
        const maxSeq = () => one('SELECT coalesce(max(seq), 0) AS m FROM ingest_changes') ?? 0;
        raw.exec('BEGIN IMMEDIATE');
        try {
          const batchNo = Number(raw.prepare(`INSERT INTO ingest_batches (id, rid, department_id, submitted_by, submitted_by_name, source, file_name, format, encoding, content_hash, mode, status,
              corrects_batch_no, rows_read, accepted, quarantined, inserted, updated, deleted, unchanged, duplicates, warnings, first_seq, last_seq, started_at, finished_at, report, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, '', NULL, '', ?, 'applying', ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, ?, NULL, '{}', NULL)`)
            .run(header.id, header.rid, header.departmentId, header.submittedBy, header.submittedByName, header.source, header.fileName, header.mode, header.correctsBatchNo, header.at).lastInsertRowid);
          const items = JSON.stringify(header.items);
          raw.prepare('INSERT OR IGNORE INTO ingest_layouts (items) VALUES (?)').run(items);
          const layout = (raw.prepare('SELECT id FROM ingest_layouts WHERE items = ?').get(items) as { id: number }).id;
          const empty = raw.prepare('SELECT 1 FROM ingest_record_keys WHERE rid = ? LIMIT 1').get(header.rid) === undefined;
          const trackSeen = !empty && header.mode === 'snapshot';
          if (trackSeen) {
            raw.exec('CREATE TEMP TABLE IF NOT EXISTS ingest_seen (k TEXT PRIMARY KEY)');
            raw.exec('DELETE FROM temp.ingest_seen');
          }
          const seqBefore = Math.max(maxSeq(), one("SELECT seq AS m FROM sqlite_sequence WHERE name = 'ingest_changes'") ?? 0);
          const fresh = empty ? { idBase: (one('SELECT coalesce(max(id), 0) AS m FROM ingest_records') ?? 0) + 1, seqBase: seqBefore + 1 } : null;
          const sink = new SqliteSink(raw, header, batchNo, layout, fresh, trackSeen, layoutItems);
          const outcome: BodyOutcome = await body(sink);
          if ('duplicateOf' in outcome) {
            raw.exec('ROLLBACK');
            return { kind: 'duplicate', duplicateOf: outcome.duplicateOf };
          }
          if (fresh) {
            if (!outcome.sortedKeys) throw new Error('the producer did not sort the keys');
            sink.finishFresh(outcome.sortedKeys);
          }
          if (trackSeen) sink.sweep();
          const counts = sink.counts;
          const seqAfter = maxSeq();
          if (seqAfter > seqBefore) {
            counts.firstSeq = one('SELECT min(seq) AS m FROM ingest_changes WHERE seq > ?', seqBefore);
            counts.lastSeq = seqAfter;
          }
          const before = one('SELECT live_records AS m FROM ingest_resources WHERE rid = ?', header.rid) ?? 0;
          const live = before + counts.inserted - counts.deleted;
          const fin: Finalized = finalize({ counts, liveRecords: live } satisfies FinalizeInput);
          const finishedAt = new Date().toISOString();
          raw.prepare(`UPDATE ingest_batches SET status = 'applied', format = ?, encoding = ?, content_hash = ?, rows_read = ?, accepted = ?, quarantined = ?, warnings = ?,
              inserted = ?, updated = ?, deleted = ?, unchanged = ?, duplicates = ?, first_seq = ?, last_seq = ?, finished_at = ?, report = ? WHERE no = ?`)
            .run(outcome.format, outcome.encoding, outcome.contentHash, outcome.rowsRead, outcome.accepted, outcome.quarantined, outcome.warnings,
              counts.inserted, counts.updated, counts.deleted, counts.unchanged, counts.duplicates, counts.firstSeq, counts.lastSeq, finishedAt, fin.report, batchNo);
          raw.prepare('UPDATE ingest_resources SET last_batch_no = ?, last_applied_at = ?, live_records = ? WHERE rid = ?').run(batchNo, header.at, live, header.rid);
          if (fin.metrics !== null) raw.prepare('INSERT INTO ingest_quality (rid, batch_no, at, score, metrics) VALUES (?, ?, ?, ?, ?)').run(header.rid, batchNo, header.at, fin.score, fin.metrics);
          if (trackSeen) raw.exec('DELETE FROM temp.ingest_seen');
          // A large batch is not checkpointed inside its commit: a background thread copies its WAL frames.
          const large = handle.checkpointInBackground && counts.inserted + counts.updated + counts.deleted + outcome.quarantined >= BACKGROUND_CHECKPOINT_ROWS;
          if (large) raw.pragma('wal_autocheckpoint = 0');
          raw.exec('COMMIT');
          if (large) handle.checkpointInBackground!();
          return { kind: 'applied', batchNo, counts };
        } catch (error) {
          if (raw.inTransaction) raw.exec('ROLLBACK');
          throw error;
        }
      });
    },
  };
}

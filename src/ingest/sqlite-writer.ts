import type BetterSqlite3 from 'better-sqlite3';
import type { DatabaseHandle } from '../db/database.ts';
import type { PreparedChunk } from './prepare.ts';
import { emptyCounts, type ApplyCounts, type ApplyResult, type BatchHeader, type BatchSink, type BodyOutcome, type Finalized, type FinalizeInput, type RecordWriter } from './writer.ts';

/**
 * Applies batches on SQLite with better-sqlite3 prepared statements, one transaction per batch.
 * Kysely's connection lock is held for the whole batch (SQLite has one connection: a query from
 * another request must not land inside this transaction); the event loop stays free between chunks.
 *
 * A first load into an empty resource takes the fast path: records and change-log entries go in with
 * multi-row INSERTs of 64 rows, whose constants are written into the statement so that each row binds
 * two values. Otherwise each row is compared with the stored version: unchanged rows write nothing,
 * changed ones move the old version to ingest_record_versions first.
 */
const GROUP = 64;
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

class SqliteSink implements BatchSink {
  readonly counts: ApplyCounts = emptyCounts();
  private readonly pendingKeys: string[] = [];
  private readonly pendingData: string[] = [];
  private readonly s;

  constructor(private readonly db: BetterSqlite3.Database, private readonly header: BatchHeader, readonly batchNo: number, readonly empty: boolean, readonly trackSeen: boolean) {
    const { rid, at } = header;
    const rowRec = `(${rid},?,?,1,0,${batchNo},${sqlText(at)})`;
    const rowChg = `(${rid},?,'insert',1,${batchNo})`;
    this.s = {
      insRecGroup: db.prepare(`INSERT INTO ingest_records (rid, record_key, data, version, deleted, batch_no, updated_at) VALUES ${Array(GROUP).fill(rowRec).join(',')}`),
      insChgGroup: db.prepare(`INSERT INTO ingest_changes (rid, record_key, op, version, batch_no) VALUES ${Array(GROUP).fill(rowChg).join(',')}`),
      insRec: db.prepare(`INSERT INTO ingest_records (rid, record_key, data, version, deleted, batch_no, updated_at) VALUES ${rowRec}`),
      insChg: db.prepare(`INSERT INTO ingest_changes (rid, record_key, op, version, batch_no) VALUES (${rid},?,?,?,${batchNo})`),
      current: db.prepare(`SELECT version, data, deleted, batch_no FROM ingest_records WHERE rid = ${rid} AND record_key = ?`),
      replaceData: db.prepare(`UPDATE ingest_records SET data = ? WHERE rid = ${rid} AND record_key = ?`),
      toHistory: db.prepare(`INSERT INTO ingest_record_versions (rid, record_key, version, data, deleted, batch_no, updated_at, superseded_by)
        SELECT rid, record_key, version, data, deleted, batch_no, updated_at, ${batchNo} FROM ingest_records WHERE rid = ${rid} AND record_key = ?`),
      update: db.prepare(`UPDATE ingest_records SET data = ?, version = ?, deleted = 0, batch_no = ${batchNo}, updated_at = ${sqlText(at)} WHERE rid = ${rid} AND record_key = ?`),
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
    if (corrects !== null) for (const origin of chunk.origins) if (origin) s.resolve.run('resolved', corrects, origin);

    const { keys, data, maybeDup } = chunk;
    if (!this.empty) {
      let nextDup = 0;
      for (let i = 0; i < keys.length; i++) {
        const flagged = nextDup < maybeDup.length && maybeDup[nextDup] === i;
        if (flagged) nextDup++;
        this.upsert(keys[i]!, data[i]!, flagged);
      }
      return;
    }
    // Fast path: rows whose key is new to the batch go in groups; the few repeats follow, once the
    // rows they repeat are written. Rows short of a group wait for the next chunk.
    let nextDup = 0;
    for (let i = 0; i < keys.length; i++) {
      if (nextDup < maybeDup.length && maybeDup[nextDup] === i) {
        nextDup++;
        continue;
      }
      this.pendingKeys.push(keys[i]!);
      this.pendingData.push(data[i]!);
      if (this.pendingKeys.length === GROUP) this.flushGroup();
    }
    if (maybeDup.length === 0) return;
    this.flushPending();
    for (const i of maybeDup) this.upsert(keys[i]!, data[i]!, true);
  }

  /** Writes rows still waiting for a full group; called once the last chunk is in. */
  finish(): void {
    this.flushPending();
  }

  private flushGroup(): void {
    const args: string[] = new Array(GROUP * 2);
    for (let j = 0; j < GROUP; j++) {
      args[2 * j] = this.pendingKeys[j]!;
      args[2 * j + 1] = this.pendingData[j]!;
    }
    this.s.insRecGroup.run(args);
    this.s.insChgGroup.run(this.pendingKeys);
    this.counts.inserted += GROUP;
    this.pendingKeys.length = 0;
    this.pendingData.length = 0;
  }

  private flushPending(): void {
    for (let j = 0; j < this.pendingKeys.length; j++) {
      this.s.insRec.run(this.pendingKeys[j], this.pendingData[j]);
      this.s.insChg.run(this.pendingKeys[j], 'insert', 1);
    }
    this.counts.inserted += this.pendingKeys.length;
    this.pendingKeys.length = 0;
    this.pendingData.length = 0;
  }

  private upsert(key: string, data: string, flagged: boolean): void {
    const s = this.s;
    const c = this.counts;
    const firstSighting = this.trackSeen ? s.seen!.run(key).changes === 1 : !flagged;
    const cur = s.current.get(key) as { version: number; data: string; deleted: number; batch_no: number } | undefined;
    if (!cur) {
      s.insRec.run(key, data);
      s.insChg.run(key, 'insert', 1);
      c.inserted++;
    } else if (cur.batch_no === this.batchNo) {
      // The key came earlier in this batch: the last row wins, without a second version.
      if (cur.data !== data) s.replaceData.run(data, key);
      c.duplicates++;
    } else if (cur.deleted === 0 && cur.data === data) {
      c.unchanged++;
      if (!firstSighting) c.duplicates++;
    } else {
      s.toHistory.run(key);
      s.update.run(data, cur.version + 1, key);
      s.insChg.run(key, cur.deleted ? 'insert' : 'update', cur.version + 1);
      if (cur.deleted) c.inserted++;
      else c.updated++;
    }
  }

  /** Snapshot: live records the batch did not mention become deleted versions. */
  sweep(): void {
    const { rid, at } = this.header;
    const b = this.batchNo;
    const unseen = `rid = ${rid} AND deleted = 0 AND batch_no <> ${b} AND NOT EXISTS (SELECT 1 FROM temp.ingest_seen s WHERE s.k = ingest_records.record_key)`;
    this.db.prepare(`INSERT INTO ingest_record_versions (rid, record_key, version, data, deleted, batch_no, updated_at, superseded_by)
      SELECT rid, record_key, version, data, deleted, batch_no, updated_at, ${b} FROM ingest_records WHERE ${unseen}`).run();
    this.db.prepare(`INSERT INTO ingest_changes (rid, record_key, op, version, batch_no)
      SELECT rid, record_key, 'delete', version + 1, ${b} FROM ingest_records WHERE ${unseen} ORDER BY record_key`).run();
    this.counts.deleted = this.db.prepare(`UPDATE ingest_records SET deleted = 1, version = version + 1, batch_no = ${b}, updated_at = ${sqlText(at)} WHERE ${unseen}`).run().changes;
  }

  async appliedWithHash(hash: string, mode: string) {
    return this.db.prepare(`SELECT id, no FROM ingest_batches WHERE rid = ? AND content_hash = ? AND mode = ? AND status = 'applied' ORDER BY no LIMIT 1`)
      .get(this.header.rid, hash, mode) as { id: string; no: number } | undefined;
  }
}

export function createSqliteWriter(handle: DatabaseHandle): RecordWriter {
  const raw = handle.sqlite!;
  return {
    applyBatch(header, body, finalize): Promise<ApplyResult> {
      // connection() holds Kysely's single-connection lock until the callback settles.
      return handle.db.connection().execute(async () => {
        const maxSeq = () => (raw.prepare('SELECT coalesce(max(seq), 0) AS m FROM ingest_changes').get() as { m: number }).m;
        raw.exec('BEGIN IMMEDIATE');
        try {
          const batchNo = Number(raw.prepare(`INSERT INTO ingest_batches (id, rid, department_id, submitted_by, submitted_by_name, source, file_name, format, encoding, content_hash, mode, status,
              corrects_batch_no, rows_read, accepted, quarantined, inserted, updated, deleted, unchanged, duplicates, warnings, first_seq, last_seq, started_at, finished_at, report, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, '', NULL, '', ?, 'applying', ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, ?, NULL, '{}', NULL)`)
            .run(header.id, header.rid, header.departmentId, header.submittedBy, header.submittedByName, header.source, header.fileName, header.mode, header.correctsBatchNo, header.at).lastInsertRowid);
          const empty = raw.prepare('SELECT 1 FROM ingest_records WHERE rid = ? LIMIT 1').get(header.rid) === undefined;
          const trackSeen = !empty && header.mode === 'snapshot';
          if (trackSeen) {
            raw.exec('CREATE TEMP TABLE IF NOT EXISTS ingest_seen (k TEXT PRIMARY KEY)');
            raw.exec('DELETE FROM temp.ingest_seen');
          }
          const seqBefore = maxSeq();
          const sink = new SqliteSink(raw, header, batchNo, empty, trackSeen);
          const outcome: BodyOutcome = await body(sink);
          if ('duplicateOf' in outcome) {
            raw.exec('ROLLBACK');
            return { kind: 'duplicate', duplicateOf: outcome.duplicateOf };
          }
          sink.finish();
          if (trackSeen) sink.sweep();
          const counts = sink.counts;
          const seqAfter = maxSeq();
          if (seqAfter > seqBefore) {
            counts.firstSeq = seqBefore + 1;
            counts.lastSeq = seqAfter;
          }
          const live = (raw.prepare('SELECT count(*) AS n FROM ingest_records WHERE rid = ? AND deleted = 0').get(header.rid) as { n: number }).n;
          const fin: Finalized = finalize({ counts, liveRecords: live } satisfies FinalizeInput);
          const finishedAt = new Date().toISOString();
          raw.prepare(`UPDATE ingest_batches SET status = 'applied', format = ?, encoding = ?, content_hash = ?, rows_read = ?, accepted = ?, quarantined = ?, warnings = ?,
              inserted = ?, updated = ?, deleted = ?, unchanged = ?, duplicates = ?, first_seq = ?, last_seq = ?, finished_at = ?, report = ? WHERE no = ?`)
            .run(outcome.format, outcome.encoding, outcome.contentHash, outcome.rowsRead, outcome.accepted, outcome.quarantined, outcome.warnings,
              counts.inserted, counts.updated, counts.deleted, counts.unchanged, counts.duplicates, counts.firstSeq, counts.lastSeq, finishedAt, fin.report, batchNo);
          raw.prepare('UPDATE ingest_resources SET last_batch_no = ?, last_applied_at = ? WHERE rid = ?').run(batchNo, header.at, header.rid);
          if (fin.metrics !== null) raw.prepare('INSERT INTO ingest_quality (rid, batch_no, at, score, metrics) VALUES (?, ?, ?, ?, ?)').run(header.rid, batchNo, header.at, fin.score, fin.metrics);
          if (trackSeen) raw.exec('DELETE FROM temp.ingest_seen');
          raw.exec('COMMIT');
          return { kind: 'applied', batchNo, counts };
        } catch (error) {
          if (raw.inTransaction) raw.exec('ROLLBACK');
          throw error;
        }
      });
    },
  };
}

import type pg from 'pg';
import type { DatabaseHandle } from '../db/database.ts';
import type { PreparedChunk } from './prepare.ts';
import { emptyCounts, type ApplyCounts, type ApplyResult, type BatchHeader, type BatchSink, type BodyOutcome, type RecordWriter } from './writer.ts';

/**
 * Applies batches on PostgreSQL: rows are staged into temporary tables with one INSERT … SELECT FROM
 * unnest($1::text[], …) per chunk (a round trip per 8,000 rows instead of per row), then merged into
 * the record tables with set-based statements, all in one transaction on a dedicated pool client.
 * Batches take a transaction-level advisory lock so that change-log sequence numbers are handed out
 * in commit order and a subscriber reading `changesSince` never skips a late-committing batch.
 */
const LOCK_KEY = 30001;

class PgSink implements BatchSink {
  ord = 0;
  staged = 0;
  constructor(private readonly client: pg.PoolClient, private readonly header: BatchHeader, readonly batchNo: number) {}

  async write(chunk: PreparedChunk): Promise<void> {
    const c = this.client;
    const b = this.batchNo;
    if (chunk.keys.length > 0) {
      const ords = chunk.keys.map(() => ++this.ord);
      await c.query('INSERT INTO ingest_stage (ord, record_key, data) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])', [ords, chunk.keys, chunk.data]);
      this.staged += chunk.keys.length;
    }
    if (chunk.qRowNos.length > 0) {
      await c.query(`INSERT INTO ingest_quarantine (batch_no, row_no, cells, errors, record_key, status, resolved_by_batch)
        SELECT $1, r, ce, e, k, 'open', NULL FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) AS u(r, ce, e, k)`, [b, chunk.qRowNos, chunk.qCells, chunk.qErrors, chunk.qKeys]);
      const keys = chunk.qKeys.filter((k): k is string => k !== null);
      if (keys.length > 0) await c.query('INSERT INTO ingest_stage_held (record_key) SELECT * FROM unnest($1::text[])', [keys]);
    }
    if (chunk.wRowNos.length > 0) {
      await c.query(`INSERT INTO ingest_warnings (batch_no, row_no, item, raw, reason, record_key)
        SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])`, [b, chunk.wRowNos, chunk.wItems, chunk.wRaw, chunk.wReasons, chunk.wKeys]);
    }
    const corrects = this.header.correctsBatchNo;
    if (corrects !== null) {
      const resolved = chunk.origins.filter((o) => o > 0);
      const again = chunk.qOrigins.filter((o) => o > 0);
      const sql = `UPDATE ingest_quarantine SET status = $1, resolved_by_batch = $2 WHERE batch_no = $3 AND row_no = ANY($4::bigint[]) AND status = 'open'`;
      if (resolved.length > 0) await c.query(sql, ['resolved', b, corrects, resolved]);
      if (again.length > 0) await c.query(sql, ['resubmitted', b, corrects, again]);
    }
  }

  async appliedWithHash(hash: string, mode: string) {
    const r = await this.client.query(`SELECT id, no FROM ingest_batches WHERE rid = $1 AND content_hash = $2 AND mode = $3 AND status = 'applied' ORDER BY no LIMIT 1`, [this.header.rid, hash, mode]);
    return r.rows[0] as { id: string; no: number } | undefined;
  }

  /** Merges the staged rows: last row per key wins, unchanged rows write nothing. */
  async merge(): Promise<ApplyCounts> {
    const c = this.client;
    const { rid, at, mode } = this.header;
    const b = this.batchNo;
    const counts = emptyCounts();
    await c.query(`CREATE TEMP TABLE ingest_final ON COMMIT DROP AS
      SELECT f.record_key, f.data, f.ord, r.version AS old_version, r.deleted AS old_deleted, (r.data = f.data) AS same
      FROM (SELECT DISTINCT ON (record_key) record_key, data, ord FROM ingest_stage ORDER BY record_key, ord DESC) f
      LEFT JOIN ingest_records r ON r.rid = $1 AND r.record_key = f.record_key`, [rid]);
    const tally = (await c.query(`SELECT count(*) AS n,
        count(*) FILTER (WHERE old_version IS NULL OR old_deleted = 1) AS ins,
        count(*) FILTER (WHERE old_version IS NOT NULL AND old_deleted = 0 AND NOT same) AS upd,
        count(*) FILTER (WHERE old_version IS NOT NULL AND old_deleted = 0 AND same) AS unch FROM ingest_final`)).rows[0] as Record<string, number>;
    counts.inserted = tally.ins!;
    counts.updated = tally.upd!;
    counts.unchanged = tally.unch!;
    counts.duplicates = this.staged - tally.n!;
    const changed = 'old_version IS NOT NULL AND (old_deleted = 1 OR NOT same)';
    await c.query(`INSERT INTO ingest_record_versions (rid, record_key, version, data, deleted, batch_no, updated_at, superseded_by)
      SELECT r.rid, r.record_key, r.version, r.data, r.deleted, r.batch_no, r.updated_at, $2 FROM ingest_records r JOIN ingest_final f ON r.rid = $1 AND r.record_key = f.record_key WHERE ${changed}`, [rid, b]);
    await c.query(`INSERT INTO ingest_changes (rid, record_key, op, version, batch_no)
      SELECT $1, record_key, CASE WHEN old_version IS NULL OR old_deleted = 1 THEN 'insert' ELSE 'update' END, coalesce(old_version, 0) + 1, $2
      FROM ingest_final WHERE old_version IS NULL OR old_deleted = 1 OR NOT same ORDER BY ord`, [rid, b]);
    await c.query(`UPDATE ingest_records r SET data = f.data, version = f.old_version + 1, deleted = 0, batch_no = $2, updated_at = $3
      FROM ingest_final f WHERE r.rid = $1 AND r.record_key = f.record_key AND ${changed}`, [rid, b, at]);
    await c.query(`INSERT INTO ingest_records (rid, record_key, data, version, deleted, batch_no, updated_at)
      SELECT $1, record_key, data, 1, 0, $2, $3 FROM ingest_final WHERE old_version IS NULL ORDER BY ord`, [rid, b, at]);
    if (mode === 'snapshot') {
      const unseen = `r.rid = $1 AND r.deleted = 0 AND r.batch_no <> $2
        AND NOT EXISTS (SELECT 1 FROM ingest_final f WHERE f.record_key = r.record_key)
        AND NOT EXISTS (SELECT 1 FROM ingest_stage_held h WHERE h.record_key = r.record_key)`;
      await c.query(`INSERT INTO ingest_record_versions (rid, record_key, version, data, deleted, batch_no, updated_at, superseded_by)
        SELECT r.rid, r.record_key, r.version, r.data, r.deleted, r.batch_no, r.updated_at, $2 FROM ingest_records r WHERE ${unseen}`, [rid, b]);
      await c.query(`INSERT INTO ingest_changes (rid, record_key, op, version, batch_no)
        SELECT r.rid, r.record_key, 'delete', r.version + 1, $2 FROM ingest_records r WHERE ${unseen} ORDER BY r.record_key`, [rid, b]);
      counts.deleted = (await c.query(`UPDATE ingest_records r SET deleted = 1, version = r.version + 1, batch_no = $2, updated_at = $3 WHERE ${unseen}`, [rid, b, at])).rowCount ?? 0;
    }
    return counts;
  }
}

export function createPgWriter(handle: DatabaseHandle): RecordWriter {
  const pool = handle.pgPool!;
  return {
    async applyBatch(header, body, finalize): Promise<ApplyResult> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
        const seqBefore = Number((await client.query('SELECT coalesce(max(seq), 0) AS m FROM ingest_changes')).rows[0].m);
        const batchNo = Number((await client.query(`INSERT INTO ingest_batches (id, rid, department_id, submitted_by, submitted_by_name, source, file_name, format, encoding, content_hash, mode, status,
            corrects_batch_no, rows_read, accepted, quarantined, inserted, updated, deleted, unchanged, duplicates, warnings, first_seq, last_seq, started_at, finished_at, report, error)
          VALUES ($1, $2, $3, $4, $5, $6, $7, '', NULL, '', $8, 'applying', $9, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, $10, NULL, '{}', NULL) RETURNING no`,
        [header.id, header.rid, header.departmentId, header.submittedBy, header.submittedByName, header.source, header.fileName, header.mode, header.correctsBatchNo, header.at])).rows[0].no);
        await client.query('CREATE TEMP TABLE ingest_stage (ord bigint, record_key text, data text) ON COMMIT DROP');
        await client.query('CREATE TEMP TABLE ingest_stage_held (record_key text) ON COMMIT DROP');
        const sink = new PgSink(client, header, batchNo);
        const outcome: BodyOutcome = await body(sink);
        if ('duplicateOf' in outcome) {
          await client.query('ROLLBACK');
          return { kind: 'duplicate', duplicateOf: outcome.duplicateOf };
        }
        const counts = await sink.merge();
        const range = (await client.query('SELECT min(seq) AS lo, max(seq) AS hi FROM ingest_changes WHERE seq > $1 AND batch_no = $2', [seqBefore, batchNo])).rows[0];
        counts.firstSeq = range.lo === null ? null : Number(range.lo);
        counts.lastSeq = range.hi === null ? null : Number(range.hi);
        const live = Number((await client.query('SELECT count(*) AS n FROM ingest_records WHERE rid = $1 AND deleted = 0', [header.rid])).rows[0].n);
        const fin = finalize({ counts, liveRecords: live });
        await client.query(`UPDATE ingest_batches SET status = 'applied', format = $1, encoding = $2, content_hash = $3, rows_read = $4, accepted = $5, quarantined = $6, warnings = $7,
            inserted = $8, updated = $9, deleted = $10, unchanged = $11, duplicates = $12, first_seq = $13, last_seq = $14, finished_at = $15, report = $16 WHERE no = $17`,
        [outcome.format, outcome.encoding, outcome.contentHash, outcome.rowsRead, outcome.accepted, outcome.quarantined, outcome.warnings,
          counts.inserted, counts.updated, counts.deleted, counts.unchanged, counts.duplicates, counts.firstSeq, counts.lastSeq, new Date().toISOString(), fin.report, batchNo]);
        await client.query('UPDATE ingest_resources SET last_batch_no = $1, last_applied_at = $2 WHERE rid = $3', [batchNo, header.at, header.rid]);
        if (fin.metrics !== null) await client.query('INSERT INTO ingest_quality (rid, batch_no, at, score, metrics) VALUES ($1, $2, $3, $4, $5)', [header.rid, batchNo, header.at, fin.score, fin.metrics]);
        await client.query('COMMIT');
        return { kind: 'applied', batchNo, counts };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

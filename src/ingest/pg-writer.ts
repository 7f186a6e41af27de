import type pg from 'pg';
import type { DatabaseHandle } from '../db/database.ts';
import { copyRows } from './pg-copy.ts';
import { dataStart, type PreparedChunk } from './prepare.ts';
import { decodeRecord, sameRecord } from './record-data.ts';
import { emptyCounts, type ApplyCounts, type ApplyResult, type BatchHeader, type BatchSink, type BodyOutcome, type RecordWriter } from './writer.ts';

/**
 * Applies batches on PostgreSQL: rows are staged into a temporary table with one COPY per chunk
 * (pg-copy.ts), quarantine and warnings with INSERT … SELECT FROM unnest(…), then merged into
 * the record tables with set-based statements, all in one transaction on a dedicated pool client.
 * Batches take a transaction-level advisory lock so that change-log sequence numbers are handed out
 * in commit order and a subscriber reading `changesSince` never skips a late-committing batch.
 */
const LOCK_KEY = 30001;

class PgSink implements BatchSink {
  readonly wantsSortedKeys = false;
  ord = 0;
  staged = 0;
  constructor(
    private readonly client: pg.PoolClient,
    private readonly header: BatchHeader,
    readonly batchNo: number,
    private readonly layout: number,
    private readonly layoutItems: (id: number | null) => Promise<readonly string[] | null>,
  ) {}

  async write(chunk: PreparedChunk): Promise<void> {
    const c = this.client;
    const b = this.batchNo;
    if (chunk.keys.length > 0) {
      const rows = chunk.keys.map((key, i) => [++this.ord, key, chunk.keyHashes[i]!, chunk.data.toString('utf8', dataStart(chunk, i), chunk.dataEnds[i])]);
      await copyRows(c, 'ingest_stage (ord, record_key, key_hash, data)', rows);
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
      const resolved = chunk.resolvedOrigins;
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
    const { rid, mode } = this.header;
    const b = this.batchNo;
    const layout = this.layout;
    const counts = emptyCounts();
    // A resource without records (a first load) needs no lookups of stored versions.
    const fresh = (await c.query('SELECT 1 FROM ingest_record_keys WHERE rid = $1 LIMIT 1', [rid])).rowCount === 0;
    const latest = 'SELECT DISTINCT ON (record_key) record_key, key_hash, data, ord FROM ingest_stage ORDER BY record_key, ord DESC';
    if (fresh) {
      await c.query(`CREATE TEMP TABLE ingest_final ON COMMIT DROP AS
        SELECT f.record_key, f.key_hash, f.data, f.ord, NULL::bigint AS old_id, NULL::integer AS old_version, NULL::integer AS old_deleted,
          NULL::integer AS old_layout, false AS same FROM (${latest}) f`);
    } else {
      await c.query(`CREATE TEMP TABLE ingest_final ON COMMIT DROP AS
        SELECT f.record_key, f.key_hash, f.data, f.ord, r.id AS old_id, r.version AS old_version, r.deleted AS old_deleted, r.layout AS old_layout,
          (r.layout IS NOT DISTINCT FROM $2 AND r.data = f.data) AS same
        FROM (${latest}) f
        LEFT JOIN LATERAL (SELECT r.id, r.version, r.deleted, r.layout, r.data FROM ingest_record_keys k JOIN ingest_records r ON r.id = k.record_id
          WHERE k.rid = $1 AND k.key_hash = f.key_hash AND r.record_key = f.record_key) r ON true`, [rid, layout]);
    }
    // Records stored in another layout are compared by their items, not their text.
    const other = await c.query(`SELECT f.ord, f.old_layout, r.data AS old_data, f.data FROM ingest_final f JOIN ingest_records r ON r.id = f.old_id
      WHERE f.old_layout IS DISTINCT FROM $1`, [layout]);
    const alike: number[] = [];
    const items = await this.layoutItems(layout);
    for (const row of other.rows as Array<{ ord: string; old_layout: number | null; old_data: string; data: string }>) {
      if (sameRecord(decodeRecord(row.old_data, await this.layoutItems(row.old_layout)), decodeRecord(row.data, items))) alike.push(Number(row.ord));
    }
    if (alike.length > 0) await c.query('UPDATE ingest_final SET same = true WHERE ord = ANY($1::bigint[])', [alike]);
    const tally = (await c.query(`SELECT count(*) AS n,
        count(*) FILTER (WHERE old_id IS NULL OR old_deleted = 1) AS ins,
        count(*) FILTER (WHERE old_id IS NOT NULL AND old_deleted = 0 AND NOT same) AS upd,
        count(*) FILTER (WHERE old_id IS NOT NULL AND old_deleted = 0 AND same) AS unch FROM ingest_final`)).rows[0] as Record<string, string>;
    counts.inserted = Number(tally.ins);
    counts.updated = Number(tally.upd);
    counts.unchanged = Number(tally.unch);
    counts.duplicates = this.staged - Number(tally.n);
    const changed = 'f.old_id IS NOT NULL AND (f.old_deleted = 1 OR NOT f.same)';
    await c.query(`INSERT INTO ingest_record_versions (rid, record_key, version, layout, data, deleted, batch_no, superseded_by)
      SELECT r.rid, r.record_key, r.version, r.layout, r.data, r.deleted, r.batch_no, $1 FROM ingest_records r JOIN ingest_final f ON r.id = f.old_id WHERE ${changed}`, [b]);
    await c.query(`UPDATE ingest_records r SET layout = $3, data = f.data, version = f.old_version + 1, deleted = 0, batch_no = $2
      FROM ingest_final f WHERE r.id = f.old_id AND r.rid = $1 AND ${changed}`, [rid, b, layout]);
    // New records with their key rows, then the change log in row order, naming each record by id.
    await c.query(`WITH ins AS (INSERT INTO ingest_records (rid, record_key, layout, data, version, deleted, batch_no)
        SELECT $1, record_key, $3, data, 1, 0, $2 FROM ingest_final WHERE old_id IS NULL ORDER BY ord RETURNING id, record_key),
      made AS (SELECT ins.id, f.key_hash, f.ord FROM ins JOIN ingest_final f ON f.record_key = ins.record_key),
      indexed AS (INSERT INTO ingest_record_keys (rid, key_hash, record_id) SELECT $1, key_hash, id FROM made)
      INSERT INTO ingest_changes (rid, record_id, op, version, batch_no)
      SELECT $1, x.id, x.op, x.version, $2 FROM (
        SELECT ord, id, 'insert' AS op, 1 AS version FROM made
        UNION ALL
        SELECT f.ord, f.old_id, CASE WHEN f.old_deleted = 1 THEN 'insert' ELSE 'update' END, f.old_version + 1 FROM ingest_final f WHERE ${changed}
      ) x ORDER BY x.ord`, [rid, b, layout]);
    if (mode === 'snapshot') {
      const unseen = `r.id IN (SELECT r2.id FROM ingest_record_keys k JOIN ingest_records r2 ON r2.id = k.record_id
        WHERE k.rid = $1 AND r2.deleted = 0 AND r2.batch_no <> $2
        AND NOT EXISTS (SELECT 1 FROM ingest_final f WHERE f.record_key = r2.record_key)
        AND NOT EXISTS (SELECT 1 FROM ingest_stage_held h WHERE h.record_key = r2.record_key))`;
      await c.query(`INSERT INTO ingest_record_versions (rid, record_key, version, layout, data, deleted, batch_no, superseded_by)
        SELECT r.rid, r.record_key, r.version, r.layout, r.data, r.deleted, r.batch_no, $2 FROM ingest_records r WHERE ${unseen}`, [rid, b]);
      await c.query(`INSERT INTO ingest_changes (rid, record_id, op, version, batch_no)
        SELECT r.rid, r.id, 'delete', r.version + 1, $2 FROM ingest_records r WHERE ${unseen} ORDER BY r.record_key`, [rid, b]);
      counts.deleted = (await c.query(`UPDATE ingest_records r SET deleted = 1, version = r.version + 1, batch_no = $2 WHERE ${unseen}`, [rid, b])).rowCount ?? 0;
    }
    return counts;
  }
}

export function createPgWriter(handle: DatabaseHandle): RecordWriter {
  const pool = handle.pgPool!;
  const layouts = new Map<number, readonly string[]>();
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
        await client.query('CREATE TEMP TABLE ingest_stage (ord bigint, record_key text, key_hash bigint, data text) ON COMMIT DROP');
        await client.query('CREATE TEMP TABLE ingest_stage_held (record_key text) ON COMMIT DROP');
        const items = JSON.stringify(header.items);
        await client.query('INSERT INTO ingest_layouts (items) VALUES ($1) ON CONFLICT (items) DO NOTHING', [items]);
        const layout = Number((await client.query('SELECT id FROM ingest_layouts WHERE items = $1', [items])).rows[0].id);
        const layoutItems = async (id: number | null): Promise<readonly string[] | null> => {
          if (id === null) return null;
          let found = layouts.get(id);
          if (!found) layouts.set(id, (found = JSON.parse((await client.query('SELECT items FROM ingest_layouts WHERE id = $1', [id])).rows[0].items) as string[]));
          return found;
        };
        const sink = new PgSink(client, header, batchNo, layout, layoutItems);
        const outcome: BodyOutcome = await body(sink);
        if ('duplicateOf' in outcome) {
          await client.query('ROLLBACK');
          return { kind: 'duplicate', duplicateOf: outcome.duplicateOf };
        }
        const counts = await sink.merge();
        const range = (await client.query('SELECT min(seq) AS lo, max(seq) AS hi FROM ingest_changes WHERE seq > $1 AND batch_no = $2', [seqBefore, batchNo])).rows[0];
        counts.firstSeq = range.lo === null ? null : Number(range.lo);
        counts.lastSeq = range.hi === null ? null : Number(range.hi);
        const before = Number((await client.query('SELECT live_records FROM ingest_resources WHERE rid = $1', [header.rid])).rows[0]?.live_records ?? 0);
        const live = before + counts.inserted - counts.deleted;
        const fin = finalize({ counts, liveRecords: live });
        await client.query(`UPDATE ingest_batches SET status = 'applied', format = $1, encoding = $2, content_hash = $3, rows_read = $4, accepted = $5, quarantined = $6, warnings = $7,
            inserted = $8, updated = $9, deleted = $10, unchanged = $11, duplicates = $12, first_seq = $13, last_seq = $14, finished_at = $15, report = $16 WHERE no = $17`,
        [outcome.format, outcome.encoding, outcome.contentHash, outcome.rowsRead, outcome.accepted, outcome.quarantined, outcome.warnings,
          counts.inserted, counts.updated, counts.deleted, counts.unchanged, counts.duplicates, counts.firstSeq, counts.lastSeq, new Date().toISOString(), fin.report, batchNo]);
        await client.query('UPDATE ingest_resources SET last_batch_no = $1, last_applied_at = $2, live_records = $4 WHERE rid = $3', [batchNo, header.at, header.rid, live]);
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

import type { Generated } from 'kysely';

/**
 * Ingest tables. Hot tables (records, versions, changes) refer to a resource by a small integer `rid`
 * and to a batch by its integer `batch_no`, so that a million-row load writes short rows
 * (see docs/decisions/0300-ingest-record-storage.md).
 */
export interface IngestResourceRow {
  rid: Generated<number>;
  resource_id: string;
  resource_code: string;
  /** JSON `{ required?: string[], crossField?: 'quarantine' | 'warn' }`; '{}' means the defaults. */
  profile: string;
  last_batch_no: number | null;
  last_applied_at: string | null;
  created_at: string;
  /** Records not deleted, kept by the batch writers. */
  live_records: Generated<number>;
}

export interface IngestBatchRow {
  no: Generated<number>;
  id: string;
  rid: number;
  department_id: string | null;
  submitted_by: string;
  submitted_by_name: string;
  /** file | api | cli | resubmit | objection | demo */
  source: string;
  file_name: string | null;
  format: string;
  encoding: string | null;
  content_hash: string;
  mode: string;
  /** applying (only ever visible inside the batch's own transaction) | applied | failed */
  status: string;
  corrects_batch_no: number | null;
  rows_read: number;
  accepted: number;
  quarantined: number;
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
  duplicates: number;
  warnings: number;
  first_seq: number | null;
  last_seq: number | null;
  started_at: string;
  finished_at: string | null;
  /** JSON: header, mapping, per-item counters, quality, reason summary. */
  report: string;
  error: string | null;
}

export interface IngestRecordRow {
  /** Surrogate id, stable for the life of the record (records are never erased). */
  id: Generated<number>;
  rid: number;
  record_key: string;
  /** ingest_layouts id: data is a JSON array of the items' values in that order; null: a JSON object by item name (before 0301). */
  layout: number | null;
  /** Normalised item values as JSON (see layout); empty items are null or absent. */
  data: string;
  version: number;
  deleted: number;
  batch_no: number;
}

/** Superseded versions; the current one lives in ingest_records. */
export interface IngestRecordVersionRow {
  rid: number;
  record_key: string;
  version: number;
  layout: number | null;
  data: string;
  deleted: number;
  batch_no: number;
  superseded_by: number;
}

/** The key index of ingest_records by key hash (key-hash.ts); a lookup also compares record_key. */
export interface IngestRecordKeyRow {
  rid: number;
  key_hash: number;
  record_id: number;
}

/** The item names of positional record data, a JSON array of strings. */
export interface IngestLayoutRow {
  id: Generated<number>;
  items: string;
}

/** Append-only change log; the data of (record, version) is in records (current) or versions. */
export interface IngestChangeRow {
  seq: Generated<number>;
  rid: number;
  op: string;
  version: number;
  batch_no: number;
  /** ingest_records id of the record changed (its key is the record's). */
  record_id: number;
}

export interface IngestQuarantineRow {
  batch_no: number;
  row_no: number;
  /** JSON array of the row's cells as read, aligned with the batch header. */
  cells: string;
  /** JSON array of { column, item, zh, en }. */
  errors: string;
  record_key: string | null;
  status: string;
  resolved_by_batch: number | null;
}

export interface IngestWarningRow {
  id: Generated<number>;
  batch_no: number;
  row_no: number;
  item: string;
  raw: string;
  reason: string;
  record_key: string | null;
}

export interface IngestMappingRow {
  department_id: string;
  rid: number;
  /** JSON `{ header: itemName | null }`. */
  mapping: string;
  updated_by: string;
  updated_at: string;
}

export interface IngestQualityRow {
  id: Generated<number>;
  rid: number;
  batch_no: number | null;
  at: string;
  score: number;
  /** JSON of the quality metrics (see quality.ts). */
  metrics: string;
}

export interface IngestObjectionRow {
  id: string;
  rid: number;
  resource_code: string;
  record_key: string;
  item: string;
  value: string | null;
  reason: string;
  raised_by: string;
  raised_by_name: string;
  raiser_department_id: string | null;
  provider_department_id: string;
  /** open | corrected | confirmed */
  status: string;
  deadline: string;
  raised_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
  explanation: string | null;
  new_value: string | null;
  correction_batch_no: number | null;
  correction_version: number | null;
}

export interface IngestTables {
  ingest_resources: IngestResourceRow;
  ingest_batches: IngestBatchRow;
  ingest_records: IngestRecordRow;
  ingest_record_keys: IngestRecordKeyRow;
  ingest_layouts: IngestLayoutRow;
  ingest_record_versions: IngestRecordVersionRow;
  ingest_changes: IngestChangeRow;
  ingest_quarantine: IngestQuarantineRow;
  ingest_warnings: IngestWarningRow;
  ingest_mappings: IngestMappingRow;
  ingest_quality: IngestQualityRow;
  ingest_objections: IngestObjectionRow;
}

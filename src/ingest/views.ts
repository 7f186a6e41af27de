import type { Selectable } from 'kysely';
import type { IngestBatchRow, IngestObjectionRow, IngestQuarantineRow } from './tables.ts';
import type { QualityMetrics } from './quality.ts';

/**
 * What the API, the CLI and the console show of a batch. `accepted + quarantined = rowsRead`
 * always holds; `duplicateOf` is set when the submission repeated an applied batch and changed nothing.
 *
 * @example
 * const r = await ingest.submit('101001/000001', { kind: 'file', path }, { actor, source: 'cli' });
 * `${r.accepted} + ${r.quarantined} = ${r.rowsRead}`;
 */
export interface BatchReport {
  readonly id: string;
  readonly resourceCode: string;
  readonly status: string;
  readonly mode: string;
  readonly source: string;
  readonly fileName: string | null;
  readonly format: string;
  readonly encoding: string | null;
  readonly contentHash: string;
  readonly submittedBy: { readonly id: string; readonly name: string };
  readonly rowsRead: number;
  readonly accepted: number;
  readonly quarantined: number;
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
  readonly unchanged: number;
  readonly duplicates: number;
  readonly warnings: number;
  readonly duplicateOf: string | null;
  readonly correctsBatch: string | null;
  readonly changes: { readonly firstSeq: number | null; readonly lastSeq: number | null };
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly error: string | null;
  readonly header: readonly string[];
  readonly headerRowNo: number | null;
  readonly mapping: Record<string, string | null>;
  readonly unmappedHeaders: readonly string[];
  readonly unmappedItems: readonly string[];
  readonly blankRows: number;
  readonly problems: Record<string, { count: number; examples: string[] }>;
  readonly quality: QualityMetrics | null;
}

/** The JSON kept in ingest_batches.report. */
export interface StoredReport {
  header?: string[];
  headerRowNo?: number;
  mapping?: Record<string, string | null>;
  unmappedHeaders?: string[];
  unmappedItems?: string[];
  blankRows?: number;
  problems?: Record<string, { count: number; examples: string[] }>;
  quality?: QualityMetrics;
  correctsBatchId?: string | null;
}

export function batchReport(row: Selectable<IngestBatchRow>, resourceCode: string, duplicateOf: string | null = null): BatchReport {
  let r: StoredReport = {};
  try {
    r = JSON.parse(row.report) as StoredReport;
  } catch {
    r = {};
  }
  return {
    id: row.id,
    resourceCode,
    status: row.status,
    mode: row.mode,
    source: row.source,
    fileName: row.file_name,
    format: row.format,
    encoding: row.encoding,
    contentHash: row.content_hash,
    submittedBy: { id: row.submitted_by, name: row.submitted_by_name },
    rowsRead: Number(row.rows_read),
    accepted: Number(row.accepted),
    quarantined: Number(row.quarantined),
    inserted: Number(row.inserted),
    updated: Number(row.updated),
    deleted: Number(row.deleted),
    unchanged: Number(row.unchanged),
    duplicates: Number(row.duplicates),
    warnings: Number(row.warnings),
    duplicateOf,
    correctsBatch: r.correctsBatchId ?? null,
    changes: { firstSeq: row.first_seq === null ? null : Number(row.first_seq), lastSeq: row.last_seq === null ? null : Number(row.last_seq) },
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    header: r.header ?? [],
    headerRowNo: r.headerRowNo ?? null,
    mapping: r.mapping ?? {},
    unmappedHeaders: r.unmappedHeaders ?? [],
    unmappedItems: r.unmappedItems ?? [],
    blankRows: r.blankRows ?? 0,
    problems: r.problems ?? {},
    quality: r.quality ?? null,
  };
}

export interface QuarantineView {
  readonly rowNo: number;
  readonly cells: string[];
  readonly errors: Array<{ column: string | null; item: string; zh: string; en: string }>;
  readonly recordKey: string | null;
  readonly status: string;
}

export function quarantineView(row: Selectable<IngestQuarantineRow>): QuarantineView {
  return { rowNo: Number(row.row_no), cells: JSON.parse(row.cells) as string[], errors: JSON.parse(row.errors) as QuarantineView['errors'], recordKey: row.record_key, status: row.status };
}

export interface ObjectionView {
  readonly id: string;
  readonly resourceCode: string;
  readonly recordKey: string;
  readonly item: string;
  readonly value: string | null;
  readonly reason: string;
  readonly raisedBy: { readonly id: string; readonly name: string; readonly departmentId: string | null };
  readonly providerDepartmentId: string;
  readonly status: string;
  readonly deadline: string;
  readonly overdue: boolean;
  readonly raisedAt: string;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
  readonly explanation: string | null;
  readonly newValue: string | null;
  readonly correction: { readonly batchNo: number; readonly version: number | null } | null;
}

export function objectionView(row: Selectable<IngestObjectionRow>, now: string): ObjectionView {
  const endedAt = row.resolved_at ?? now;
  return {
    id: row.id,
    resourceCode: row.resource_code,
    recordKey: row.record_key,
    item: row.item,
    value: row.value,
    reason: row.reason,
    raisedBy: { id: row.raised_by, name: row.raised_by_name, departmentId: row.raiser_department_id },
    providerDepartmentId: row.provider_department_id,
    status: row.status,
    deadline: row.deadline,
    overdue: endedAt > row.deadline,
    raisedAt: row.raised_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by_name,
    explanation: row.explanation,
    newValue: row.new_value,
    correction: row.correction_batch_no === null ? null : { batchNo: Number(row.correction_batch_no), version: row.correction_version },
  };
}

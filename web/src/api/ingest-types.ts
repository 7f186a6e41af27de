/** Shapes of the 数据归集 answers (mirrors src/ingest/views.ts, quality.ts and service.ts). */
export interface QualityMetrics {
  score: number;
  completeness: number;
  validity: number;
  uniqueness: number;
  timeliness: number;
  consistency: number;
  acceptance: number;
  items: Record<string, { completeness: number; validity: number }>;
  duplicates: number;
  cycleDays: number | null;
  daysSincePrevious: number | null;
  overdue: boolean;
}

export interface BatchReport {
  id: string;
  resourceCode: string;
  status: string;
  mode: string;
  source: string;
  fileName: string | null;
  format: string;
  encoding: string | null;
  submittedBy: { id: string; name: string };
  rowsRead: number;
  accepted: number;
  quarantined: number;
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
  duplicates: number;
  warnings: number;
  duplicateOf: string | null;
  correctsBatch: string | null;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  header: string[];
  headerRowNo: number | null;
  mapping: Record<string, string | null>;
  unmappedHeaders: string[];
  unmappedItems: string[];
  blankRows: number;
  problems: Record<string, { count: number; examples: string[] }>;
  quality: QualityMetrics | null;
}

export interface QuarantineRow {
  rowNo: number;
  cells: string[];
  errors: Array<{ column: string | null; item: string; zh: string; en: string }>;
  recordKey: string | null;
  status: string;
}

export interface QuarantinePage {
  batchId: string;
  counts: Record<string, number>;
  rows: QuarantineRow[];
}

export interface MappingView {
  resourceCode: string;
  departmentCode: string;
  saved: Record<string, string | null> | null;
  items: Array<{ name: string; element: string | null; required: boolean; isKey: boolean; synonyms: string[] }>;
  lastHeader: string[];
  effective: Record<string, string | null>;
}

export interface QualityView {
  resourceCode: string;
  updateCycle: string;
  lastDeliveryAt: string | null;
  current: QualityMetrics | null;
  history: Array<{ at: string; score: number; batchNo: number | null }>;
}

export interface IngestProfile {
  required?: string[];
  crossField?: 'quarantine' | 'warn';
}

export interface OverdueResource {
  resourceCode: string;
  name: string;
  departmentCode: string;
  updateCycle: string;
  lastDeliveryAt: string | null;
  daysSince: number | null;
}

export interface ObjectionView {
  id: string;
  resourceCode: string;
  recordKey: string;
  item: string;
  value: string | null;
  reason: string;
  raisedBy: { id: string; name: string; departmentId: string | null };
  providerDepartmentId: string;
  status: 'open' | 'corrected' | 'confirmed';
  deadline: string;
  overdue: boolean;
  raisedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  explanation: string | null;
  newValue: string | null;
  correction: { batchNo: number; version: number | null } | null;
}

/** Shapes of the 基础库 answers (mirrors src/registry/views.ts). */
export type RegistryKind = 'person' | 'business' | 'house';

export interface EntitySummary {
  id: string;
  kind: RegistryKind;
  status: string;
  label: string;
  identifier: string;
  mentionCount: number;
  openDiscrepancies: number;
  departments: string[];
}

export interface ProvenanceView {
  department: { code: string; name: string };
  resource: { code: string; name: string };
  recordKey: string;
  role: string;
  batchId: string | null;
  at: string;
  value: string | null;
}

export interface GoldenFieldView {
  value: string;
  rule: string;
  source: ProvenanceView;
  sources: ProvenanceView[];
  alternatives: Array<{ value: string; valid?: boolean; departments: string[]; sources: ProvenanceView[] }>;
}

export interface SourceView {
  department: { code: string; name: string };
  resource: { code: string; name: string };
  recordKey: string;
  role: string;
  roleLabel: string;
  version: number;
  batchId: string | null;
  at: string;
  values: Record<string, string>;
  data?: Record<string, unknown>;
  deleted?: boolean;
  entityId?: string;
}

export interface DiscrepancyView {
  id: string;
  kind: RegistryKind;
  entityId: string;
  field: string;
  type: string;
  status: string;
  expected: string | null;
  reason: string | null;
  values: Array<{ value: string; departments: Array<{ code: string; name: string }>; sources: ProvenanceView[] }>;
  targets: Array<{ department: string; departmentName: string; resourceCode: string; resourceName: string; recordKey: string; item: string; value: string | null; objectionId?: string | null }>;
  detectedAt: string;
  resolvedAt: string | null;
}

export interface EntityView extends EntitySummary {
  mergedInto: string | null;
  golden: Record<string, GoldenFieldView>;
  sources: SourceView[];
  relations: Array<{ via: { resource: { code: string; name: string }; recordKey: string }; myRole: string; theirRole: string; roleLabel: string; entity: EntitySummary }>;
  household: { householdNo: string; members: Array<EntitySummary & { relation: string | null }> } | null;
  houses?: EntitySummary[];
  residents?: EntitySummary[];
  discrepancies: DiscrepancyView[];
  history: Array<{ type: string; from: string[]; mentions: number; actor: string; at: string }>;
  fullRecords: boolean;
}

export interface ReviewPair {
  id: string;
  kind: RegistryKind;
  probability: number;
  status: string;
  decision: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  left: SourceView | null;
  right: SourceView | null;
  evidence: { matchWeight: number; probability: number; rule: string | null; priorWeight: number; comparisons: Array<{ field: string; kind: string; left: string | null; right: string | null; level: string; weight: number }> } | null;
}

export interface RegistryStatus {
  lastSeq: number;
  latestSeq: number | null;
  entities: Array<{ kind: string; status: string; count: number }>;
  openReview: number;
  openDiscrepancies: Array<{ kind: string; type: string; field: string; count: number }>;
  objectionsRaised: number;
}

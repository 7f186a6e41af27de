/** Shapes of the exchange, audit and tracker answers (mirrors src/exchange, src/audit, src/tracker). */
export interface DepartmentRef {
  id: string;
  code: string;
  name: string;
}

export interface GrantView {
  id: string;
  resourceCode: string;
  resourceName: string | null;
  provider: DepartmentRef;
  consumer: DepartmentRef;
  kind: 'subscription' | 'application';
  applicationId: string | null;
  mode: 'lookup' | 'verify';
  items: string[];
  purposes: string[];
  basis: string | null;
  validFrom: string;
  validUntil: string;
  ratePerSecond: number | null;
  quotaPerDay: number | null;
  status: 'active' | 'revoked' | 'expired' | 'scheduled';
  revokedAt: string | null;
  revokeReason: string | null;
  createdAt: string;
  auditIndex?: number;
}

export interface ApplicationView {
  id: string;
  resourceCode: string;
  resourceName: string | null;
  consumer: DepartmentRef;
  provider: DepartmentRef;
  applicant: { id: string; name: string };
  purpose: string;
  basis: string;
  items: string[];
  mode: 'lookup' | 'verify';
  durationDays: number;
  expectedVolume: number;
  status: 'pending' | 'approved' | 'refused' | 'withdrawn';
  dueAt: string;
  overdue: boolean;
  decidedAt: string | null;
  decisionReason: string | null;
  approvedItems: string[] | null;
  grantId: string | null;
  escalation: { status: string; at: string | null; reason: string | null; resolution: string | null; resolvedAt: string | null } | null;
  createdAt: string;
  auditIndex?: number;
}

export interface CallSummary {
  calls: number;
  failures: number;
  failureRate: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface ExchangeStats {
  total: CallSummary;
  byGrant: Array<CallSummary & { grantId: string | null; resourceCode: string | null; consumer: DepartmentRef; provider: DepartmentRef }>;
  byDepartment: Array<CallSummary & { department: DepartmentRef; role: 'consumer' | 'provider' }>;
}

export interface ExchangeSettings {
  decisionWorkingDays: number;
  subscriptionDays: number;
  maxGrantDays: number;
}

export interface SourcesView {
  sources: Array<{ name: string; label: string }>;
  defaultSource: string;
  bindings: Array<{ resourceId: string; resourceCode: string | null; source: string }>;
}

export interface LookupAnswer {
  resource: string;
  grant: string;
  results: Array<{ key: string; found: boolean; items: Record<string, unknown> | null; auditIndex: number }>;
}

export interface AuditEntry {
  seq: number;
  time: string;
  actor: { kind: string; id: string; department: string | null };
  action: string;
  resource: string | null;
  subject: string | null;
  purpose: string | null;
  items: string[];
  outcome: { decision: 'allowed' | 'refused'; reason: string | null };
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface ListedEntry {
  index: number;
  entry: AuditEntry;
}

export interface CitizenAccess {
  index: number;
  time: string;
  kind: 'lookup' | 'verify' | 'change';
  department: { code: string | null; name: string | null };
  actor: { kind: string; name: string };
  resource: { code: string | null; name: string | null };
  items: string[];
  purpose: string | null;
}

/** Shapes of the API answers the console reads (mirrors src/catalog/model.ts and src/identity/routes.ts). */
export interface Me {
  kind: 'user' | 'system' | 'citizen';
  id: string;
  name: string;
  departmentId: string | null;
  departmentCode: string | null;
  roles: string[];
  permissions: string[];
}

export interface Department {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
  creditCode: string | null;
}

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  roles: string[];
  disabled: boolean;
}

export interface ApiKeySummary {
  id: string;
  department_id: string;
  name: string;
  roles: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ResourceItem {
  name: string;
  dataType: string;
  element: { code: string; name: string } | null;
  isKey: boolean;
  length: number | null;
  authoritative: boolean;
}

export interface Resource {
  id: string;
  code: string;
  name: string;
  category: { class: string; item: string; catalog: string; detail: string | null; className: string; itemName: string | null };
  provider: { departmentId: string; departmentCode: string; departmentName: string; providerCode: string };
  summary: string;
  format: string;
  items: ResourceItem[];
  sharing: { type: string; condition: string | null; basis: string | null; method: string };
  open: { isOpen: boolean; condition: string | null };
  updateCycle: string;
  relatedCodes: string[];
  status: ResourceStatus;
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  score?: number | null;
}

export type ResourceStatus = 'draft' | 'submitted' | 'reviewed' | 'published' | 'retired';

export interface SearchResult {
  total: number;
  items: Resource[];
}

export interface ResourceInput {
  name: string;
  providerCode: string;
  category: { class: string; item: string; catalog: string; detail?: string };
  summary: string;
  format: string;
  items: Array<{ name: string; dataType: string; element?: string; isKey?: boolean; length?: number; authoritative?: boolean }>;
  sharing: { type: string; condition?: string; basis?: string; method: string };
  open: { isOpen: boolean; condition?: string };
  updateCycle: string;
  relatedCodes?: string[];
}

export interface ExistingHolder {
  resourceCode: string;
  resourceName: string;
  departmentCode: string;
  departmentName: string;
  status: string;
  sharingType: string;
}

export interface ReuseLine {
  item: string;
  element: { code: string; name: string } | null;
  verdict: 'reuse' | 'new' | 'unbound';
  authoritative: { departmentCode: string; departmentName: string; resourceCode: string | null; resourceName: string | null } | null;
  existing: ExistingHolder[];
}

export interface SaveResult {
  resource: Resource;
  duplicates: ReuseLine[];
}

export interface HistoryEntry {
  version: number;
  action: string;
  actorId: string;
  actorName: string;
  at: string;
  comment: string | null;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
}

export interface Vocabulary {
  classes: Record<string, string>;
  baseKinds: Record<string, string>;
  themes: Record<string, string>;
  formats: string[];
  dataTypes: Record<string, string>;
  sharingTypes: string[];
  sharingMethods: string[];
  updateCycles: string[];
  statuses: Record<string, string>;
}

export interface DataElement {
  code: string;
  name: string;
  nameEn: string;
  dataType: string;
  standard: string;
  description: string;
  synonyms: string[];
  builtin: boolean;
}

export interface Authority {
  element: { code: string; name: string };
  scope: string;
  departmentCode: string;
  departmentName: string;
  resourceCode: string | null;
  resourceName: string | null;
  claimedAt: string;
}

export interface ReuseReport {
  lines: ReuseLine[];
  summary: { total: number; reuse: number; new: number; unbound: number };
}

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  note: string | null;
}

export interface RoleInfo {
  role: string;
  label: { zh: string; en: string };
  permissions: string[];
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface Overview {
  generatedAt: string;
  departments: { total: number; byLevel: CountRow[] };
  resources: {
    total: number;
    published: number;
    open: number;
    items: number;
    boundItems: number;
    bySharingType: CountRow[];
    byStatus: CountRow[];
    byClass: CountRow[];
    byDepartment: CountRow[];
  };
  authorities: number;
  /** Per published resource, when 数据归集 is available. */
  deliveries: Array<{ code: string; name: string; department: string; score: number | null; records: number | null; lastDeliveryAt: string | null; overdue: boolean }> | null;
}

import type { GrantRow } from './tables.ts';

/** What the exchange needs to know about a catalog resource on the hot path. */
export interface ResourceMeta {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly providerDepartmentId: string;
  readonly providerDepartmentCode: string;
  readonly sharingType: string;
  readonly condition: string | null;
  readonly basis: string | null;
  readonly items: readonly string[];
  /** Item name → data element code, for key validation and subject resolution. */
  readonly elements: ReadonlyMap<string, string | null>;
  /** The item marked as the record key, if any. */
  readonly keyItem: string | null;
}

export const MODES = ['lookup', 'verify'] as const;
export type Mode = (typeof MODES)[number];

/** A grant as held in memory: parsed lists and times in milliseconds. */
export interface Grant {
  readonly id: string;
  readonly resourceId: string;
  readonly resourceCode: string;
  readonly providerDepartmentId: string;
  readonly consumerDepartmentId: string;
  readonly kind: 'subscription' | 'application';
  readonly applicationId: string | null;
  readonly mode: Mode;
  readonly items: readonly string[];
  readonly itemSet: ReadonlySet<string>;
  readonly purposes: readonly string[];
  readonly validFrom: number;
  readonly validUntil: number;
  readonly ratePerSecond: number | null;
  readonly quotaPerDay: number | null;
  readonly status: 'active' | 'revoked';
  readonly revokedAt: string | null;
  readonly row: GrantRow;
}

export function grantFromRow(row: GrantRow): Grant {
  const items = JSON.parse(row.items) as string[];
  return {
    id: row.id,
    resourceId: row.resource_id,
    resourceCode: row.resource_code,
    providerDepartmentId: row.provider_department_id,
    consumerDepartmentId: row.consumer_department_id,
    kind: row.kind === 'subscription' ? 'subscription' : 'application',
    applicationId: row.application_id,
    mode: row.mode === 'verify' ? 'verify' : 'lookup',
    items,
    itemSet: new Set(items),
    purposes: JSON.parse(row.purposes) as string[],
    validFrom: Date.parse(row.valid_from),
    validUntil: Date.parse(row.valid_until),
    ratePerSecond: row.rate_per_second === null ? null : Number(row.rate_per_second),
    quotaPerDay: row.quota_per_day === null ? null : Number(row.quota_per_day),
    status: row.status === 'revoked' ? 'revoked' : 'active',
    revokedAt: row.revoked_at,
    row,
  };
}

/** The public shape of a grant. */
export function grantView(g: Grant, now: number) {
  const r = g.row;
  return {
    id: g.id,
    resourceCode: g.resourceCode,
    providerDepartmentId: g.providerDepartmentId,
    consumerDepartmentId: g.consumerDepartmentId,
    kind: g.kind,
    applicationId: g.applicationId,
    mode: g.mode,
    items: [...g.items],
    purposes: [...g.purposes],
    basis: r.basis,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    ratePerSecond: g.ratePerSecond,
    quotaPerDay: g.quotaPerDay,
    status: g.status === 'revoked' ? 'revoked' : g.validUntil <= now ? 'expired' : g.validFrom > now ? 'scheduled' : 'active',
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
    revokeReason: r.revoke_reason,
    createdAt: r.created_at,
  };
}

export type GrantView = ReturnType<typeof grantView>;

/** Purposes are compared after trimming and Unicode normalisation, so 全角/半角 spaces do not matter. */
export function normalisePurpose(purpose: string): string {
  return purpose.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

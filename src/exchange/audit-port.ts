import type { AuditActor, AuditEntryInput, AuditService } from '../audit/index.ts';
import type { Principal } from '../identity/principal.ts';

/** The part of the audit service the exchange writes to. */
export type AuditSink = Pick<AuditService, 'appendEntry' | 'appendEntries'>;

export function actorOf(p: Principal): AuditActor {
  return { kind: p.kind === 'system' ? 'api_key' : p.kind === 'citizen' ? 'citizen' : 'user', id: p.id, department: p.departmentCode };
}

/** Hides accesses from the person's data-use list until a date (implemented by the tracker). */
export interface HoldSink {
  /** A problem with the requested hold, or undefined when it may be placed. */
  check(hide: unknown, now: Date): string | undefined;
  place(entries: ReadonlyArray<{ auditIndex: number; subject: string | null }>, hide: HoldRequest, principal: Principal, requestId: string | null): Promise<void>;
}

export interface HoldRequest {
  /** County-local date (YYYY-MM-DD) through which the access stays hidden. */
  readonly until: string;
  readonly reason: string;
}

export type { AuditEntryInput };

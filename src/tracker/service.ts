import type { AuditEntry, AuditService } from '../audit/index.ts';
import { localDate } from '../calendar/index.ts';
import type { HoldRequest, HoldSink } from '../exchange/index.ts';
import type { Principal } from '../identity/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { forbidden, invalidInput, notFound } from '../shared/errors.ts';
import type { TrackerStore } from './store.ts';

/** Names the tracker shows instead of ids; the identity service fits. */
export interface NameSource {
  departmentByCode(code: string): Promise<{ name: string } | undefined>;
  apiKeyById(id: string): Promise<{ name: string } | undefined>;
  principalForUser(id: string): Promise<{ name: string }>;
}

export interface Access {
  readonly index: number;
  readonly time: string;
  readonly kind: 'lookup' | 'verify' | 'change';
  readonly department: { code: string | null; name: string | null };
  readonly actor: { kind: string; name: string };
  readonly resource: { code: string | null; name: string | null };
  readonly items: readonly string[];
  readonly purpose: string | null;
}

const KINDS: Record<string, Access['kind']> = { 'exchange.lookup': 'lookup', 'exchange.verify': 'verify', 'exchange.change': 'change' };
const MAX_HOLD_DAYS = 730;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type AuditReader = Pick<AuditService, 'listEntries' | 'appendEntry'>;

/**
 * 数据使用记录: for a person, every access to their data recorded in the audit log (which department,
 * which system or official, which items, what for), minus accesses on hold until their disclose-after date.
 *
 * @example
 * const tracker = createTrackerService({ store, audit, names: identity, clock });
 * await tracker.accessesOf('11010519491231002X'); // newest first
 */
export function createTrackerService(deps: { store: TrackerStore; audit: AuditReader; names: NameSource; clock: Clock; resourceName?: (code: string) => string | undefined }) {
  const { store, audit, names, clock } = deps;
  const nameCache = new Map<string, Promise<string | null>>();

  function cachedName(key: string, load: () => Promise<string | null>): Promise<string | null> {
    let hit = nameCache.get(key);
    if (!hit) {
      hit = load().catch(() => null);
      nameCache.set(key, hit);
      if (nameCache.size > 10_000) nameCache.clear();
    }
    return hit;
  }

  async function toAccess(index: number, e: AuditEntry): Promise<Access> {
    const dept = e.actor.department;
    const [deptName, actorName] = await Promise.all([
      dept ? cachedName(`d:${dept}`, async () => (await names.departmentByCode(dept))?.name ?? null) : Promise.resolve(null),
      cachedName(`${e.actor.kind}:${e.actor.id}`, async () => {
        if (e.actor.kind === 'api_key') return (await names.apiKeyById(e.actor.id))?.name ?? null;
        if (e.actor.kind === 'user') return (await names.principalForUser(e.actor.id)).name;
        return e.actor.id.startsWith('subscription:') ? '变更订阅推送 / change subscription' : null;
      }),
    ]);
    const code = e.resource?.startsWith('resource:') ? e.resource.slice('resource:'.length) : null;
    return {
      index,
      time: e.time,
      kind: KINDS[e.action]!,
      department: { code: dept, name: deptName },
      actor: { kind: e.actor.kind === 'api_key' ? 'system' : e.actor.kind, name: actorName ?? e.actor.id },
      resource: { code, name: code ? deps.resourceName?.(code) ?? null : null },
      items: e.items,
      purpose: e.purpose,
    };
  }

  const holds: HoldSink = {
    check(hide: unknown, now: Date) {
      const h = hide as Partial<HoldRequest> | null;
      if (typeof h !== 'object' || h === null) return '应为 { until, reason } / must be { until, reason }';
      if (typeof h.until !== 'string' || !DATE.test(h.until) || Number.isNaN(Date.parse(`${h.until}T00:00:00Z`))) return 'until 应为日期 YYYY-MM-DD / until must be a date';
      const today = localDate(now);
      const max = localDate(new Date(now.getTime() + MAX_HOLD_DAYS * 86_400_000));
      if (h.until < today || h.until > max) return `until 应在今天到 ${max} 之间 / until must be between today and ${max}`;
      if (typeof h.reason !== 'string' || !h.reason.trim() || h.reason.length > 500) return '须说明暂缓告知的理由 / a reason is required';
      return undefined;
    },
    async place(entries, hide, principal, requestId) {
      const rows = entries.filter((e) => e.subject).map((e) => ({
        audit_index: e.auditIndex, subject: e.subject!, department_code: principal.departmentCode, reason: hide.reason.trim(), disclose_after: hide.until,
        created_by: principal.id, created_at: clock.now().toISOString(),
      }));
      if (rows.length === 0) return;
      await store.insertHolds(rows);
      // The hold is itself on the record, without the person's number, so that hiding can never be silent.
      await audit.appendEntry({
        actor: { kind: principal.kind === 'system' ? 'api_key' : 'user', id: principal.id, department: principal.departmentCode },
        action: 'tracker.hold', outcome: { decision: 'allowed', reason: hide.reason.trim() }, requestId,
        details: { entries: rows.map((r) => r.audit_index), discloseAfter: hide.until },
      });
    },
  };

  return {
    holds,

    /** The person's data-use list, newest first; `before` pages backwards by audit index. */
    async accessesOf(idNumber: string, opts: { before?: number | undefined; limit?: number | undefined } = {}): Promise<Access[]> {
      const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
      const hidden = await store.activeHoldsOf(idNumber, localDate(clock.now()));
      const out: Access[] = [];
      let before = opts.before;
      for (let page = 0; page < 20 && out.length < limit; page++) {
        const rows = await audit.listEntries({ subject: idNumber, beforeSeq: before, limit: 1000 });
        for (const { index, entry } of rows) {
          if (out.length >= limit) break;
          if (entry.outcome.decision !== 'allowed' || !KINDS[entry.action] || hidden.has(index)) continue;
          out.push(await toAccess(index, entry));
        }
        if (rows.length < 1000) break;
        before = rows[rows.length - 1]!.index;
      }
      return out;
    },

    /** Hides an access already made, by the department that made it (or the platform admin). */
    async holdAccess(p: Principal, input: { auditIndex: number; until: string; reason: string }, requestId: string | null) {
      const [hit] = await audit.listEntries({ beforeSeq: input.auditIndex + 1, limit: 1 });
      if (!hit || hit.index !== input.auditIndex || !KINDS[hit.entry.action] || !hit.entry.subject) throw notFound('没有这条数据访问记录 / no such access');
      if (!p.roles.includes('platform_admin') && hit.entry.actor.department !== p.departmentCode) throw forbidden('只能暂缓告知本部门的访问 / only your own department\'s accesses');
      const problem = holds.check({ until: input.until, reason: input.reason }, clock.now());
      if (problem) throw invalidInput(problem, [{ path: '/until', message: problem }]);
      await holds.place([{ auditIndex: input.auditIndex, subject: hit.entry.subject }], { until: input.until, reason: input.reason }, p, requestId);
      return { auditIndex: input.auditIndex, discloseAfter: input.until };
    },

    activeHolds: async () => (await store.activeHolds(localDate(clock.now()))).map((r) => ({ auditIndex: Number(r.audit_index), subject: r.subject, department: r.department_code, reason: r.reason, discloseAfter: r.disclose_after, createdAt: r.created_at })),
  };
}

export type TrackerService = ReturnType<typeof createTrackerService>;

import { grantFromRow, type Grant, type Mode } from './model.ts';
import { refuse, type Refusal } from './refusals.ts';
import type { GrantRow } from './tables.ts';

export interface GrantQuery {
  readonly departmentId: string;
  readonly resourceId: string;
  /** Normalised purpose the call states. */
  readonly purpose: string;
  readonly mode: Mode;
  readonly items: readonly string[] | undefined;
  /** A grant the caller names explicitly. */
  readonly grantId?: string | undefined;
  readonly now: number;
}

/**
 * Every grant, in memory, indexed by consumer department and resource. Grant changes replace the entry
 * synchronously in the same process, so a revocation stops the very next call.
 *
 * @example
 * const cache = createGrantCache(rows);
 * const r = cache.resolve({ departmentId, resourceId, purpose: '低保资格审核', mode: 'lookup', items: ['姓名'], now: Date.now() });
 * if ('refusal' in r) refuse(r.refusal);
 */
export function createGrantCache(initial: readonly GrantRow[] = []) {
  const byId = new Map<string, Grant>();
  const byPair = new Map<string, Grant[]>();
  const pair = (dept: string, resource: string) => `${dept}|${resource}`;

  function put(row: GrantRow): Grant {
    const grant = grantFromRow(row);
    const old = byId.get(grant.id);
    byId.set(grant.id, grant);
    const key = pair(grant.consumerDepartmentId, grant.resourceId);
    const list = (byPair.get(key) ?? []).filter((g) => g.id !== grant.id);
    list.push(grant);
    byPair.set(key, list);
    if (old && pair(old.consumerDepartmentId, old.resourceId) !== key) {
      const oldKey = pair(old.consumerDepartmentId, old.resourceId);
      byPair.set(oldKey, (byPair.get(oldKey) ?? []).filter((g) => g.id !== grant.id));
    }
    return grant;
  }

  for (const row of initial) put(row);

  const live = (g: Grant, now: number) => g.status === 'active' && g.validFrom <= now && now < g.validUntil;

  function checkOne(g: Grant, q: GrantQuery): Refusal | undefined {
    if (g.status === 'revoked') return refuse('grant_revoked', { detail: `${g.revokedAt ?? ''}${g.row.revoke_reason ? ` ${g.row.revoke_reason}` : ''}`.trim() });
    if (q.now >= g.validUntil) return refuse('grant_expired', { detail: g.row.valid_until });
    if (q.now < g.validFrom) return refuse('grant_not_yet_valid', { detail: g.row.valid_from });
    if (!g.purposes.includes(q.purpose)) return refuse('purpose_not_covered', { detail: `授权用途 covered: ${g.purposes.join('；')}`, extra: { grantPurposes: g.purposes } });
    if (q.mode === 'lookup' && g.mode === 'verify') return refuse('mode_not_granted');
    const outside = (q.items ?? []).filter((i) => !g.itemSet.has(i));
    if (outside.length > 0) {
      return refuse('item_not_granted', {
        detail: outside.join('、'),
        fields: outside.map((i) => ({ path: `/items/${(q.items ?? []).indexOf(i)}`, message: `${i} 不在授权内 / not granted` })),
        extra: { grantedItems: g.items },
      });
    }
    return undefined;
  }

  return {
    put,
    get: (id: string) => byId.get(id),
    all: () => [...byId.values()],
    replaceAll(rows: readonly GrantRow[]) {
      byId.clear();
      byPair.clear();
      for (const row of rows) put(row);
    },

    /** The grant that authorises this call, or the most specific reason there is none. */
    resolve(q: GrantQuery): { grant: Grant } | { refusal: Refusal; grant?: Grant } {
      if (q.grantId !== undefined) {
        const g = byId.get(q.grantId);
        if (!g || g.resourceId !== q.resourceId) return { refusal: refuse('no_grant', { detail: `授权 ${q.grantId} 不存在或不属于此资源 / no such grant for this resource` }) };
        if (g.consumerDepartmentId !== q.departmentId) return { refusal: refuse('grant_other_department') };
        const problem = checkOne(g, q);
        return problem ? { refusal: problem, grant: g } : { grant: g };
      }
      const candidates = byPair.get(pair(q.departmentId, q.resourceId)) ?? [];
      if (candidates.length === 0) return { refusal: refuse('no_grant') };
      // The common case: one grant, live and covering the call.
      if (candidates.length === 1 && live(candidates[0]!, q.now) && !checkOne(candidates[0]!, q)) return { grant: candidates[0]! };
      const current = candidates.filter((g) => live(g, q.now));
      if (current.length === 0) {
        // Explain with the most recently changed grant: revoked or expired.
        const latest = [...candidates].sort((a, b) => (a.row.updated_at < b.row.updated_at ? 1 : -1))[0]!;
        return { refusal: checkOne(latest, q) ?? refuse('no_grant'), grant: latest };
      }
      let first: { refusal: Refusal; grant: Grant } | undefined;
      // Prefer a grant that covers everything; otherwise report the refusal of the closest one (same purpose first).
      const ordered = [...current].sort((a, b) => Number(b.purposes.includes(q.purpose)) - Number(a.purposes.includes(q.purpose)));
      for (const g of ordered) {
        const problem = checkOne(g, q);
        if (!problem) return { grant: g };
        first ??= { refusal: problem, grant: g };
      }
      return first!;
    },
  };
}

export type GrantCache = ReturnType<typeof createGrantCache>;

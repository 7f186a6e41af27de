import type { Grant } from './model.ts';
import { refuse, type Refusal } from './refusals.ts';

/**
 * Per-grant rate limits (calls per second, token bucket with a one-second burst) and daily quotas
 * (records per county-local day). Both live in memory on the hot path; usage counts are flushed to the
 * database every few seconds and read back at start, so a restart loses at most that much.
 *
 * @example
 * const limits = createLimits();
 * const refusal = limits.take(grant, 1000, Date.now(), '2026-11-02'); // undefined when allowed
 */
export function createLimits() {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const usage = new Map<string, { day: string; records: number; dirty: boolean }>();

  function used(grantId: string, day: string) {
    let u = usage.get(grantId);
    if (!u || u.day !== day) usage.set(grantId, (u = { day, records: 0, dirty: false }));
    return u;
  }

  return {
    /** Restores today's counts from the database. */
    load(rows: ReadonlyArray<{ grant_id: string; day: string; records: number }>) {
      for (const r of rows) usage.set(r.grant_id, { day: r.day, records: Number(r.records), dirty: false });
    },

    /** Charges one call of `records` records; returns the refusal when over a limit (charging nothing). */
    take(grant: Grant, records: number, now: number, day: string): Refusal | undefined {
      if (grant.ratePerSecond !== null) {
        const rate = grant.ratePerSecond;
        const b = buckets.get(grant.id) ?? { tokens: rate, at: now };
        b.tokens = Math.min(rate, b.tokens + ((now - b.at) / 1000) * rate);
        b.at = now;
        buckets.set(grant.id, b);
        if (b.tokens < 1) return refuse('rate_limited', { detail: `${rate} 次/秒 per second`, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / rate)) });
        b.tokens -= 1;
      }
      const u = used(grant.id, day);
      if (grant.quotaPerDay !== null && u.records + records > grant.quotaPerDay) {
        if (grant.ratePerSecond !== null) buckets.get(grant.id)!.tokens += 1;
        return refuse('quota_exceeded', {
          detail: `已用 ${u.records}/${grant.quotaPerDay} 条 used`,
          extra: { quotaPerDay: grant.quotaPerDay, usedToday: u.records },
          retryAfterSeconds: secondsToLocalMidnight(now),
        });
      }
      u.records += records;
      u.dirty = true;
      return undefined;
    },

    usedToday: (grantId: string, day: string) => used(grantId, day).records,

    /** Counts changed since the last call, marked clean. */
    drainDirty(): Array<{ grant_id: string; day: string; records: number }> {
      const out: Array<{ grant_id: string; day: string; records: number }> = [];
      for (const [grantId, u] of usage) {
        if (!u.dirty) continue;
        u.dirty = false;
        out.push({ grant_id: grantId, day: u.day, records: u.records });
      }
      return out;
    },

    forget(grantId: string) {
      buckets.delete(grantId);
    },
  };
}

export type Limits = ReturnType<typeof createLimits>;

function secondsToLocalMidnight(now: number): number {
  const local = now + 8 * 3_600_000;
  const next = Math.floor(local / 86_400_000 + 1) * 86_400_000;
  return Math.max(1, Math.ceil((next - local) / 1000));
}

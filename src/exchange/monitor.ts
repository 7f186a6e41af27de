/**
 * Operational monitoring of exchange calls: counts, failures and a latency histogram per hour, grant,
 * resource and consumer. Buckets grow by 10 %, so a percentile read from them is within 10 % of the
 * true value; histograms add, so hours, grants and departments can be combined freely.
 *
 * @example
 * const m = createMonitor();
 * m.record({ grantId, resourceId, consumer, provider, failed: false, latencyMs: 1.8, at: Date.now() });
 * summarize([histogram]).p99; // ms
 */
const FIRST = 0.05;
const FACTOR = 1.1;
const BUCKETS = 130; // 0.05 ms · 1.1^130 ≈ 12 min: everything slower lands in the last bucket

export type Histogram = Record<number, number>;

export function bucketOf(ms: number): number {
  if (!(ms > FIRST)) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / FIRST) / Math.log(FACTOR)));
}

/** Upper bound of a bucket in milliseconds. */
export function bucketLimit(bucket: number): number {
  return FIRST * FACTOR ** bucket;
}

export function mergeHistograms(into: Histogram, from: Readonly<Histogram>): Histogram {
  for (const [k, v] of Object.entries(from)) into[Number(k)] = (into[Number(k)] ?? 0) + v;
  return into;
}

export function percentile(h: Readonly<Histogram>, p: number): number | null {
  const entries = Object.entries(h).map(([k, v]) => [Number(k), v] as const).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, v]) => s + v, 0);
  if (total === 0) return null;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (const [k, v] of entries) {
    seen += v;
    if (seen >= rank) return Math.round(bucketLimit(k) * 1000) / 1000;
  }
  return Math.round(bucketLimit(entries[entries.length - 1]![0]) * 1000) / 1000;
}

export interface CallSample {
  readonly grantId: string | null;
  readonly resourceId: string;
  readonly consumer: string;
  readonly provider: string;
  readonly failed: boolean;
  readonly latencyMs: number;
  readonly at: number;
}

export interface StatsDelta {
  hour: string;
  grant_id: string;
  resource_id: string;
  consumer_department_id: string;
  provider_department_id: string;
  calls: number;
  failures: number;
  latency: Histogram;
}

export function createMonitor() {
  let pending = new Map<string, StatsDelta>();
  // The hour label is formatted once per hour, not once per call.
  let hourStart = -1;
  let hourLabel = '';
  return {
    record(s: CallSample) {
      const start = s.at - (s.at % 3_600_000);
      if (start !== hourStart) {
        hourStart = start;
        hourLabel = new Date(start).toISOString();
      }
      const hour = hourLabel;
      const grant = s.grantId ?? '';
      const key = `${hour}|${grant}|${s.resourceId}|${s.consumer}`;
      let d = pending.get(key);
      if (!d) pending.set(key, (d = { hour, grant_id: grant, resource_id: s.resourceId, consumer_department_id: s.consumer, provider_department_id: s.provider, calls: 0, failures: 0, latency: {} }));
      d.calls++;
      if (s.failed) d.failures++;
      const b = bucketOf(s.latencyMs);
      d.latency[b] = (d.latency[b] ?? 0) + 1;
    },
    /** Everything recorded since the last drain. */
    drain(): StatsDelta[] {
      const out = [...pending.values()];
      pending = new Map();
      return out;
    },
  };
}

export type Monitor = ReturnType<typeof createMonitor>;

export function summarize(rows: ReadonlyArray<{ calls: number; failures: number; latency: Readonly<Histogram> }>) {
  const h: Histogram = {};
  let calls = 0;
  let failures = 0;
  for (const r of rows) {
    calls += Number(r.calls);
    failures += Number(r.failures);
    mergeHistograms(h, r.latency);
  }
  return { calls, failures, failureRate: calls ? Math.round((failures / calls) * 10000) / 10000 : 0, p50: percentile(h, 0.5), p95: percentile(h, 0.95), p99: percentile(h, 0.99) };
}

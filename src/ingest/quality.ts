import type { PrepareStats } from './prepare.ts';
import type { ApplyCounts } from './writer.ts';

/**
 * Data quality of a batch and of a resource, and the score documented in docs/quality.md:
 *
 *   score = 100 × (0.30·completeness + 0.30·validity + 0.15·uniqueness + 0.15·timeliness + 0.10·consistency)
 *
 * completeness = mean over items of (accepted rows with a value ÷ accepted rows); validity = valid
 * non-empty cells ÷ non-empty cells read (quarantined rows included); uniqueness = 1 − repeated keys
 * ÷ accepted rows; timeliness = 1 when the data arrived within the catalog's 更新周期, else
 * cycle ÷ days since the previous delivery; consistency = 1 − inconsistent ÷ checked cross-field pairs.
 *
 * @example
 * qualityOf(stats, counts, { cycleDays: 31, daysSincePrevious: 40 }).score; // e.g. 93.4
 */
export interface QualityMetrics {
  readonly score: number;
  readonly completeness: number;
  readonly validity: number;
  readonly uniqueness: number;
  readonly timeliness: number;
  readonly consistency: number;
  readonly acceptance: number;
  readonly items: Record<string, { completeness: number; validity: number }>;
  readonly elements: Record<string, { valid: number; invalid: number; validity: number }>;
  readonly cross: Array<{ name: string; checked: number; inconsistent: number }>;
  readonly duplicates: number;
  readonly cycleDays: number | null;
  readonly daysSincePrevious: number | null;
  readonly overdue: boolean;
}

export const WEIGHTS = { completeness: 0.3, validity: 0.3, uniqueness: 0.15, timeliness: 0.15, consistency: 0.1 } as const;

/** Days after which a resource counts as overdue, by the catalog's 更新周期 (不定期 and unknown: never). */
export const CYCLE_DAYS: Readonly<Record<string, number>> = { 实时: 1, 每日: 1, 每周: 7, 每月: 31, 每季度: 92, 每半年: 183, 每年: 366 };

const round4 = (n: number) => Math.round(n * 10000) / 10000;
const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);

export function timeliness(cycleDays: number | null, days: number | null): number {
  if (cycleDays === null || days === null || days <= cycleDays) return 1;
  return cycleDays / days;
}

export function score(m: Pick<QualityMetrics, 'completeness' | 'validity' | 'uniqueness' | 'timeliness' | 'consistency'>): number {
  const s = WEIGHTS.completeness * m.completeness + WEIGHTS.validity * m.validity + WEIGHTS.uniqueness * m.uniqueness
    + WEIGHTS.timeliness * m.timeliness + WEIGHTS.consistency * m.consistency;
  return Math.round(s * 1000) / 10;
}

export function qualityOf(
  stats: PrepareStats,
  counts: Pick<ApplyCounts, 'duplicates'>,
  time: { cycleDays: number | null; daysSincePrevious: number | null },
  elementOf: (item: string) => string | null,
): QualityMetrics {
  const items: QualityMetrics['items'] = {};
  const elements: Record<string, { valid: number; invalid: number; validity: number }> = {};
  let valid = 0;
  let invalid = 0;
  let completenessSum = 0;
  const names = Object.keys(stats.items);
  for (const name of names) {
    const s = stats.items[name]!;
    const c = ratio(s.filled, stats.accepted);
    items[name] = { completeness: round4(c), validity: round4(ratio(s.valid, s.valid + s.invalid)) };
    completenessSum += c;
    valid += s.valid;
    invalid += s.invalid;
    const element = elementOf(name) ?? `（无数据元）${name}`;
    const e = (elements[element] ??= { valid: 0, invalid: 0, validity: 1 });
    e.valid += s.valid;
    e.invalid += s.invalid;
  }
  for (const e of Object.values(elements)) e.validity = round4(ratio(e.valid, e.valid + e.invalid));
  const checked = stats.cross.reduce((a, c) => a + c.checked, 0);
  const inconsistent = stats.cross.reduce((a, c) => a + c.inconsistent, 0);
  const base = {
    completeness: round4(names.length === 0 ? 1 : completenessSum / names.length),
    validity: round4(ratio(valid, valid + invalid)),
    uniqueness: round4(stats.accepted === 0 ? 1 : 1 - counts.duplicates / stats.accepted),
    timeliness: round4(timeliness(time.cycleDays, time.daysSincePrevious)),
    consistency: round4(checked === 0 ? 1 : 1 - inconsistent / checked),
  };
  return {
    ...base,
    score: score(base),
    acceptance: round4(ratio(stats.accepted, stats.rowsRead)),
    items,
    elements,
    cross: stats.cross,
    duplicates: counts.duplicates,
    cycleDays: time.cycleDays,
    daysSincePrevious: time.daysSincePrevious,
    overdue: time.cycleDays !== null && time.daysSincePrevious !== null && time.daysSincePrevious > time.cycleDays,
  };
}

/** The resource's quality now: the last batch's metrics with timeliness measured to today. */
export function currentQuality(last: QualityMetrics | undefined, cycleDays: number | null, daysSinceLast: number | null): QualityMetrics | null {
  if (!last) return null;
  const t = round4(timeliness(cycleDays, daysSinceLast));
  const base = { completeness: last.completeness, validity: last.validity, uniqueness: last.uniqueness, timeliness: t, consistency: last.consistency };
  return { ...last, ...base, score: score(base), cycleDays, daysSincePrevious: daysSinceLast, overdue: cycleDays !== null && daysSinceLast !== null && daysSinceLast > cycleDays };
}

/**
 * Old and new names of one village (村庄合并、更名): learned from the registry itself. When the
 * records of many persons disagree only in the village name — same township, same house number —
 * the two names are one place; moves between villages rarely keep the house number. The name
 * more records use is taken as the current one.
 *
 * @example
 * const aliases = learnVillageAliases(entities);
 * aliases.get('大良水庄村') // '良水村'
 */
import { dwellingParts } from './dwelling.ts';

const DETAIL = ['group', 'number', 'building', 'unit', 'room'] as const;

export interface AliasOptions {
  /** Entities that must show the pair with the same house detail. */
  readonly minSupport?: number;
  /** Share of co-occurrences with the same house detail (moves rarely keep it). */
  readonly minShare?: number;
}

/** Village name → the name it is an old or other form of. `addresses` is one list per entity. */
export function learnVillageAliases(addresses: Iterable<readonly string[]>, options: AliasOptions = {}): Map<string, string> {
  const minSupport = options.minSupport ?? 3;
  const minShare = options.minShare ?? 0.7;
  const pairs = new Map<string, { same: number; total: number }>();
  const usage = new Map<string, number>();
  for (const list of addresses) {
    const parts = [...new Set(list)].map((a) => dwellingParts(a)).filter((p) => p.village !== undefined);
    for (const p of parts) usage.set(p.village!, (usage.get(p.village!) ?? 0) + 1);
    const seen = new Set<string>();
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const p = parts[i]!;
        const q = parts[j]!;
        if (p.village === q.village || (p.town && q.town && p.town !== q.town)) continue;
        const key = p.village! < q.village! ? `${p.village}\u0001${q.village}` : `${q.village}\u0001${p.village}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const detail = DETAIL.some((d) => p[d] !== undefined) && DETAIL.every((d) => p[d] === q[d]);
        const c = pairs.get(key) ?? { same: 0, total: 0 };
        c.total++;
        if (detail) c.same++;
        pairs.set(key, c);
      }
    }
  }
  const out = new Map<string, string>();
  for (const [key, c] of pairs) {
    if (c.same < minSupport || c.same / c.total < minShare) continue;
    const [a, b] = key.split('\u0001') as [string, string];
    const [old, current] = (usage.get(a) ?? 0) >= (usage.get(b) ?? 0) ? [b, a] : [a, b];
    out.set(old, current);
  }
  return out;
}

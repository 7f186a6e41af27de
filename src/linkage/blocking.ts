/**
 * Blocking: several rules, each a key per record; two records become a candidate pair when a
 * rule gives them the same key. Rules are unioned and a pair is counted only under the first rule
 * that finds it (later rules skip pairs an earlier rule's key already joins), so no pair set is
 * kept in memory. Rules whose blocks would explode are skipped and reported.
 *
 * @example
 * const rules = defaultBlockingRules(store);
 * const c = generateCandidates(store, rules, { leftSize: nLeft });
 * c.stats // [{ rule: 'other_id:soc_sec_id', pairs: 5601, … }, …]
 */
import { IntColumn, IntPairMap } from './encode/buffers.ts';
import { denseKeys } from './block-keys.ts';
import type { RecordStore } from './encode/store.ts';
import { DateDict } from './encode/dict.ts';
import { AddressDict, NameDict, TextDict } from './encode/text-dicts.ts';
import type { FieldKind } from './kinds.ts';

export interface BlockingRule {
  readonly name: string;
  /** Key of record i (a non-negative int32) or -1 when the rule cannot place it. */
  key(i: number): number;
  /**
   * For a rule on two keys, the two: batch blocking groups on them directly (key() interns the
   * pair, which the incremental linker needs, but costs a hash probe per record).
   */
  readonly parts?: readonly [(i: number) => number, (i: number) => number];
}

export interface RuleStats {
  readonly rule: string;
  /** Pairs this rule added that no earlier rule had found. */
  readonly pairs: number;
  /** Pairs its blocks hold in total, before removing those of earlier rules. */
  readonly generated: number;
  readonly oversizedBlocks: number;
  readonly skipped?: string;
}

export interface Candidates {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly count: number;
  readonly stats: readonly RuleStats[];
}

export interface CandidateOptions {
  /** Link mode: records [0, leftSize) are the left file, the rest the right; omitted = deduplicate. */
  readonly leftSize?: number;
  /** Blocks larger than this are left out (counted in oversizedBlocks). */
  readonly maxBlockSize?: number;
  /** A rule whose blocks would hold more than this many pairs per record is skipped. */
  readonly maxPairsPerRecord?: number;
}

/** A key made of two keys, as a dense id; -1 if either is missing. `unordered` makes (a, b) = (b, a). */
export function keyCombiner(unordered = false): (a: number, b: number) => number {
  const ids = new IntPairMap();
  return (a, b) => {
    if (a < 0 || b < 0) return -1;
    return unordered && b < a ? ids.id(b, a) : ids.id(a, b);
  };
}

/** A rule on the pair of two keys. */
function both(name: string, a: (i: number) => number, b: (i: number) => number): BlockingRule {
  const combine = keyCombiner();
  return { name, key: (i) => combine(a(i), b(i)), parts: [a, b] };
}

/** The rules that suit the declared kinds: identifiers, name sound + birth, address + initials … */
export function defaultBlockingRules(store: RecordStore): BlockingRule[] {
  const rules: BlockingRule[] = [];
  const first = (kind: FieldKind) => store.fields.find((f) => f.kind === kind)?.column;
  // The column object, not its array: a linker's store grows (and reallocates) after the rules are made.
  const col = (c: string) => store.columns.get(c)!;
  const value = (c: string | undefined) => {
    if (c === undefined) return undefined;
    const column = col(c);
    return (i: number) => column.data[i]!;
  };

  for (const f of store.fields) {
    if (f.kind === 'id_number' || f.kind === 'credit_code' || f.kind === 'other_id' || f.kind === 'phone') {
      rules.push({ name: `${f.kind}:${f.column}`, key: value(f.column)! });
    }
  }

  const family = first('family_name');
  const given = first('given_name');
  const full = first('full_name');
  const phon = (c: string | undefined) => {
    if (c === undefined) return undefined;
    const dict = store.dicts.get(c) as NameDict;
    const column = col(c);
    return (i: number) => {
      const v = column.data[i]!;
      return v < 0 ? -1 : dict.phonetic(v);
    };
  };
  const initial = (c: string | undefined) => {
    if (c === undefined) return undefined;
    const dict = store.dicts.get(c) as NameDict;
    const column = col(c);
    return (i: number) => {
      const v = column.data[i]!;
      return v < 0 ? -1 : dict.initial(v);
    };
  };
  const famPhon = phon(family);
  const givPhon = phon(given);
  const fullPhon = phon(full);
  const pairs = keyCombiner(true);
  // Order-free so that swapped given/family names still meet.
  const namePhon = famPhon && givPhon ? (i: number) => pairs(famPhon(i), givPhon(i)) : (fullPhon ?? famPhon ?? givPhon);
  const famInit = initial(family);
  const givInit = initial(given);
  const fullInit = initial(full);
  const initials = famInit && givInit ? (i: number) => pairs(famInit(i), givInit(i)) : (fullInit ?? famInit ?? givInit);

  const dobCol = first('birth_date');
  const dob = value(dobCol);
  const dobDict = dobCol === undefined ? undefined : (store.dicts.get(dobCol) as DateDict);
  const year = dob && dobDict ? (i: number) => (dob(i) < 0 ? -1 : dobDict.year(dob(i))) : undefined;

  if (namePhon && dob) rules.push(both('name_sound+birth_date', namePhon, dob));
  if (dob) rules.push({ name: 'birth_date', key: dob });
  if (year) {
    if (famPhon) rules.push(both('family_sound+birth_year', famPhon, year));
    if (givPhon) rules.push(both('given_sound+birth_year', givPhon, year));
    if (fullPhon) rules.push(both('name_sound+birth_year', fullPhon, year));
  }
  const sex = value(first('sex'));
  if (namePhon && sex && !dob) rules.push(both('name_sound+sex', namePhon, sex));

  const addressCol = first('address');
  if (addressCol !== undefined && initials) {
    const dict = store.dicts.get(addressCol) as AddressDict;
    const column = col(addressCol);
    const street = (i: number) => {
      const v = column.data[i]!;
      return v < 0 ? -1 : dict.streetKey(v);
    };
    rules.push(both('address_street+initials', street, initials));
  }
  const postcode = value(first('postcode'));
  const locality = value(first('locality'));
  if (postcode && initials) rules.push(both('postcode+initials', postcode, initials));
  if (locality && initials) rules.push(both('locality+initials', locality, initials));
  const streetNo = value(first('street_number'));
  const lineCol = first('address_line');
  if (streetNo && lineCol !== undefined) {
    const dict = store.dicts.get(lineCol) as TextDict;
    const column = col(lineCol);
    const prefix = (i: number) => {
      const v = column.data[i]!;
      return v < 0 ? -1 : dict.prefixKey(v, 4);
    };
    rules.push(both('street_number+address_prefix', streetNo, prefix));
  }
  if (famPhon && postcode) rules.push(both('family_sound+postcode', famPhon, postcode));
  if (postcode && locality) rules.push(both('postcode+locality', postcode, locality));
  if (rules.length === 0) {
    // Nothing above applies (e.g. only a name and an address): block on each field's exact value.
    for (const f of store.fields) {
      if (f.kind === 'sex' || f.kind === 'region' || f.kind === 'ethnicity') continue;
      rules.push({ name: `${f.kind}:${f.column}`, key: value(f.column)! });
    }
  }
  return rules;
}

/** Enumerates the union of the rules' candidate pairs (i < j; in link mode i left, j right). */
export function generateCandidates(store: RecordStore, rules: readonly BlockingRule[], options: CandidateOptions = {}): Candidates {
  const n = store.size;
  const leftSize = options.leftSize ?? -1;
  const linking = leftSize >= 0;
  const maxBlock = options.maxBlockSize ?? 2000;
  const budget = (options.maxPairsPerRecord ?? 8) * Math.max(n, 1);
  const outL = new IntColumn(Math.max(1024, n));
  const outR = new IntColumn(Math.max(1024, n));
  const earlier: Int32Array[] = [];
  const stats: RuleStats[] = [];

  for (const rule of rules) {
    const { dense, keyCount } = denseKeys(rule, n);
    const size = new Int32Array(keyCount);
    const leftCount = new Int32Array(keyCount);
    for (let i = 0; i < n; i++) {
      const k = dense[i]!;
      if (k < 0) continue;
      size[k]!++;
      if (linking && i < leftSize) leftCount[k]!++;
    }
    let estimate = 0;
    for (let k = 0; k < keyCount; k++) {
      if (size[k]! > maxBlock) continue;
      estimate += linking ? leftCount[k]! * (size[k]! - leftCount[k]!) : (size[k]! * (size[k]! - 1)) / 2;
    }
    if (estimate > budget) {
      stats.push({ rule: rule.name, pairs: 0, generated: estimate, oversizedBlocks: 0, skipped: `约 ${estimate} 对超出预算 / about ${estimate} pairs exceed the budget of ${budget}` });
      continue;
    }
    // Counting sort: records grouped by key, ascending index inside a block (left before right).
    const start = new Int32Array(keyCount + 1);
    for (let k = 0; k < keyCount; k++) start[k + 1] = start[k]! + size[k]!;
    const fill = start.slice(0, keyCount);
    const order = new Int32Array(start[keyCount]!);
    for (let i = 0; i < n; i++) {
      const k = dense[i]!;
      if (k >= 0) order[fill[k]!++] = i;
    }
    let added = 0;
    let generated = 0;
    let oversized = 0;
    for (let k = 0; k < keyCount; k++) {
      const s = start[k]!;
      const e = start[k + 1]!;
      if (e - s < 2) continue;
      if (e - s > maxBlock) {
        oversized++;
        // Not generated here, so later rules must not take these pairs as already found.
        for (let x = s; x < e; x++) dense[order[x]!] = -1;
        continue;
      }
      const mid = linking ? s + leftCount[k]! : e;
      for (let x = s; x < (linking ? mid : e); x++) {
        const a = order[x]!;
        for (let y = linking ? mid : x + 1; y < e; y++) {
          const b = order[y]!;
          generated++;
          if (seenBefore(earlier, a, b)) continue;
          outL.push(a);
          outR.push(b);
          added++;
        }
      }
    }
    earlier.push(dense);
    stats.push({ rule: rule.name, pairs: added, generated, oversizedBlocks: oversized });
  }
  return { left: outL.data.subarray(0, outL.length), right: outR.data.subarray(0, outR.length), count: outL.length, stats };
}

function seenBefore(earlier: readonly Int32Array[], a: number, b: number): boolean {
  for (let r = 0; r < earlier.length; r++) {
    const d = earlier[r]!;
    const k = d[a]!;
    if (k >= 0 && k === d[b]) return true;
  }
  return false;
}

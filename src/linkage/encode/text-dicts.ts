/**
 * Dictionaries for names, free text and addresses. Names are Chinese-aware: simplified
 * characters, pinyin with surname readings (单 → shan), polyphones, fuzzy pinyin (zh/z, n/l,
 * -ng/-n) and shape-alike characters (己/已); Latin names use squeezing, token order and
 * Jaro-Winkler.
 *
 * @example
 * const d = new NameDict(zh);
 * d.compareNames(d.intern('王晓明'), d.intern('王小明'), false) // 2: same_sound
 */
import { ValueDict, type FeatureState } from './dict.ts';
import { IdMemo, IntColumn, IntPairMap, Interner, PairCache } from './buffers.ts';
import type { StringIndexState } from './string-index.ts';
import type { ChineseTools } from '../chinese/tools.ts';
import { confusable } from '../chinese/confusables.ts';
import { hasCjk, normalizeText, squeeze } from '../text/normalize.ts';
import { jaroWinkler, osaDistance } from '../text/similarity.ts';
import { BAG_MAX_LENGTH, CharBags } from '../text/char-bags.ts';
import { soundex } from '../text/phonetic.ts';
import { ADDRESS_PARTS, compareAddressCodes, normalizeAddress, parseAddressParts } from '../values/address.ts';

/** Level numbers shared by NameDict and TextDict. */
export const TEXT_LEVEL = { exact: 1, sameSound: 2, similar: 3, weak: 4, else: 5 } as const;


abstract class TextBase extends ValueDict {
  protected tokens = Interner.create();
  /** Per value: the token id of its squeezed form (private negative ids for Chinese, see addFeatures). */
  protected sq = new IntColumn();
  protected cjk = new IntColumn();
  private bags = new CharBags();
  constructor(protected readonly zh: ChineseTools | undefined) {
    super();
  }
  protected normalize(raw: string): string | null {
    let s = normalizeText(raw);
    if (this.zh && hasCjk(s)) s = this.zh.toSimplified(s);
    return s === '' ? null : s;
  }
  /** True when normalize() already strips all spaces from Chinese values (names, addresses). */
  protected readonly cjkSqueezed: boolean = false;
  protected override addFeatures(id: number, value: string): void {
    const cjk = hasCjk(value);
    this.cjk.push(cjk ? 1 : 0);
    // A Chinese value that normalisation already squeezed is its own squeezed form, and no other
    // value squeezes to it: a private negative id saves a map lookup per distinct value.
    this.sq.push(cjk && this.cjkSqueezed ? -2 - id : this.tokens.id(squeeze(value)));
    this.bags.add(id, value);
  }
  protected override exportFeatures(): FeatureState {
    return { tokens: this.tokens.exportState(), sq: this.sq.toArray(), cjk: this.cjk.toArray(), bags: this.bags.export(this.size) };
  }
  protected override importFeatures(f: FeatureState): void {
    this.tokens = Interner.fromState(f.tokens as StringIndexState);
    this.sq = IntColumn.of(f.sq as Int32Array);
    this.cjk = IntColumn.of(f.cjk as Int32Array);
    this.bags = new CharBags(f.bags as Uint32Array);
  }
  override equivalent(a: number, b: number): boolean {
    return this.sq.data[a] === this.sq.data[b];
  }
  /**
   * Jaro-Winkler of values a and b bucketed: similar (≥ hi), weak (≥ lo) or else. Most pairs in
   * a block disagree, so it first bounds the matching characters by the overlap of the two
   * character bags, and skips the full computation when even that bound cannot reach lo.
   */
  protected jwLevel(a: number, b: number, hi: number, lo: number): number {
    const x = this.value(a);
    const y = this.value(b);
    return this.jwLevelOf(x, y, a, b, hi, lo);
  }
  protected jwLevelOf(x: string, y: string, a: number, b: number, hi: number, lo: number): number {
    const la = x.length;
    const lb = y.length;
    if (a >= 0 && b >= 0 && la > 0 && lb > 0 && la <= BAG_MAX_LENGTH && lb <= BAG_MAX_LENGTH) {
      let prefix = 0;
      const pmax = Math.min(4, la, lb);
      while (prefix < pmax && x.charCodeAt(prefix) === y.charCodeAt(prefix)) prefix++;
      // JW = j + 0.1·prefix·(1 - j) ≥ lo needs j ≥ jMin; j ≤ (m/la + m/lb + 1) / 3.
      const jMin = (lo - 0.1 * prefix) / (1 - 0.1 * prefix);
      const mMin = ((3 * jMin - 1) * la * lb) / (la + lb);
      if (this.bags.common(a, b) < mMin) return TEXT_LEVEL.else;
    }
    const s = jaroWinkler(x, y);
    return s >= hi ? TEXT_LEVEL.similar : s >= lo ? TEXT_LEVEL.weak : TEXT_LEVEL.else;
  }
}

/** Person names (one dictionary may serve given and family name columns, so swaps are id equality). */
export class NameDict extends TextBase {
  readonly levels = ['null', 'exact', 'same_sound', 'similar', 'weak', 'else'] as const;
  protected override readonly cjkSqueezed = true;
  private phonPlain = new IntColumn();
  private phonFamily = new IntColumn();
  private fuzzyPlain = new IntColumn();
  private fuzzyFamily = new IntColumn();
  private readonly familyCache = new PairCache(1 << 16);
  private readonly plainCache = new PairCache(1 << 16);
  /** Blocking keys: soundex per token (Latin) or fuzzy pinyin (Chinese), and the first letter. */
  private phoneticKeys = new IntColumn();
  private initials = new IntColumn();

  constructor(zh: ChineseTools | undefined, private readonly familyRole: 'family_name' | 'full_name' = 'full_name') {
    super(zh);
  }
  protected override normalize(raw: string): string | null {
    const s = super.normalize(raw);
    return s === null || !hasCjk(s) ? s : s.replace(/[·•・.\s]+/g, '');
  }
  protected override addFeatures(id: number, value: string): void {
    super.addFeatures(id, value);
    if (this.cjk.data[id] && this.zh) {
      const keys = this.zh.nameKeys(squeeze(value), this.familyRole);
      // Surname readings usually equal the plain ones: intern once then.
      const phonPlain = this.tokens.id(keys.plain);
      const fuzzyPlain = keys.fuzzyPlain === keys.plain ? phonPlain : this.tokens.id(keys.fuzzyPlain);
      const sameFamily = keys.family === keys.plain;
      this.phonPlain.push(phonPlain);
      this.phonFamily.push(sameFamily ? phonPlain : this.tokens.id(keys.family));
      this.fuzzyPlain.push(fuzzyPlain);
      this.fuzzyFamily.push(sameFamily ? fuzzyPlain : this.tokens.id(keys.fuzzyFamily));
      this.phoneticKeys.push(fuzzyPlain);
      this.initials.push((keys.plain || value).charCodeAt(0));
    } else {
      // Latin: the phonetic key ignores token order, so "zhang san" meets "san zhang".
      const key = this.tokens.id(value.split(/[\s\-']+/).filter(Boolean).sort().join(''));
      this.phonPlain.push(key);
      this.phonFamily.push(key);
      this.fuzzyPlain.push(-1);
      this.fuzzyFamily.push(-1);
      this.phoneticKeys.push(this.tokens.id(`#${value.split(/[\s\-']+/).filter(Boolean).map(soundex).sort().join('|')}`));
      this.initials.push(value.charCodeAt(0));
    }
  }
  protected override exportFeatures(): FeatureState {
    return {
      ...super.exportFeatures(),
      phonPlain: this.phonPlain.toArray(),
      phonFamily: this.phonFamily.toArray(),
      fuzzyPlain: this.fuzzyPlain.toArray(),
      fuzzyFamily: this.fuzzyFamily.toArray(),
      phonetic: this.phoneticKeys.toArray(),
      initial: this.initials.toArray(),
    };
  }
  protected override importFeatures(f: FeatureState): void {
    super.importFeatures(f);
    this.phonPlain = IntColumn.of(f.phonPlain as Int32Array);
    this.phonFamily = IntColumn.of(f.phonFamily as Int32Array);
    this.fuzzyPlain = IntColumn.of(f.fuzzyPlain as Int32Array);
    this.fuzzyFamily = IntColumn.of(f.fuzzyFamily as Int32Array);
    this.phoneticKeys = IntColumn.of(f.phonetic as Int32Array);
    this.initials = IntColumn.of(f.initial as Int32Array);
  }
  /** Blocking key: soundex per token (Latin) or fuzzy pinyin (Chinese). */
  phonetic(id: number): number {
    return this.phoneticKeys.data[id]!;
  }
  /** Blocking key: the first letter (of the pinyin for Chinese). */
  initial(id: number): number {
    return this.initials.data[id]!;
  }
  compare(a: number, b: number): number {
    return this.compareNames(a, b, true);
  }
  override equivalent(a: number, b: number): boolean {
    return this.sq.data[a] === this.sq.data[b] || this.phonPlain.data[a] === this.phonPlain.data[b];
  }
  /** `family` picks surname readings of the leading character (family_name / full_name columns). */
  compareNames(a: number, b: number, family: boolean): number {
    if (this.sq.data[a] === this.sq.data[b]) return TEXT_LEVEL.sameSound;
    const phon = (family ? this.phonFamily : this.phonPlain).data;
    if (phon[a] === phon[b]) return TEXT_LEVEL.sameSound;
    const ca = this.cjk.data[a] === 1 && this.zh !== undefined;
    const cb = this.cjk.data[b] === 1 && this.zh !== undefined;
    if (ca && cb) {
      // Character-level checks cost more than a lookup, and common names recur: cache them.
      const cache = family ? this.familyCache : this.plainCache;
      let l = cache.get(a, b);
      if (l < 0) cache.set(a, b, (l = this.compareHanzi(a, b, family)));
      return l;
    }
    if (!ca && !cb) return this.jwLevel(a, b, 0.92, 0.8);
    // One side in characters, the other in pinyin letters: compare the sounds.
    const x = this.tokens.value(phon[a]!);
    const y = this.tokens.value(phon[b]!);
    const l = this.jwLevelOf(x, y, -1, -1, 0.92, 0.8);
    return l === TEXT_LEVEL.weak ? TEXT_LEVEL.else : l;
  }
  private compareHanzi(a: number, b: number, family: boolean): number {
    const x = this.value(a);
    const y = this.value(b);
    if (x.length === y.length) {
      let diffs = 0;
      let at = -1;
      let sameSound = true;
      // Code units, not x[i]: a one-character string per step is an allocation per character.
      for (let i = 0; i < x.length; i++) {
        const cx = x.charCodeAt(i);
        const cy = y.charCodeAt(i);
        if (cx === cy) continue;
        diffs++;
        at = i;
        if (sameSound && !sharesSound(this.zh!.soundIds(cx), this.zh!.soundIds(cy))) sameSound = false;
      }
      if (sameSound) return TEXT_LEVEL.sameSound;
      const fuzzy = (family ? this.fuzzyFamily : this.fuzzyPlain).data;
      if (fuzzy[a] === fuzzy[b]) return TEXT_LEVEL.similar;
      if (diffs === 1) return confusable(x[at]!, y[at]!) ? TEXT_LEVEL.similar : TEXT_LEVEL.weak;
      return TEXT_LEVEL.else;
    }
    return x.length >= 3 && y.length >= 3 && osaDistance(x, y, 1) === 1 ? TEXT_LEVEL.weak : TEXT_LEVEL.else;
  }
}

function sharesSound(x: readonly number[], y: readonly number[]): boolean {
  for (let i = 0; i < x.length; i++) for (let j = 0; j < y.length; j++) if (x[i] === y[j]) return true;
  return false;
}

/** Address lines, localities and other free text: exact, same without spaces, Jaro-Winkler ≥ hi, ≥ lo, else. */
export class TextDict extends TextBase {
  readonly levels = ['null', 'exact', 'squeezed', 'similar', 'weak', 'else'] as const;
  constructor(zh: ChineseTools | undefined, private readonly hi = 0.9, private readonly lo = 0.8) {
    super(zh);
  }
  compare(a: number, b: number): number {
    if (this.sq.data[a] === this.sq.data[b]) return TEXT_LEVEL.sameSound;
    return this.jwLevel(a, b, this.hi, this.lo);
  }
  private readonly prefixKeys = new Map<number, IdMemo>();
  /** Blocking key: the first n characters without spaces. */
  prefixKey(id: number, n: number): number {
    let memo = this.prefixKeys.get(n);
    if (memo === undefined) this.prefixKeys.set(n, (memo = new IdMemo()));
    return memo.get(id, (v) => this.tokens.id(`^${this.tokens.value(this.sq.data[v]!).slice(0, n)}`));
  }
}

const SLOTS = ADDRESS_PARTS.length;
/** Offset for numeric address parts, above any interned part id. */
const NUMERIC = 1 << 30;
/** First half of a Latin street key in the pair map; folded Chinese part ids stay far below it. */
const LATIN = 0x3fffffff;
const [P_VILLAGE, P_ROAD, P_ESTATE, P_NUMBER, P_GROUP, P_BUILDING] = (['village', 'road', 'estate', 'number', 'group', 'building'] as const).map((p) =>
  ADDRESS_PARTS.indexOf(p),
) as [number, number, number, number, number, number];
const AGREEMENT_LEVEL = { compatible: 2, same_street: 3, same_area: 4, different: 5 } as const;

/** Full addresses; Chinese ones parsed into levels, Latin ones compared as text. */
export class AddressDict extends TextBase {
  readonly levels = ['null', 'exact', 'compatible', 'same_street', 'same_area', 'else'] as const;
  protected override readonly cjkSqueezed = true;
  private codes: Int32Array = new Int32Array(1024 * SLOTS);
  private parts = Interner.create();
  private readonly streetPairs = new IntPairMap();

  protected override normalize(raw: string): string | null {
    const s = super.normalize(raw);
    return s === null ? null : hasCjk(s) ? normalizeAddress(s) : s;
  }
  protected override addFeatures(id: number, value: string): void {
    super.addFeatures(id, value);
    if ((id + 1) * SLOTS > this.codes.length) {
      const next = new Int32Array(Math.max(1024 * SLOTS, this.codes.length * 2));
      next.set(this.codes);
      this.codes = next;
    }
    const parsed = this.cjk.data[id] ? parseAddressParts(value, this.scratch) : this.scratch.fill(undefined);
    for (let k = 0; k < SLOTS; k++) {
      const v = parsed[k];
      // House numbers, groups, rooms are digits: their value is their id, no map needed.
      this.codes[id * SLOTS + k] = v === undefined ? -1 : isShortNumber(v) ? NUMERIC + Number(v) : this.parts.id(v);
    }
  }
  private readonly scratch = new Array<string | undefined>(SLOTS);
  protected override exportFeatures(): FeatureState {
    return { ...super.exportFeatures(), codes: this.codes.subarray(0, this.size * SLOTS), parts: this.parts.exportState() };
  }
  protected override importFeatures(f: FeatureState): void {
    super.importFeatures(f);
    this.codes = f.codes as Int32Array;
    this.parts = Interner.fromState(f.parts as StringIndexState);
  }
  private readonly streetKeys = new IdMemo();
  /** Blocking key: street-level part (village, road or estate) with the house detail; Latin: first 6 characters. */
  streetKey(id: number): number {
    return this.streetKeys.get(id, this.computeStreetKey);
  }
  private readonly computeStreetKey = (id: number): number => {
    if (!this.cjk.data[id]) return this.streetPairs.id(LATIN, this.tokens.id(this.tokens.value(this.sq.data[id]!).slice(0, 6)));
    const c = this.codes;
    const o = id * SLOTS;
    const street = c[o + P_VILLAGE]! >= 0 ? c[o + P_VILLAGE]! : c[o + P_ROAD]! >= 0 ? c[o + P_ROAD]! : c[o + P_ESTATE]!;
    const detail = c[o + P_NUMBER]! >= 0 ? c[o + P_NUMBER]! : c[o + P_GROUP]! >= 0 ? c[o + P_GROUP]! : c[o + P_BUILDING]!;
    // Numeric parts carry the NUMERIC offset; fold them into int32 for the pair map.
    return street < 0 ? -1 : this.streetPairs.id(street & 0x3fffffff, detail < 0 ? 0 : detail & 0x3fffffff);
  };
  compare(a: number, b: number): number {
    if (this.cjk.data[a] && this.cjk.data[b]) return AGREEMENT_LEVEL[compareAddressCodes(this.codes, a * SLOTS, this.codes, b * SLOTS)];
    if (this.sq.data[a] === this.sq.data[b]) return 2;
    const l = this.jwLevel(a, b, 0.9, 0.8);
    return l === TEXT_LEVEL.similar ? 3 : l === TEXT_LEVEL.weak ? 4 : 5;
  }
}

/** 1 to 8 ASCII digits. */
function isShortNumber(v: string): boolean {
  if (v.length === 0 || v.length >= 9) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Pinyin and traditional→simplified conversion, loaded on first use only: the two libraries
 * cost ~70 ms to import, which a Latin-only run (FEBRL) should not pay.
 *
 * @example
 * const zh = await loadChineseTools();
 * zh.toSimplified('張曉明') // '张晓明'
 * zh.namePinyin('单雄信', 'full_name') // ['shan', 'xiong', 'xin']
 */

export type NameRole = 'full_name' | 'family_name' | 'given_name';

/** A name's sound keys: pinyin joined, with surname readings for the family part, and fuzzy. */
export interface NameKeys {
  readonly plain: string;
  readonly family: string;
  readonly fuzzyPlain: string;
  readonly fuzzyFamily: string;
}

export interface ChineseTools {
  toSimplified(s: string): string;
  /** Toneless pinyin per character, surname readings for the family part (单 → shan, 曾 → zeng). */
  namePinyin(name: string, role: NameRole): string[];
  /** namePinyin joined (given-name and `role` readings) and their fuzzy forms, from per-character caches. */
  nameKeys(name: string, role: NameRole): NameKeys;
  /** Every toneless reading of one character (polyphones: 行 → xing, hang, heng). */
  readings(ch: string): readonly string[];
  /** readings() of one UTF-16 code unit as small ids (equal ids: the same syllable), cached per unit. */
  soundIds(code: number): readonly number[];
}

let loading: Promise<ChineseTools> | undefined;
let ready: ChineseTools | undefined;

export function loadChineseTools(): Promise<ChineseTools> {
  loading ??= (async () => {
    const [{ pinyin, polyphonic }, opencc] = await Promise.all([import('pinyin-pro'), import('opencc-js/t2cn')]);
    const convert = opencc.Converter({ from: 't', to: 'cn' });
    // Per-character caches: a name's pinyin is looked up character by character (surname
    // readings for the family part), which is far cheaper than segmenting every name, and the
    // polyphone check covers what word context would have decided.
    const plain = new Map<string, string>();
    const surname = new Map<string, string>();
    const readingCache = new Map<string, readonly string[]>();
    const reading = (cache: Map<string, string>, ch: string, asSurname: boolean): string => {
      let r = cache.get(ch);
      if (r === undefined) {
        r = asSurname ? pinyin(ch, { toneType: 'none', mode: 'surname' }) : pinyin(ch, { toneType: 'none' });
        cache.set(ch, r);
      }
      return r;
    };
    // Most text is already simplified: look each character up once, and run the (phrase-aware,
    // much slower) converter only on strings that hold a traditional character. Characters are
    // looked up by code unit in flat tables (no one-character strings); astral characters, rare in
    // names and addresses, go the slow way.
    const traditional = new Map<string, boolean>();
    const traditionalUnit = new Uint8Array(0x10000); // 0 not yet known, 1 no, 2 yes
    const hasTraditional = (s: string): boolean => {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdfff) return hasTraditionalSlow(s);
        let t = traditionalUnit[c]!;
        if (t === 0) traditionalUnit[c] = t = convert(s[i]!) !== s[i] ? 2 : 1;
        if (t === 2) return true;
      }
      return false;
    };
    const hasTraditionalSlow = (s: string): boolean => {
      for (const ch of s) {
        let t = traditional.get(ch);
        if (t === undefined) traditional.set(ch, (t = convert(ch) !== ch));
        if (t) return true;
      }
      return false;
    };
    const namePinyin = (name: string, role: NameRole): string[] => {
      const chars = [...name];
      const family = role === 'given_name' ? 0 : role === 'family_name' ? chars.length : familyLength(name);
      return chars.map((ch, i) => (i < family ? reading(surname, ch, true) : reading(plain, ch, false)));
    };
    // Per code unit: plain and surname reading, and their fuzzy forms.
    const unitReadings: (readonly [string, string, string, string] | undefined)[] = new Array(0x10000);
    const readingsOfUnit = (c: number, ch: string): readonly [string, string, string, string] => {
      let r = unitReadings[c];
      if (r === undefined) {
        const p = reading(plain, ch, false);
        const f = reading(surname, ch, true);
        unitReadings[c] = r = [p, f, fuzzySyllable(p), fuzzySyllable(f)];
      }
      return r;
    };
    const readings = (ch: string): readonly string[] => {
      let r = readingCache.get(ch);
      if (!r) {
        const all = polyphonic(ch, { toneType: 'none', type: 'array' })[0] ?? [];
        r = [...new Set(all)];
        readingCache.set(ch, r);
      }
      return r;
    };
    const syllableIds = new Map<string, number>();
    const unitSounds: (readonly number[] | undefined)[] = new Array(0x10000);
    const tools: ChineseTools = {
      toSimplified: (s) => (hasTraditional(s) ? convert(s) : s),
      namePinyin,
      nameKeys(name, role) {
        let astral = false;
        for (let i = 0; i < name.length && !astral; i++) astral = (name.charCodeAt(i) & 0xf800) === 0xd800;
        const family = role === 'given_name' ? 0 : role === 'family_name' ? name.length : familyLength(name);
        if (astral) {
          const p = namePinyin(name, 'given_name');
          const f = namePinyin(name, role);
          return { plain: p.join(''), family: f.join(''), fuzzyPlain: p.map(fuzzySyllable).join(''), fuzzyFamily: f.map(fuzzySyllable).join('') };
        }
        let plainKey = '';
        let familyKey = '';
        let fuzzyPlain = '';
        let fuzzyFamily = '';
        for (let i = 0; i < name.length; i++) {
          const r = readingsOfUnit(name.charCodeAt(i), name[i]!);
          plainKey += r[0];
          fuzzyPlain += r[2];
          familyKey += i < family ? r[1] : r[0];
          fuzzyFamily += i < family ? r[3] : r[2];
        }
        return { plain: plainKey, family: familyKey, fuzzyPlain, fuzzyFamily };
      },
      readings,
      soundIds(code) {
        let ids = unitSounds[code];
        if (ids === undefined) {
          ids = readings(String.fromCharCode(code)).map((r) => {
            let id = syllableIds.get(r);
            if (id === undefined) syllableIds.set(r, (id = syllableIds.size));
            return id;
          });
          unitSounds[code] = ids;
        }
        return ids;
      },
    };
    ready = tools;
    return tools;
  })();
  return loading;
}

/** The tools if already loaded (for synchronous code paths that ran loadChineseTools before). */
export function chineseToolsIfLoaded(): ChineseTools | undefined {
  return ready;
}

const fuzzyCache = new Map<string, string>();

/** Sogou-style fuzzy pinyin: z=zh, c=ch, s=sh, l=n=r, f=h, -n=-ng. */
export function fuzzySyllable(s: string): string {
  let f = fuzzyCache.get(s);
  if (f === undefined) fuzzyCache.set(s, (f = fuzzy(s)));
  return f;
}

function fuzzy(s: string): string {
  return s
    .replace(/^([zcs])h/, '$1')
    .replace(/^[nr]/, 'l')
    .replace(/^h(?=u)/, 'f')
    .replace(/ng$/, 'n');
}

const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 独孤 南宫 西门 轩辕 呼延 申屠 太史 闻人 澹台 公冶 濮阳 淳于 单于 钟离 万俟'.split(' '),
);

/** Length of the family name at the start of a Chinese full name (2 for 欧阳, 司马, …). */
export function familyLength(name: string): number {
  return name.length >= 3 && COMPOUND_SURNAMES.has(name.slice(0, 2)) ? 2 : 1;
}

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

export interface ChineseTools {
  toSimplified(s: string): string;
  /** Toneless pinyin per character, surname readings for the family part (单 → shan, 曾 → zeng). */
  namePinyin(name: string, role: NameRole): string[];
  /** Every toneless reading of one character (polyphones: 行 → xing, hang, heng). */
  readings(ch: string): readonly string[];
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
    // much slower) converter only on strings that hold a traditional character.
    const traditional = new Map<string, boolean>();
    const hasTraditional = (s: string): boolean => {
      for (const ch of s) {
        let t = traditional.get(ch);
        if (t === undefined) traditional.set(ch, (t = convert(ch) !== ch));
        if (t) return true;
      }
      return false;
    };
    const tools: ChineseTools = {
      toSimplified: (s) => (hasTraditional(s) ? convert(s) : s),
      namePinyin(name, role) {
        const chars = [...name];
        const family = role === 'given_name' ? 0 : role === 'family_name' ? chars.length : familyLength(name);
        return chars.map((ch, i) => (i < family ? reading(surname, ch, true) : reading(plain, ch, false)));
      },
      readings(ch) {
        let r = readingCache.get(ch);
        if (!r) {
          const all = polyphonic(ch, { toneType: 'none', type: 'array' })[0] ?? [];
          r = [...new Set(all)];
          readingCache.set(ch, r);
        }
        return r;
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

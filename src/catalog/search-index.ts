/**
 * In-memory full-text index for the catalog, identical on SQLite and PostgreSQL.
 * Chinese has no spaces, so CJK runs are indexed as single characters and overlapping bigrams;
 * Latin words and digit runs as whole tokens. Ranking is BM25 with per-field weights
 * (name > department > items > summary), so "低保" finds 最低生活保障对象名单 only if the text says 低保,
 * while 最低生活 finds it through its bigrams.
 *
 * @example
 * const index = buildSearchIndex([{ key: 'r1', fields: { name: '常住人口基本信息', summary: '…' } }]);
 * index.search('人口'); // [{ key: 'r1', score: 3.2 }]
 */
export interface SearchDocument<M = unknown> {
  readonly key: string;
  readonly fields: Readonly<Record<string, string>>;
  /** Filter attributes carried with the document, so that filtering needs no database round trip. */
  readonly meta?: M;
}

export interface SearchHit<M = unknown> {
  readonly key: string;
  readonly score: number;
  readonly meta: M;
}

export const FIELD_WEIGHTS: Readonly<Record<string, number>> = { name: 4, department: 2, items: 1.5, elements: 1.5, summary: 1, code: 4 };

const K1 = 1.2;
const B = 0.75;

function isWordChar(cp: number, ch: string): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122);
  return /[\p{L}\p{N}]/u.test(ch);
}

export function tokenize(text: string): string[] {
  const out: string[] = [];
  const lower = text.normalize('NFKC').toLowerCase();
  let word = '';
  let prevCjk = '';
  const flushWord = () => {
    if (word) out.push(word);
    word = '';
  };
  for (const ch of lower) {
    const cp = ch.codePointAt(0)!;
    const cjk = (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2ffff);
    if (cjk) {
      flushWord();
      out.push(ch);
      if (prevCjk) out.push(prevCjk + ch);
      prevCjk = ch;
    } else if (isWordChar(cp, ch)) {
      prevCjk = '';
      word += ch;
    } else {
      prevCjk = '';
      flushWord();
    }
  }
  flushWord();
  return out;
}

export interface SearchIndex<M = unknown> {
  search(query: string, limit?: number, accept?: (meta: M) => boolean): SearchHit<M>[];
  readonly size: number;
}

export function buildSearchIndex<M = unknown>(documents: readonly SearchDocument<M>[]): SearchIndex<M> {
  // postings: token -> parallel arrays of doc index and weighted term frequency
  const postings = new Map<string, { docs: number[]; tfs: number[] }>();
  const n = documents.length;
  const lengths = new Float64Array(n);
  const local = new Map<string, number>();
  documents.forEach((doc, d) => {
    local.clear();
    for (const field in doc.fields) {
      const weight = FIELD_WEIGHTS[field] ?? 1;
      for (const token of tokenize(doc.fields[field]!)) local.set(token, (local.get(token) ?? 0) + weight);
    }
    let length = 0;
    for (const [token, tf] of local) {
      let list = postings.get(token);
      if (!list) postings.set(token, (list = { docs: [], tfs: [] }));
      list.docs.push(d);
      list.tfs.push(tf);
      length += tf;
    }
    lengths[d] = length;
  });
  const avgLength = n === 0 ? 1 : lengths.reduce((a, b) => a + b, 0) / n || 1;
  const scores = new Float64Array(n);
  const matched = new Uint16Array(n);

  return {
    size: n,
    search(query, limit = 50, accept = () => true) {
      const all = [...new Set(tokenize(query))];
      if (all.length === 0) return [];
      // With bigrams in the query, single Chinese characters add nothing but cost: they match most of a
      // Chinese catalog. They are scored only for one-character queries.
      const isHan = (t: string) => /\p{Script=Han}/u.test(t);
      const hasBigram = all.some((t) => [...t].length === 2 && isHan(t));
      const tokens = hasBigram ? all.filter((t) => !(t.length === 1 && isHan(t))) : all;
      const lists = tokens.map((t) => postings.get(t));
      // Every token must occur, so a query narrows rather than widens: no list, no hit.
      if (lists.some((l) => l === undefined)) return [];
      const ordered = (lists as Array<{ docs: number[]; tfs: number[] }>).slice().sort((a, b) => a.docs.length - b.docs.length);
      const touched: number[] = [];
      ordered.forEach((list, i) => {
        const idf = Math.log(1 + (n - list.docs.length + 0.5) / (list.docs.length + 0.5));
        for (let k = 0; k < list.docs.length; k++) {
          const d = list.docs[k]!;
          if (matched[d] !== i) continue;
          const tf = list.tfs[k]!;
          scores[d] = scores[d]! + (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lengths[d]!) / avgLength));
          matched[d] = i + 1;
          if (i === 0) touched.push(d);
        }
      });
      const hits: SearchHit<M>[] = [];
      for (const d of touched) {
        if (matched[d] === ordered.length) {
          const doc = documents[d]!;
          if (accept(doc.meta as M)) hits.push({ key: doc.key, score: scores[d]!, meta: doc.meta as M });
        }
        scores[d] = 0;
        matched[d] = 0;
      }
      hits.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
      return hits.slice(0, limit);
    },
  };
}

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
export interface SearchDocument {
  readonly key: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface SearchHit {
  readonly key: string;
  readonly score: number;
}

export const FIELD_WEIGHTS: Readonly<Record<string, number>> = { name: 4, department: 2, items: 1.5, elements: 1.5, summary: 1, code: 4 };

const K1 = 1.2;
const B = 0.75;

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
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
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

export interface SearchIndex {
  search(query: string, limit?: number): SearchHit[];
  readonly size: number;
}

export function buildSearchIndex(documents: readonly SearchDocument[]): SearchIndex {
  // postings: token -> (doc index -> weighted term frequency)
  const postings = new Map<string, Map<number, number>>();
  const lengths = new Float64Array(documents.length);
  documents.forEach((doc, d) => {
    for (const [field, text] of Object.entries(doc.fields)) {
      const weight = FIELD_WEIGHTS[field] ?? 1;
      for (const token of tokenize(text)) {
        let list = postings.get(token);
        if (!list) postings.set(token, (list = new Map()));
        list.set(d, (list.get(d) ?? 0) + weight);
        lengths[d]! += weight;
      }
    }
  });
  const n = documents.length;
  const avgLength = n === 0 ? 1 : lengths.reduce((a, b) => a + b, 0) / n || 1;

  return {
    size: n,
    search(query, limit = 50) {
      const tokens = [...new Set(tokenize(query))];
      if (tokens.length === 0) return [];
      // Prefer bigrams when the query has them: single characters match too much of a Chinese catalog.
      const bigrams = tokens.filter((t) => [...t].length === 2 && /\p{Script=Han}/u.test(t));
      const required = bigrams.length > 0 ? bigrams : tokens;
      const scores = new Map<number, number>();
      const matched = new Map<number, number>();
      for (const token of tokens) {
        const list = postings.get(token);
        if (!list) continue;
        const idf = Math.log(1 + (n - list.size + 0.5) / (list.size + 0.5));
        const isRequired = required.includes(token);
        for (const [d, tf] of list) {
          const norm = tf * (K1 + 1) / (tf + K1 * (1 - B + (B * lengths[d]!) / avgLength));
          scores.set(d, (scores.get(d) ?? 0) + idf * norm);
          if (isRequired) matched.set(d, (matched.get(d) ?? 0) + 1);
        }
      }
      const hits: SearchHit[] = [];
      for (const [d, score] of scores) {
        // Every required token must occur, so a query narrows rather than widens.
        if ((matched.get(d) ?? 0) < required.length) continue;
        hits.push({ key: documents[d]!.key, score });
      }
      hits.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
      return hits.slice(0, limit);
    },
  };
}

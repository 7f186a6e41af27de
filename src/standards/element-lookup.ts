/**
 * Finding an element by code, name, English name or column header.
 *
 * @example
 * findElement('身份证号码（必填）')?.code; // 'DE0001' (decorations stripped)
 * suggestElements('身份证号吗');           // ['公民身份号码']
 */
import type { DataElement } from './element-types.ts';
import { builtinElements } from './elements.ts';
import { normalize } from './normalize.ts';

/**
 * Comparison key of a header: normalised, lower-case, without spaces, a
 * leading required-marker `*` or a trailing note in brackets (`（必填）`, `(元)`).
 */
export function headerKey(header: string): string {
  let s = normalize(header).toLowerCase().replace(/\s+/g, '');
  s = s.replace(/^\*+|\*+$/g, '');
  const stripped = s.replace(/[(（【[][^()（）【】[\]]*[)）】\]]$/, '');
  return stripped.length > 0 ? stripped : s;
}

function termsOf(e: DataElement): string[] {
  return [e.code, e.name, e.nameEn, ...e.synonyms];
}

const indexCache = new WeakMap<readonly DataElement[], Map<string, DataElement>>();

function indexOf(elements: readonly DataElement[]): Map<string, DataElement> {
  let index = indexCache.get(elements);
  if (!index) {
    index = new Map();
    for (const e of elements) {
      for (const t of termsOf(e)) {
        const k = headerKey(t);
        if (!index.has(k)) index.set(k, e);
      }
    }
    indexCache.set(elements, index);
  }
  return index;
}

/** The element whose code, name, English name or synonym matches; built-ins by default. */
export function findElement(codeOrName: string, elements: readonly DataElement[] = builtinElements): DataElement | undefined {
  return indexOf(elements).get(headerKey(codeOrName));
}

function distance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Names of the elements closest to an unknown query, best first, for "did you mean". */
export function suggestElements(query: string, limit = 5, elements: readonly DataElement[] = builtinElements): string[] {
  const q = headerKey(query);
  const scored: { name: string; score: number }[] = [];
  for (const e of elements) {
    let best = Infinity;
    for (const t of termsOf(e)) {
      const k = headerKey(t);
      const contains = k.includes(q) || q.includes(k);
      best = Math.min(best, distance(q, k) / Math.max(q.length, k.length, 1) - (contains ? 0.5 : 0));
    }
    scored.push({ name: e.name, score: best });
  }
  scored.sort((x, y) => x.score - y.score);
  return scored.filter((s) => s.score <= 0.6).slice(0, limit).map((s) => s.name);
}

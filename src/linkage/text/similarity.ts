/**
 * String similarities tuned for short values (names, street names, numbers): no allocation
 * per call, scratch buffers reused. All are symmetric, 1 on identical input and within [0, 1].
 *
 * @example
 * jaroWinkler('martha', 'marhta') // 0.961…
 * osaDistance('2635962', '2639562', 2) // 1 (adjacent transposition)
 */

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

function ensure(n: number): void {
  if (n > flagsA.length) {
    flagsA = new Uint8Array(n * 2);
    flagsB = new Uint8Array(n * 2);
  }
}

/** Jaro similarity; the two strings are put in a canonical order first so the result is symmetric. */
export function jaro(x: string, y: string): number {
  if (x === y) return 1;
  let a = x;
  let b = y;
  if (a.length > b.length || (a.length === b.length && a > b)) {
    a = y;
    b = x;
  }
  if (a.length === 0) return 0;
  return b.length <= 31 ? jaroBits(a, b) : jaroClassic(a, b);
}

// Positions of each ASCII character in b as a bit set; reset after every call.
const positions = new Int32Array(128);

/**
 * Bit-parallel Jaro for strings of up to 31 characters: the first unused match inside the window
 * is the lowest set bit of (positions of the character) & window & ~used — the same choice the
 * classic quadratic scan makes — in O(|a| + |b|).
 */
function jaroBits(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  for (let j = 0; j < lb; j++) {
    const c = b.charCodeAt(j);
    if (c >= 128) {
      for (let k = 0; k < j; k++) positions[b.charCodeAt(k)] = 0;
      return jaroClassic(a, b);
    }
    positions[c]! |= 1 << j;
  }
  const window = Math.max(0, (lb >> 1) - 1);
  let used = 0;
  let matchedA = 0;
  let m = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    if (c >= 128) continue;
    const lo = i > window ? i - window : 0;
    const hi = i + window < lb - 1 ? i + window : lb - 1;
    if (lo > hi) continue;
    const win = (((hi === 30 ? 0x7fffffff : (1 << (hi + 1)) - 1) >>> lo) << lo) | 0;
    const cand = positions[c]! & win & ~used;
    if (cand !== 0) {
      used |= cand & -cand;
      matchedA |= 1 << i;
      m++;
    }
  }
  for (let j = 0; j < lb; j++) positions[b.charCodeAt(j)] = 0;
  if (m === 0) return 0;
  // Matched characters of a and of b, each in order: count the positions where they differ.
  let t = 0;
  let ra = matchedA;
  let rb = used;
  while (ra !== 0) {
    const x = ra & -ra;
    ra ^= x;
    const y = rb & -rb;
    rb ^= y;
    if (a.charCodeAt(31 - Math.clz32(x)) !== b.charCodeAt(31 - Math.clz32(y))) t++;
  }
  return (m / la + m / lb + (m - t / 2) / m) / 3;
}

function jaroClassic(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  ensure(lb);
  const window = Math.max(0, (lb >> 1) - 1);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const lo = i > window ? i - window : 0;
    const hi = i + window < lb - 1 ? i + window : lb - 1;
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  return (m / la + m / lb + (m - t / 2) / m) / 3;
}

/** The textbook quadratic Jaro, kept as the reference the bit-parallel one is tested against. */
export function jaroReference(x: string, y: string): number {
  if (x === y) return 1;
  let a = x;
  let b = y;
  if (a.length > b.length || (a.length === b.length && a > b)) {
    a = y;
    b = x;
  }
  return a.length === 0 ? 0 : jaroClassic(a, b);
}

/** Jaro-Winkler with the usual prefix scale 0.1 over at most 4 characters, boosting only above 0.7. */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j <= 0.7) return j;
  const n = Math.min(4, a.length, b.length);
  let l = 0;
  while (l < n && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return j + l * 0.1 * (1 - j);
}

let rowPrev2 = new Int32Array(64);
let rowPrev = new Int32Array(64);
let rowCur = new Int32Array(64);
const BIG = 1 << 20;

/**
 * Optimal-string-alignment (restricted Damerau-Levenshtein) distance: insertions, deletions,
 * substitutions and adjacent transpositions each cost 1. Only the band |i - j| ≤ max is filled,
 * and it returns max + 1 as soon as the distance must exceed `max`.
 */
export function osaDistance(a: string, b: string, max = Number.MAX_SAFE_INTEGER): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  if (lb + 2 > rowCur.length) {
    rowPrev2 = new Int32Array((lb + 2) * 2);
    rowPrev = new Int32Array((lb + 2) * 2);
    rowCur = new Int32Array((lb + 2) * 2);
  }
  const longer = la > lb ? la : lb;
  const band = max < longer ? max : longer;
  for (let j = 0; j <= lb; j++) rowPrev[j] = j <= band ? j : BIG;
  for (let i = 1; i <= la; i++) {
    const ca = a.charCodeAt(i - 1);
    const lo = i - band > 1 ? i - band : 1;
    const hi = i + band < lb ? i + band : lb;
    rowCur[0] = i <= band ? i : BIG;
    if (lo > 1) rowCur[lo - 1] = BIG;
    let rowMin = rowCur[0]!;
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = rowPrev[j - 1]! + (ca === cb ? 0 : 1);
      const del = rowPrev[j]! + 1;
      if (del < v) v = del;
      const ins = rowCur[j - 1]! + 1;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const tr = rowPrev2[j - 2]! + 1;
        if (tr < v) v = tr;
      }
      rowCur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < lb) rowCur[hi + 1] = BIG;
    if (rowMin > max) return max + 1;
    const t = rowPrev2;
    rowPrev2 = rowPrev;
    rowPrev = rowCur;
    rowCur = t;
  }
  const d = rowPrev[lb]!;
  return d > max ? max + 1 : d;
}

/**
 * Edits between two codes of fixed width (dates, ID numbers, postcodes, phones): a substituted
 * character or an adjacent transposition costs 1, and characters are compared by position, so a
 * shifted code is not a near miss. Strings of different length fall back to osaDistance.
 * Returns max + 1 as soon as the count exceeds max.
 */
export function positionalEdits(a: string, b: string, max: number): number {
  const n = a.length;
  if (n !== b.length) return osaDistance(a, b, max);
  let d = 0;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (i + 1 < n && a.charCodeAt(i + 1) === y && b.charCodeAt(i + 1) === x) i++;
    if (++d > max) return max + 1;
  }
  return d;
}

/** 1 - osaDistance / longer length. */
export function osaSimilarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - osaDistance(a, b) / n;
}

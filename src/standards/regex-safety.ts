/**
 * Screens county-supplied regular expressions before they run on millions of
 * rows. V8's backtracking engine takes exponential time on shapes such as
 * (a+)+ or (a|a)* and polynomial time on runs like \d*\d*\d*. This
 * conservative check refuses nested variable repetition, unbounded repetition
 * of alternatives, back-references, and more than two "wide" repetitions
 * (unbounded, wider than 20, or a repeated group that can match in several
 * ways such as (a|ab){1,3}). Some harmless patterns are refused too; a
 * character class or a bounded quantifier is always an accepted rewrite.
 * Values longer than {@link PATTERN_INPUT_LIMIT} are never matched, which
 * keeps the remaining quadratic worst case at a few milliseconds.
 *
 * @example
 * patternProblem('^[A-Z]{2}\\d{6}$');  // undefined (fine)
 * patternProblem('^(\\d+)+$');         // { zh: '…嵌套的可变重复…', en: '…nested repetition…' }
 */
import type { Reason } from './result.ts';

export const PATTERN_MAX_SOURCE = 500;
export const PATTERN_INPUT_LIMIT = 1000;

interface Frame {
  /** Contains a quantifier with no upper bound (*, +, {n,}). */
  unbounded: boolean;
  /** Contains any quantifier whose min and max differ. */
  variable: boolean;
  alternation: boolean;
}

interface Quantifier {
  readonly end: number;
  readonly max: number; // Infinity when unbounded
  readonly variable: boolean;
  /** Unbounded, or so wide a range ({1,500}) that it backtracks like one. */
  readonly wide: boolean;
}

// A range wider than this counts as unbounded.
const WIDE_SPAN = 20;
// Adjacent wide repetitions backtrack polynomially (\d*\d*\d* is cubic); two stay cheap at the input limit.
const MAX_WIDE = 2;

function readQuantifier(src: string, i: number): Quantifier | undefined {
  const c = src[i];
  let q: Quantifier | undefined;
  if (c === '*' || c === '+') q = { end: i + 1, max: Infinity, variable: true, wide: true };
  else if (c === '?') q = { end: i + 1, max: 1, variable: true, wide: false };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i, i + 24));
    if (m) {
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      q = { end: i + m[0].length, max, variable: max !== min, wide: max - min > WIDE_SPAN };
    }
  }
  if (q && src[q.end] === '?') q = { ...q, end: q.end + 1 };
  return q;
}

const NESTED: Reason = {
  zh: '正则表达式含嵌套的可变重复（如 (a+)+），可能导致灾难性回溯；请改用字符类或有上限的重复',
  en: 'the pattern nests a variable repetition inside another (like (a+)+), which can backtrack catastrophically; use a character class or a bounded repetition',
};
const ALTERNATION: Reason = {
  zh: '正则表达式对含“|”的分组做无上限重复（如 (a|b)*），可能导致灾难性回溯；请改用字符类 [ab]*',
  en: "the pattern repeats a group containing '|' without bound (like (a|b)*), which can backtrack catastrophically; use a character class such as [ab]*",
};

/** Why a pattern source is refused, or undefined if it compiles and looks safe. */
export function patternProblem(source: string): Reason | undefined {
  if (source.length > PATTERN_MAX_SOURCE) {
    return { zh: `正则表达式不能超过 ${PATTERN_MAX_SOURCE} 个字符`, en: `a pattern has at most ${PATTERN_MAX_SOURCE} characters` };
  }
  try {
    new RegExp(source, 'u');
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { zh: `正则表达式无法编译：${detail}`, en: `the pattern does not compile: ${detail}` };
  }
  const stack: Frame[] = [{ unbounded: false, variable: false, alternation: false }];
  const wide = { count: 0 };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const top = stack[stack.length - 1]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')) {
        return { zh: '正则表达式不能使用反向引用', en: 'back-references are not allowed in a pattern' };
      }
      i++;
      if (next === 'p' || next === 'P' || next === 'u' || next === 'x') {
        // \p{…}, \u{…}: skip the braces so they are not read as a quantifier.
        if (source[i + 1] === '{') i = source.indexOf('}', i);
      }
      i = applyQuantifier(source, i + 1, top, wide) - 1;
      continue;
    }
    if (c === '[') {
      // Skip the class, honouring escapes; ']' right after '[' or '[^' is literal in JS only without 'u'.
      let j = i + 1;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = applyQuantifier(source, j + 1, top, wide) - 1;
      continue;
    }
    if (c === '(') {
      stack.push({ unbounded: false, variable: false, alternation: false });
      if (source[i + 1] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>
        const close = source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!' ? source.indexOf('>', i) : i + (source[i + 2] === '<' ? 3 : 2);
        i = close;
      }
      continue;
    }
    if (c === ')') {
      const inner = stack.pop()!;
      const outer = stack[stack.length - 1]!;
      const q = readQuantifier(source, i + 1);
      if (q && q.max > 1 && inner.unbounded) return NESTED;
      if (q && q.wide && (inner.variable || inner.alternation)) return inner.variable ? NESTED : ALTERNATION;
      // A repeated group that can match in several ways multiplies the cost of every wide repetition.
      if (q?.wide || (q && q.max > 1 && (inner.variable || inner.alternation))) wide.count++;
      outer.unbounded ||= inner.unbounded || (q?.wide ?? false);
      outer.variable ||= inner.variable || (q?.variable ?? false);
      if (q) i = q.end - 1;
      continue;
    }
    if (c === '|') {
      top.alternation = true;
      continue;
    }
    i = applyQuantifier(source, i + 1, top, wide) - 1;
  }
  if (wide.count > MAX_WIDE) {
    return {
      zh: `正则表达式最多含 ${MAX_WIDE} 个无上限（或范围很宽）的重复，实际有 ${wide.count} 个；请设上限，如 {1,20}`,
      en: `a pattern may have at most ${MAX_WIDE} unbounded (or very wide) repetitions, found ${wide.count}; give them an upper bound such as {1,20}`,
    };
  }
  return undefined;
}

// Records a quantifier following an atom; returns the index after it.
function applyQuantifier(source: string, at: number, frame: Frame, wide: { count: number }): number {
  const q = readQuantifier(source, at);
  if (!q) return at;
  if (q.wide) {
    frame.unbounded = true;
    wide.count++;
  }
  if (q.variable) frame.variable = true;
  return q.end;
}

/** Compiles a screened pattern so that it must match the whole value. */
export function compileWholeMatch(source: string): RegExp {
  return new RegExp(`^(?:${source})$`, 'u');
}

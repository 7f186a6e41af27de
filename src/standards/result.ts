/**
 * The shape every validator returns. `value` is the canonical form that the
 * ingest pipeline stores; `reason` is shown to the department that sent the
 * row, so it is precise and bilingual.
 *
 * @example
 * const r = validateSex('男');
 * if (r.ok) store(r.value); else report(`${r.reason.zh} / ${r.reason.en}`);
 */
export interface Reason {
  readonly zh: string;
  readonly en: string;
}

export type ValidationResult =
  | { ok: true; value: string; notes?: string[] }
  | { ok: false; reason: Reason };

export type Validator = (raw: string) => ValidationResult;

export function valid(value: string, notes?: string[]): ValidationResult {
  return notes === undefined || notes.length === 0 ? { ok: true, value } : { ok: true, value, notes };
}

export function invalid(zh: string, en: string): ValidationResult {
  return { ok: false, reason: { zh, en } };
}

/** A bilingual note in the `zh / en` form used throughout the CLI and reports. */
export function note(zh: string, en: string): string {
  return `${zh} / ${en}`;
}

// Shared static failures: returned as-is so the hot failure path allocates nothing.
export const EMPTY: ValidationResult = Object.freeze({ ok: false, reason: Object.freeze({ zh: '值为空', en: 'value is empty' }) }) as ValidationResult;

/** Human-readable form of a character for a reason, e.g. `“A”（U+0041）`. */
export function describeChar(ch: string): { zh: string; en: string } {
  const cp = ch.codePointAt(0) ?? 0;
  const printable = cp > 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0);
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return printable ? { zh: `“${ch}”`, en: `'${ch}'` } : { zh: hex, en: hex };
}

/** Raw input quoted in a reason, clipped so a garbage cell cannot flood a report. */
export function clip(s: string, max = 24): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}

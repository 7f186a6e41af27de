import { invalidInput, type FieldProblem } from '../shared/errors.ts';

/**
 * An audit entry and its canonical bytes, which are the Merkle leaf (see README.md, "Entry format").
 *
 * Canonical JSON: object keys sorted by UTF-16 code units (JavaScript's default sort), no whitespace,
 * strings and numbers as `JSON.stringify` writes them (the same as RFC 8785 for the values allowed here),
 * object properties whose value is `undefined` left out, UTF-8 encoded. Every field of the entry is always
 * present (null when empty), so one entry has exactly one encoding.
 *
 * @example
 * const entry = normaliseEntry({ actor: { kind: 'user', id: 'u1', department: 'D01' }, action: 'exchange.query',
 *   outcome: { decision: 'allowed', reason: null } }, 0, new Date());
 * encodeEntry(entry); // '{"action":"exchange.query","actor":{"department":"D01",...},...,"seq":0,...}'
 */

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type ActorKind = 'user' | 'api_key' | 'citizen' | 'system';
export const ACTOR_KINDS: readonly ActorKind[] = ['user', 'api_key', 'citizen', 'system'];

export interface AuditActor {
  readonly kind: ActorKind;
  readonly id: string;
  /** Department code or id the actor acts for; null for citizens and the system. */
  readonly department: string | null;
}

export type Decision = 'allowed' | 'refused';

export interface AuditOutcome {
  readonly decision: Decision;
  readonly reason: string | null;
}

/** What a caller hands to `appendEntry`; the log assigns `seq` (and `time` when absent). */
export interface AuditEntryInput {
  readonly time?: string;
  readonly actor: AuditActor;
  /** Dotted verb, e.g. `exchange.query`, `grant.approve`, `admin.user.create`. */
  readonly action: string;
  /** What was acted on, e.g. `resource:<id>` or `grant:<id>`. */
  readonly resource?: string | null;
  /** The person whose data was touched (e.g. a citizen ID number), or null. */
  readonly subject?: string | null;
  readonly purpose?: string | null;
  /** Data items (fields) involved. */
  readonly items?: readonly string[];
  readonly outcome: AuditOutcome;
  readonly requestId?: string | null;
  readonly details?: { readonly [key: string]: JsonValue };
}

export interface AuditEntry {
  readonly seq: number;
  readonly time: string;
  readonly actor: AuditActor;
  readonly action: string;
  readonly resource: string | null;
  readonly subject: string | null;
  readonly purpose: string | null;
  readonly items: readonly string[];
  readonly outcome: AuditOutcome;
  readonly requestId: string | null;
  readonly details: { readonly [key: string]: JsonValue };
}

export const MAX_ENTRY_BYTES = 256 * 1024;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

export class CanonicalJsonError extends Error {}

/** Canonical JSON text of a plain JSON value (see the module comment). */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('non-finite number');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        return `[${value.map((v) => {
          if (v === undefined) throw new CanonicalJsonError('undefined in array');
          return canonicalJson(v);
        }).join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError('only plain objects are allowed');
      const obj = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(obj).sort()) {
        const v = obj[key];
        if (v === undefined) continue;
        parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${typeof value} is not JSON`);
  }
}

function text(problems: FieldProblem[], path: string, v: unknown, max: number, nullable: boolean): string | null {
  if (v === undefined || v === null) {
    if (!nullable) problems.push({ path, message: '必填 / required' });
    return null;
  }
  if (typeof v !== 'string' || v.length === 0 || v.length > max) {
    problems.push({ path, message: `应为 1–${max} 个字符的文本 / must be text of 1–${max} characters` });
    return null;
  }
  return v;
}

const NO_ITEMS: readonly string[] = Object.freeze([]);
const FLAT_KEYS = 16;
const FLAT_TEXT = 1000;

// Entries of one appendEntries call share one `now`: format it once (keyed by its time, not the object, which could change).
let lastNow = Number.NaN;
let lastIso = '';
function isoOf(now: Date): string {
  const t = now.getTime();
  if (t !== lastNow) {
    lastIso = now.toISOString();
    lastNow = t;
  }
  return lastIso;
}

/**
 * A plain object of at most 16 keys of at most 1,000 characters whose values are null, booleans, finite
 * numbers or strings of at most 1,000 characters: canonical JSON for sure, and at most 16 · (6 · 2,000 + 30)
 * bytes (6 bytes is the most a UTF-16 unit takes, escaped or encoded), far below MAX_ENTRY_BYTES.
 */
function isSmallFlatObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(value);
  if (keys.length > FLAT_KEYS) return false;
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (key.length > FLAT_TEXT) return false;
    if (v === null || v === undefined || typeof v === 'boolean') continue;
    if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string' || v.length > FLAT_TEXT) return false;
  }
  return true;
}

/** Validates an input and fills the log-assigned fields; throws `invalid_input` with field paths. */
export function normaliseEntry(input: AuditEntryInput, seq: number, now: Date): AuditEntry {
  const p: FieldProblem[] = [];
  const actor = (input.actor ?? {}) as Partial<AuditActor>;
  if (!ACTOR_KINDS.includes(actor.kind as ActorKind)) p.push({ path: '/actor/kind', message: `应为 ${ACTOR_KINDS.join('/')} / must be one of ${ACTOR_KINDS.join(', ')}` });
  const actorId = text(p, '/actor/id', actor.id, 200, false);
  const department = text(p, '/actor/department', actor.department, 200, true);
  const action = text(p, '/action', input.action, 100, false);
  if (action !== null && !ACTION.test(action)) p.push({ path: '/action', message: '应为小写点分动词，如 exchange.query / must be a dotted lower-case verb such as exchange.query' });
  const outcome = (input.outcome ?? {}) as Partial<AuditOutcome>;
  if (outcome.decision !== 'allowed' && outcome.decision !== 'refused') p.push({ path: '/outcome/decision', message: '应为 allowed 或 refused / must be allowed or refused' });
  const reason = text(p, '/outcome/reason', outcome.reason, 2000, true);
  const time = input.time ?? isoOf(now);
  if (input.time !== undefined && (!ISO_UTC.test(time) || Number.isNaN(Date.parse(time)))) p.push({ path: '/time', message: '应为 UTC ISO-8601 时间（毫秒）/ must be a UTC ISO-8601 time with milliseconds' });
  const items = input.items ?? NO_ITEMS;
  if (!Array.isArray(items) || items.some((i) => typeof i !== 'string' || i.length === 0 || i.length > 200) || items.length > 1000) {
    p.push({ path: '/items', message: '应为非空文本数组（至多 1000 项）/ must be an array of non-empty strings (at most 1000)' });
  }
  const details = input.details ?? {};
  if (typeof details !== 'object' || details === null || Array.isArray(details)) p.push({ path: '/details', message: '应为 JSON 对象 / must be a JSON object' });
  const entry: AuditEntry = {
    seq,
    time,
    actor: { kind: actor.kind as ActorKind, id: actorId ?? '', department },
    action: action ?? '',
    resource: text(p, '/resource', input.resource, 500, true),
    subject: text(p, '/subject', input.subject, 200, true),
    purpose: text(p, '/purpose', input.purpose, 2000, true),
    // A copy, so that a caller changing its array later cannot change the entry before it is written.
    items: !Array.isArray(items) || items.length === 0 ? NO_ITEMS : items.slice(),
    outcome: { decision: outcome.decision as Decision, reason },
    requestId: text(p, '/requestId', input.requestId, 200, true),
    details,
  };
  // Small flat details (the common case) are plain JSON well under the size limit: no trial encoding.
  if (p.length === 0 && !isSmallFlatObject(details)) {
    try {
      if (Buffer.byteLength(canonicalJson(entry.details)) > MAX_ENTRY_BYTES) p.push({ path: '/details', message: '过大 / too large' });
    } catch (e) {
      p.push({ path: '/details', message: `不是纯 JSON / not plain JSON: ${(e as Error).message}` });
    }
  }
  if (p.length > 0) throw invalidInput('审计记录无效 / invalid audit entry', p);
  return entry;
}

const str = JSON.stringify;
const opt = (v: string | null): string => (v === null ? 'null' : JSON.stringify(v));

/**
 * The canonical text of an entry; its UTF-8 bytes are the Merkle leaf. Written out field by field in
 * sorted key order, which is what `canonicalJson(entry)` gives (a property test holds them equal) at a
 * fraction of the cost: appends run at a hundred thousand a second. `seq` overrides the entry's own, so
 * the log can number an entry without copying it.
 */
export function encodeEntry(e: AuditEntry, seq = e.seq): string {
  return encodePrefixed(e, seq).slice(1);
}

/**
 * "\0" followed by the canonical text: exactly the input of the leaf hash (0x00 || UTF-8 of the text).
 * The log hashes this string and stores `.slice(1)` of it, which V8 keeps as a view, not a second copy.
 */
export function encodePrefixed(e: AuditEntry, seq = e.seq): string {
  return `${prefixedHead(e)}${seq}${tailAfterSeq(e)}`;
}

/**
 * The prefixed text up to the value of `seq` (which sorts after every field but `subject` and `time`).
 * `items` are validated strings, for which JSON.stringify is the canonical form.
 */
export function prefixedHead(e: AuditEntry): string {
  return (
    `\0{"action":${str(e.action)},"actor":{"department":${opt(e.actor.department)},"id":${str(e.actor.id)},"kind":${str(e.actor.kind)}},` +
    `"details":${canonicalJson(e.details)},"items":${str(e.items)},"outcome":{"decision":${str(e.outcome.decision)},"reason":${opt(e.outcome.reason)}},` +
    `"purpose":${opt(e.purpose)},"requestId":${opt(e.requestId)},"resource":${opt(e.resource)},"seq":`
  );
}

/** The text after the value of `seq`. */
export function tailAfterSeq(e: AuditEntry): string {
  return `,"subject":${opt(e.subject)},"time":${str(e.time)}}`;
}

/** Parses stored leaf text back into an entry; undefined when it is not a valid entry in canonical form. */
export function decodeEntry(encoded: string): AuditEntry | undefined {
  try {
    const parsed = JSON.parse(encoded) as AuditEntry;
    if (typeof parsed !== 'object' || parsed === null || !Number.isSafeInteger(parsed.seq) || typeof parsed.time !== 'string') return undefined;
    // Re-normalising fills defaults and drops unknown keys, so any missing or extra field changes the text.
    const entry = normaliseEntry(parsed, parsed.seq, new Date(0));
    return encodeEntry(entry) === encoded ? entry : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The top-level `seq` of an encoded entry without a full parse (the verifier reads a million of them).
 * With sorted keys only `subject` (a string or null) and `time` (a string) follow `seq`, and a key
 * `"seq":` cannot occur inside a JSON string (its quotes would be escaped), so the last occurrence is the one.
 */
export function seqOfEncoded(encoded: string): number | undefined {
  const at = encoded.lastIndexOf('"seq":');
  if (at < 0) return undefined;
  let i = at + 6;
  let n = 0;
  const start = i;
  for (; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  if (i === start || (encoded[start] === '0' && i - start > 1) || encoded[i] !== ',') return undefined;
  return n;
}

/** `seqOfEncoded` for the UTF-8 bytes of an encoded entry (possibly after a 0x00 prefix). */
export function seqOfEncodedBytes(bytes: Buffer): number | undefined {
  const at = bytes.lastIndexOf('"seq":');
  if (at < 0) return undefined;
  let i = at + 6;
  let n = 0;
  const start = i;
  for (; i < bytes.length; i++) {
    const c = bytes[i]! - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  if (i === start || (bytes[start] === 48 && i - start > 1) || bytes[i] !== 44) return undefined;
  return n;
}

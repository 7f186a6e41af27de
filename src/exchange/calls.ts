import { hash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { canonicalJson, type AuditEntryInput, type JsonValue } from '../audit/index.ts';
import { localDate } from '../calendar/index.ts';
import type { Principal } from '../identity/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { actorOf, type AuditSink, type HoldRequest, type HoldSink } from './audit-port.ts';
import type { GrantCache } from './grant-cache.ts';
import { checkKey, keyForLog, type KeyKind } from './keys.ts';
import type { Limits } from './limits.ts';
import { normalisePurpose, type Grant, type Mode, type ResourceMeta } from './model.ts';
import type { Monitor } from './monitor.ts';
import { refuse, refusalError, refusalMessage, type Refusal } from './refusals.ts';
import type { ResourceDirectory } from './resources.ts';
import { getMany, type LookupSource, type SourceRecord } from './sources.ts';

export const MAX_BATCH = 1000;

export interface CallContext {
  readonly principal: Principal;
  readonly requestId: string | null;
}

export interface CallRequest {
  readonly resourceCode: string;
  readonly purpose: unknown;
  readonly items?: unknown;
  readonly grantId?: unknown;
  /** Hide these accesses from the person's data-use list until a date, with a reason. */
  readonly hide?: unknown;
  /** Set by the route when the request body is not even an object: refused (and audited) as such. */
  readonly malformed?: string | undefined;
}

export interface LookupResult {
  readonly key: string;
  readonly found: boolean;
  readonly items: Record<string, JsonValue> | null;
  readonly auditIndex: number;
}

export interface VerifyResult {
  readonly key: string;
  readonly found: boolean;
  readonly items: Record<string, 'match' | 'no_match'>;
  readonly auditIndex: number;
}

export interface CallDeps {
  readonly clock: Clock;
  readonly audit: AuditSink;
  readonly resources: ResourceDirectory;
  readonly grants: GrantCache;
  readonly limits: Limits;
  readonly monitor: Monitor;
  readonly sourceFor: (resource: ResourceMeta) => LookupSource | undefined;
  readonly holds?: HoldSink | undefined;
}

class Refused extends Error {
  constructor(readonly refusal: Refusal, readonly resource?: ResourceMeta, readonly grant?: Grant, readonly subject: string | null = null, readonly purpose: string | null = null) {
    super(refusal.reason);
  }
}

type CallHead = Pick<AuditEntryInput, 'actor' | 'action' | 'resource' | 'requestId'>;

const ALLOWED = Object.freeze({ decision: 'allowed', reason: null } as const);
const sortedNames = new WeakMap<readonly string[], readonly string[]>();

/**
 * SHA-256 of canonicalJson({ found, items: values }) for values keyed by `items` (as the lookup builds
 * them), without sorting keys per answer: the sorted names are kept per item list.
 */
export function answerDigest(found: boolean, items: readonly string[], values: Readonly<Record<string, JsonValue>> | null): string {
  if (!values) return hash('sha256', `{"found":${found},"items":null}`);
  let names = sortedNames.get(items);
  if (!names) sortedNames.set(items, (names = [...new Set(items)].sort()));
  let text = `{"found":${found},"items":{`;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    text += `${i === 0 ? '' : ','}${JSON.stringify(name)}:${canonicalJson(values[name])}`;
  }
  return hash('sha256', `${text}}}`);
}

/** A value as it will appear in the JSON answer, so that the digest in the log matches the answer. */
function jsonValue(v: unknown): JsonValue {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v as JsonValue;
}

/** Values compare as numbers when both are numbers, else as NFKC text ignoring case and surrounding space. */
export function sameValue(held: unknown, given: unknown): boolean {
  if (held === null || held === undefined) return given === null || given === undefined || given === '';
  const a = String(jsonValue(held)).normalize('NFKC').trim();
  const b = String(given ?? '').normalize('NFKC').trim();
  if (a !== '' && b !== '' && Number.isFinite(Number(a)) && Number.isFinite(Number(b))) return Number(a) === Number(b);
  return a.toUpperCase() === b.toUpperCase();
}

/**
 * Lookups and verifications: authorise against the grant cache, charge limits, read the source, keep
 * only granted items, and append one audit entry per key (allowed or refused) before answering.
 */
export function createCalls(deps: CallDeps) {
  const { clock, audit, resources, grants, limits, monitor } = deps;
  // County-local date for quotas, formatted once per day rather than once per call.
  let dayStart = -1;
  let dayLabel = '';
  const today = (ms: number) => {
    const start = ms - ((ms + 8 * 3_600_000) % 86_400_000);
    if (start !== dayStart) {
      dayStart = start;
      dayLabel = localDate(new Date(ms));
    }
    return dayLabel;
  };

  /** What every entry of one call shares, built once per call. */
  function callHead(ctx: CallContext, action: string, resource: ResourceMeta | undefined, code: string): CallHead {
    return { actor: actorOf(ctx.principal), action, resource: `resource:${resource?.code ?? code}`, requestId: ctx.requestId };
  }

  /** The one way a call's audit entry is built: field by field, no spreads (it runs once per key on the hottest path). */
  function callEntry(head: CallHead, subject: string | null, purpose: string | null, items: readonly string[], outcome: AuditEntryInput['outcome'], details: Record<string, JsonValue>): AuditEntryInput {
    return { actor: head.actor, action: head.action, resource: head.resource, requestId: head.requestId, subject, purpose, items, outcome, details };
  }

  async function refusedCall(ctx: CallContext, action: string, code: string, e: Refused, started: number, extra: Record<string, JsonValue>): Promise<never> {
    const r = e.refusal;
    const { index } = await audit.appendEntry(callEntry(callHead(ctx, action, e.resource, code), e.subject, e.purpose, [],
      { decision: 'refused', reason: refusalMessage(r).slice(0, 2000) },
      { reason: r.reason, grant: e.grant?.id ?? null, provider: e.resource?.providerDepartmentCode ?? null, ...extra }));
    if (e.resource) monitor.record({ grantId: e.grant?.id ?? null, resourceId: e.resource.id, consumer: ctx.principal.departmentId ?? '', provider: e.resource.providerDepartmentId, failed: true, latencyMs: performance.now() - started, at: clock.now().getTime() });
    throw refusalError(r, index);
  }

  /** Everything checked before any data is read: resource, purpose, keys, grant, limits. */
  async function authorise(ctx: CallContext, req: CallRequest, mode: Mode, rawKeys: readonly unknown[], itemsOverride?: readonly string[]) {
    const resource = resources.peek(req.resourceCode) ?? (await resources.get(req.resourceCode));
    if (!resource) throw new Refused(refuse('unknown_resource', { detail: req.resourceCode }));
    if (resource.sharingType === '不予共享') throw new Refused(refuse('not_shared', { detail: resource.basis ?? '', extra: { basis: resource.basis } }), resource);
    if (req.malformed) throw new Refused(refuse('invalid_request', { detail: req.malformed }), resource);
    const source = deps.sourceFor(resource);
    const kind: KeyKind = source ? source.keyKind(resource) : 'record_key';
    // A valid ID number in the first key names the person for the refusal entry too.
    const firstKey = rawKeys.length === 1 ? checkKey(kind, rawKeys[0]) : undefined;
    const subject = firstKey?.ok ? firstKey.subject : null;
    const departmentId = ctx.principal.departmentId;
    if (!departmentId) throw new Refused(refuse('no_department'), resource, undefined, subject);
    if (typeof req.purpose !== 'string' || !req.purpose.trim() || req.purpose.length > 200) {
      throw new Refused(refuse('purpose_missing', { fields: [{ path: '/purpose', message: '必填，至多 200 字 / required, at most 200 characters' }] }), resource, undefined, subject);
    }
    const purpose = normalisePurpose(req.purpose);
    if (rawKeys.length === 0 || rawKeys.length > MAX_BATCH) throw new Refused(refuse(rawKeys.length === 0 ? 'invalid_request' : 'batch_too_large', { detail: `${rawKeys.length}`, fields: [{ path: '/keys', message: `1–${MAX_BATCH}` }] }), resource, undefined, null, purpose);
    const keys: Array<{ key: string; subject: string | null }> = [];
    const bad: Array<{ path: string; message: string }> = [];
    rawKeys.forEach((raw, i) => {
      const c = i === 0 && firstKey ? firstKey : checkKey(kind, raw);
      if (c.ok) keys.push({ key: c.key, subject: c.subject });
      else bad.push({ path: rawKeys.length === 1 ? '/key' : `/keys/${i}`, message: c.message });
    });
    if (bad.length > 0) throw new Refused(refuse('malformed_key', { detail: bad[0]!.message, fields: bad.slice(0, 50) }), resource, undefined, null, purpose);
    let items: readonly string[] | undefined = itemsOverride;
    if (items === undefined && req.items !== undefined && req.items !== null && req.items !== '') {
      const list = typeof req.items === 'string' ? req.items.split(',') : req.items;
      if (!Array.isArray(list) || list.length > 200 || list.some((i) => typeof i !== 'string' || !i.trim() || i.length > 100)) {
        throw new Refused(refuse('invalid_request', { detail: 'items', fields: [{ path: '/items', message: '应为信息项名称列表 / a list of item names' }] }), resource, undefined, subject, purpose);
      }
      items = (list as string[]).map((s) => s.trim());
    }
    if (req.grantId !== undefined && typeof req.grantId !== 'string') throw new Refused(refuse('invalid_request', { detail: 'grant' }), resource, undefined, subject, purpose);
    if (req.hide !== undefined && req.hide !== null) {
      const problem = deps.holds ? deps.holds.check(req.hide, clock.now()) : '不支持隐藏 / hiding is not available';
      if (problem) throw new Refused(refuse('invalid_request', { detail: problem, fields: [{ path: '/hide', message: problem }] }), resource, undefined, subject, purpose);
    }
    const now = clock.now();
    const resolved = grants.resolve({ departmentId, resourceId: resource.id, purpose, mode, items, grantId: req.grantId as string | undefined, now: now.getTime() });
    if ('refusal' in resolved) throw new Refused(resolved.refusal, resource, resolved.grant, subject, purpose);
    const grant = resolved.grant;
    const limit = limits.take(grant, keys.length, now.getTime(), today(now.getTime()));
    if (limit) throw new Refused(limit, resource, grant, subject, purpose);
    if (!source) throw new Refused(refuse('source_unavailable'), resource, grant, subject, purpose);
    return { resource, grant, source, purpose, keys, items: items ?? grant.items, hide: req.hide as HoldRequest | undefined };
  }

  async function finish(ctx: CallContext, started: number, a: Awaited<ReturnType<typeof authorise>>, entries: AuditEntryInput[]) {
    const first = entries.length === 1 ? (await audit.appendEntry(entries[0]!)).index : (await audit.appendEntries(entries)).first;
    if (a.hide && deps.holds) await deps.holds.place(entries.map((e, i) => ({ auditIndex: first + i, subject: e.subject ?? null })), a.hide, ctx.principal, ctx.requestId);
    monitor.record({ grantId: a.grant.id, resourceId: a.resource.id, consumer: a.grant.consumerDepartmentId, provider: a.resource.providerDepartmentId, failed: false, latencyMs: performance.now() - started, at: clock.now().getTime() });
    return first;
  }

  function subjectOf(key: { subject: string | null }, record: SourceRecord | undefined): string | null {
    return key.subject ?? record?.subject ?? null;
  }

  return {
    /** Looks up one key or many (batch); one audit entry per key. */
    async lookup(ctx: CallContext, req: CallRequest & { keys: readonly unknown[] }, action = 'exchange.lookup'): Promise<{ grant: string; results: LookupResult[] }> {
      const started = performance.now();
      let a;
      try {
        a = await authorise(ctx, req, 'lookup', req.keys);
      } catch (e) {
        if (e instanceof Refused) return refusedCall(ctx, action, req.resourceCode, e, started, { key: req.keys.length === 1 && !e.subject ? keyForLog(req.keys[0]) : null, keys: req.keys.length });
        throw e;
      }
      const records = a.keys.length === 1
        ? new Map(await a.source.get(a.resource, a.keys[0]!.key).then((r) => (r ? [[a.keys[0]!.key, r] as const] : [])))
        : await getMany(a.source, a.resource, a.keys.map((k) => k.key));
      const answers = a.keys.map((k) => {
        const record = records.get(k.key);
        let values: Record<string, JsonValue> | null = null;
        if (record) {
          values = {};
          for (const item of a.items) values[item] = jsonValue(record.values[item]);
        }
        return { k, record, values };
      });
      const head = callHead(ctx, action, a.resource, req.resourceCode);
      const items = [...a.items];
      const grant = a.grant.id;
      const provider = a.resource.providerDepartmentCode;
      const entries: AuditEntryInput[] = answers.map(({ k, record, values }): AuditEntryInput => {
        const found = record !== undefined;
        const answer = answerDigest(found, a.items, values);
        const details: Record<string, JsonValue> = k.subject ? { grant, provider, found, answer } : { grant, provider, found, answer, key: k.key };
        return callEntry(head, subjectOf(k, record), a.purpose, items, ALLOWED, details);
      });
      const first = await finish(ctx, started, a, entries);
      return { grant: a.grant.id, results: answers.map(({ k, record, values }, i) => ({ key: k.key, found: record !== undefined, items: values, auditIndex: first + i })) };
    },

    /** 核验: match / no match per item for the values the consumer holds, never the provider's values. */
    async verify(ctx: CallContext, req: CallRequest & { checks: unknown }): Promise<{ grant: string; results: VerifyResult[] }> {
      const started = performance.now();
      const checks = Array.isArray(req.checks) ? (req.checks as unknown[]) : [];
      let a;
      try {
        const shapeOk = Array.isArray(req.checks) && checks.every((c) => typeof c === 'object' && c !== null && !Array.isArray(c) && (c as { values?: unknown }).values !== null
          && (typeof (c as { values?: unknown }).values === 'object' || (c as { values?: unknown }).values === undefined) && !Array.isArray((c as { values?: unknown }).values));
        if (!shapeOk) throw new Refused(refuse('invalid_request', { detail: 'checks', fields: [{ path: '/checks', message: '应为 [{ key, values }] / must be [{ key, values }]' }] }));
        const names = [...new Set(checks.flatMap((c) => Object.keys((c as { values?: object }).values ?? {})))];
        a = await authorise(ctx, req, 'verify', checks.map((c) => (c as { key?: unknown }).key), names);
      } catch (e) {
        if (e instanceof Refused) return refusedCall(ctx, 'exchange.verify', req.resourceCode, e, started, { keys: checks.length });
        throw e;
      }
      const records = await getMany(a.source, a.resource, a.keys.map((k) => k.key));
      const answers = a.keys.map((k, i) => {
        const record = records.get(k.key);
        const given = ((checks[i] as { values?: Record<string, unknown> }).values ?? {});
        const items: Record<string, 'match' | 'no_match'> = {};
        for (const [name, value] of Object.entries(given)) items[name] = record && sameValue(record.values[name], value) ? 'match' : 'no_match';
        return { k, record, items };
      });
      const head = callHead(ctx, 'exchange.verify', a.resource, req.resourceCode);
      const entries: AuditEntryInput[] = answers.map(({ k, record, items }) => callEntry(head, subjectOf(k, record), a.purpose, Object.keys(items), ALLOWED,
        { grant: a.grant.id, provider: a.resource.providerDepartmentCode, found: record !== undefined, results: items, ...(k.subject ? {} : { key: k.key }) }));
      const first = await finish(ctx, started, a, entries);
      return { grant: a.grant.id, results: answers.map(({ k, record, items }, i) => ({ key: k.key, found: record !== undefined, items, auditIndex: first + i })) };
    },
  };
}

export type Calls = ReturnType<typeof createCalls>;

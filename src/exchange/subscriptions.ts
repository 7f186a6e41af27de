import { createHash } from 'node:crypto';
import { canonicalJson, type AuditEntryInput, type JsonValue } from '../audit/index.ts';
import type { Principal } from '../identity/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { conflict, forbidden, invalidInput, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { AuditSink } from './audit-port.ts';
import type { ChangeFeed, RecordChange } from './change-feed.ts';
import type { DepartmentNames } from './directory.ts';
import type { GrantCache } from './grant-cache.ts';
import { checkKey, keyKindOf } from './keys.ts';
import type { Grant, ResourceMeta } from './model.ts';
import { subjectInRecord } from './records-source.ts';
import { natsSubject, type ChangePublisher } from './nats.ts';
import type { ResourceDirectory } from './resources.ts';
import type { ExchangeStore } from './store.ts';
import type { ChangeSubscriptionRow, DeliveryRow } from './tables.ts';
import { backoffMs, DELIVERY_HEADER, MAX_ATTEMPTS, newWebhookSecret, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhooks.ts';

const CURSOR = 'changes';
const PAGE = 500;

export interface Delivery {
  readonly id: string;
  readonly subscriptionId: string;
  readonly seq: number;
  readonly body: string;
}

/**
 * Change subscriptions: a consumer with a live lookup grant subscribes to changes of the granted records.
 * Each change is cut to the granted items, written to the audit log (it discloses data like a lookup),
 * stored as a delivery, then POSTed as a signed webhook (retried with backoff), streamed to connected
 * SSE clients and, when NATS is configured, published to JetStream.
 */
export function createChangeSubscriptions(deps: { store: ExchangeStore; clock: Clock; audit: AuditSink; grants: GrantCache; resources: ResourceDirectory; departments: DepartmentNames; publisher?: ChangePublisher | undefined; fetch?: typeof fetch }) {
  const { store, clock, audit, grants, resources, departments } = deps;
  const doFetch = deps.fetch ?? fetch;
  let feed: ChangeFeed | undefined;
  let unlisten: (() => void) | undefined;
  const listeners = new Map<string, Set<(d: Delivery) => void>>();
  let running: Promise<number> | undefined;
  let again = false;
  let sending: Promise<number> | undefined;

  const live = (g: Grant | undefined, now: number): g is Grant => !!g && g.status === 'active' && g.validFrom <= now && now < g.validUntil;

  function subjectOf(change: RecordChange, resource: ResourceMeta): string | null {
    if (keyKindOf(resource) === 'id_number') return checkKey('id_number', change.key).ok ? change.key : null;
    return change.values ? subjectInRecord(resource, change.values) : null;
  }

  /** Reads the feed from the cursor and turns each change into deliveries for matching subscriptions. */
  async function dispatchOnce(): Promise<number> {
    if (!feed) return 0;
    const saved = await store.cursor(CURSOR);
    // First pass: start at the oldest subscription's start (each subscription starts where the feed was when it was made).
    const starts = saved === undefined ? (await store.activeSubscriptions()).map((s) => Number(s.start_seq)) : [];
    let cursor: number = saved ?? (starts.length ? Math.min(...starts) : await feed.latestSeq());
    if (saved === undefined) await store.setCursor(CURSOR, cursor);
    let delivered = 0;
    for (;;) {
      const subs = (await store.activeSubscriptions()).map((s) => ({ s, g: grants.get(s.grant_id) }));
      const codes = [...new Set(subs.map((x) => x.g?.resourceCode).filter((c): c is string => !!c))];
      const changes: RecordChange[] = codes.length ? await feed.changesSince(cursor, PAGE, codes) : [];
      // The cursor only moves past changes it has read, so a change landing mid-pass is never skipped.
      if (changes.length === 0) return delivered;
      const now = clock.now();
      const entries: AuditEntryInput[] = [];
      const pending: Array<{ s: ChangeSubscriptionRow; g: Grant; change: RecordChange; values: Record<string, JsonValue> | null }> = [];
      for (const change of changes) {
        const resource = resources.peek(change.resourceCode);
        if (!resource) continue;
        for (const { s, g } of subs) {
          if (g?.resourceCode !== change.resourceCode || change.seq <= Number(s.start_seq) || !live(g, now.getTime())) continue;
          let values: Record<string, JsonValue> | null = null;
          if (change.values) {
            values = {};
            for (const item of g.items) values[item] = (change.values[item] ?? null) as JsonValue;
          }
          const consumer = (await departments.ref(s.consumer_department_id)).code;
          entries.push({
            actor: { kind: 'system', id: `subscription:${s.id}`, department: consumer },
            action: 'exchange.change', resource: `resource:${change.resourceCode}`, subject: subjectOf(change, resource),
            purpose: g.purposes[0] ?? null, items: [...g.items], outcome: { decision: 'allowed', reason: null },
            details: { grant: g.id, provider: resource.providerDepartmentCode, subscription: s.id, changeSeq: change.seq, op: change.op, answer: createHash('sha256').update(canonicalJson({ op: change.op, items: values })).digest('hex'), ...(keyKindOf(resource) === 'id_number' ? {} : { key: change.key }) },
          });
          pending.push({ s, g, change, values });
        }
      }
      const first = entries.length ? (await audit.appendEntries(entries)).first : 0;
      const rows: DeliveryRow[] = pending.map(({ s, g, change, values }, i) => ({
        id: newId(), subscription_id: s.id, change_seq: change.seq,
        body: JSON.stringify({ subscription: s.id, grant: g.id, resource: change.resourceCode, key: change.key, op: change.op, seq: change.seq, changedAt: change.at, items: values, auditIndex: first + i }),
        status: s.kind === 'webhook' ? 'pending' : 'stream', attempts: 0, next_attempt_at: now.toISOString(), last_error: null, created_at: now.toISOString(), delivered_at: null,
      }));
      await store.insertDeliveries(rows);
      cursor = changes[changes.length - 1]!.seq;
      await store.setCursor(CURSOR, cursor);
      delivered += rows.length;
      for (const [i, row] of rows.entries()) {
        const d: Delivery = { id: row.id, subscriptionId: row.subscription_id, seq: row.change_seq, body: row.body };
        for (const l of listeners.get(row.subscription_id) ?? []) l(d);
        const s = pending[i]!.s;
        if (deps.publisher) await deps.publisher.publish(natsSubject((await departments.ref(s.consumer_department_id)).code, s.id), row.body, row.id).catch(() => undefined);
      }
    }
  }

  async function sendOne(row: DeliveryRow, sub: ChangeSubscriptionRow | undefined): Promise<boolean> {
    const now = clock.now();
    if (!sub || sub.status !== 'active' || !sub.url) {
      await store.updateDelivery(row.id, { status: 'failed', last_error: 'subscription disabled' });
      return false;
    }
    const timestamp = Math.floor(now.getTime() / 1000);
    let error: string | null = null;
    try {
      const res = await doFetch(sub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [DELIVERY_HEADER]: row.id, [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signWebhook(sub.secret, timestamp, row.body) },
        body: row.body,
        signal: AbortSignal.timeout(10_000),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (e) {
      error = (e as Error).message.slice(0, 500);
    }
    const attempts = row.attempts + 1;
    if (!error) await store.updateDelivery(row.id, { status: 'delivered', attempts, delivered_at: now.toISOString(), last_error: null });
    else await store.updateDelivery(row.id, { status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', attempts, last_error: error, next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString() });
    return !error;
  }

  function toView(s: ChangeSubscriptionRow) {
    return { id: s.id, grantId: s.grant_id, kind: s.kind, url: s.url, status: s.status, startSeq: Number(s.start_seq), createdAt: s.created_at, disabledAt: s.disabled_at };
  }

  async function own(p: Principal, id: string): Promise<ChangeSubscriptionRow> {
    const s = await store.subscriptionById(id);
    if (!s || (s.consumer_department_id !== p.departmentId && !p.roles.includes('platform_admin'))) throw notFound('订阅不存在 / subscription not found');
    return s;
  }

  return {
    /** Plugs in the record change feed (ingest's change log); dispatching runs from `listen()` or `runOnce()`. */
    attachFeed(next: ChangeFeed) {
      unlisten?.();
      unlisten = undefined;
      feed = next;
    },
    hasFeed: () => feed !== undefined,

    /** Wakes the dispatcher whenever the feed signals new changes (the server does this; the CLI does not). */
    listen(onWake: () => void) {
      unlisten?.();
      unlisten = feed?.onChanges(onWake);
    },

    async create(p: Principal, input: { grant: string; kind: 'webhook' | 'stream'; url?: string | undefined }) {
      const g = grants.get(input.grant);
      if (!g || (g.consumerDepartmentId !== p.departmentId)) throw notFound('授权不存在 / grant not found');
      if (!live(g, clock.now().getTime())) throw conflict('授权已失效 / the grant is not in force');
      if (g.mode !== 'lookup') throw forbidden('仅核验授权不能订阅变更 / a verification-only grant cannot receive changes');
      if (!feed) throw conflict('数据变更源尚未接入 / no change feed is connected yet');
      if (input.kind === 'webhook') {
        let ok = false;
        try {
          const u = new URL(input.url ?? '');
          ok = u.protocol === 'https:' || u.protocol === 'http:';
        } catch { /* reported below */ }
        if (!ok) throw invalidInput('回调地址须为 http(s) URL / the webhook URL must be http(s)', [{ path: '/url', message: 'http(s) URL' }]);
      }
      const row: ChangeSubscriptionRow = {
        id: newId(), grant_id: g.id, consumer_department_id: g.consumerDepartmentId, kind: input.kind, url: input.kind === 'webhook' ? input.url! : null,
        secret: newWebhookSecret(), start_seq: await feed.latestSeq(), status: 'active', created_by: p.id, created_at: clock.now().toISOString(), disabled_at: null,
      };
      await store.insertSubscription(row);
      const consumer = (await departments.ref(g.consumerDepartmentId)).code;
      const { index } = await audit.appendEntry({
        actor: { kind: p.kind === 'system' ? 'api_key' : 'user', id: p.id, department: consumer }, action: 'exchange.subscribe_changes', resource: `resource:${g.resourceCode}`,
        purpose: g.purposes[0] ?? null, items: [...g.items], outcome: { decision: 'allowed', reason: null }, details: { grant: g.id, subscription: row.id, kind: row.kind, url: row.url },
      });
      // The secret is shown this once; deliveries are signed with it.
      return { ...toView(row), secret: row.secret, auditIndex: index };
    },

    list: async (p: Principal) => (await store.listSubscriptions(p.roles.includes('platform_admin') ? undefined : p.departmentId ?? '-')).map(toView),

    async disable(p: Principal, id: string) {
      const s = await own(p, id);
      await store.disableSubscription(s.id, clock.now().toISOString());
      return { ...toView(s), status: 'disabled' };
    },

    async deliveries(p: Principal, id: string) {
      const s = await own(p, id);
      return (await store.recentDeliveries(s.id, 100)).map((d) => ({ id: d.id, seq: Number(d.change_seq), status: d.status, attempts: d.attempts, nextAttemptAt: d.next_attempt_at, lastError: d.last_error, deliveredAt: d.delivered_at }));
    },

    /** Deliveries after a change sequence (SSE catch-up), and a listener for new ones. */
    async stream(p: Principal, id: string, afterSeq: number, onDelivery: (d: Delivery) => void): Promise<{ backlog: Delivery[]; stop: () => void }> {
      const s = await own(p, id);
      if (s.status !== 'active') throw conflict('订阅已停用 / subscription disabled');
      let set = listeners.get(s.id);
      if (!set) listeners.set(s.id, (set = new Set()));
      set.add(onDelivery);
      const backlog = (await store.deliveriesAfter(s.id, afterSeq, 1000)).map((d) => ({ id: d.id, subscriptionId: d.subscription_id, seq: Number(d.change_seq), body: d.body }));
      return { backlog, stop: () => set!.delete(onDelivery) };
    },

    /** Dispatches everything new in the feed; concurrent calls coalesce into one more pass. */
    runOnce(): Promise<number> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let total = 0;
        do {
          again = false;
          total += await dispatchOnce();
        } while (again);
        return total;
      })().finally(() => {
        running = undefined;
      });
      return running;
    },

    /** Sends webhook deliveries that are due (first attempts and retries); returns how many succeeded. */
    sendDue(): Promise<number> {
      sending ??= (async () => {
        let ok = 0;
        const due = await store.dueDeliveries(clock.now().toISOString(), 100);
        const subs = new Map<string, ChangeSubscriptionRow | undefined>();
        for (const row of due) {
          if (!subs.has(row.subscription_id)) subs.set(row.subscription_id, await store.subscriptionById(row.subscription_id));
          if (await sendOne(row, subs.get(row.subscription_id))) ok++;
        }
        return ok;
      })().finally(() => {
        sending = undefined;
      });
      return sending;
    },

    async close() {
      unlisten?.();
      unlisten = undefined;
      await deps.publisher?.close();
    },
  };
}

export type ChangeSubscriptions = ReturnType<typeof createChangeSubscriptions>;

/**
 * What the registries need from aggregation (ingest), as small interfaces: the change log to
 * follow and a way to raise an objection (数据异议) on a record's item. The ingest service
 * satisfies ChangeFeed as it is; `ingestObjections` adapts its objections service.
 *
 * @example
 * const registry = createRegistryService({ …, feed: services.ingest, objections: ingestObjections(services.ingest) });
 */
import type { Principal } from '../identity/principal.ts';

export interface FeedChange {
  readonly seq: number;
  readonly resourceCode: string;
  readonly key: string;
  readonly op: 'insert' | 'update' | 'delete';
  readonly version: number;
  /** The record as of this change (a delete carries its last data, or null). */
  readonly data: Readonly<Record<string, string>> | null;
  readonly batchId: string;
  readonly at: string;
}

export interface FeedRecord {
  readonly version: number;
  readonly deleted: boolean;
  readonly data: Readonly<Record<string, string>>;
  readonly batchId: string | null;
  readonly updatedAt: string;
}

export interface ChangeFeed {
  changesSince(seq: number, limit?: number): Promise<readonly FeedChange[]>;
  latestChangeSeq(): Promise<number>;
  /** Called after each committed batch; returns an unsubscribe function. */
  onChanges?(listener: () => void | Promise<void>): () => void;
  /** The record as the department holds it now (every item, for the person-360 view). */
  getRecord?(resourceCode: string, key: string): Promise<FeedRecord | undefined>;
}

export interface ObjectionInput {
  readonly resourceCode: string;
  readonly key: string;
  readonly item: string;
  readonly reason: string;
}

export interface ObjectionSink {
  raise(input: ObjectionInput): Promise<{ readonly id: string }>;
}

/**
 * The registries act as the platform (数据主管部门) when they raise objections: they compare every
 * department's data, so they may read it, and they belong to no provider department.
 */
export const REGISTRY_ACTOR: Principal = {
  kind: 'system', id: 'registry', name: '基础库比对 / base registries', departmentId: null, departmentCode: null, roles: ['platform_admin'],
};

export function ingestObjections(ingest: { objections: { raise(input: ObjectionInput, actor: Principal): Promise<{ id: string }> } }): ObjectionSink {
  return { raise: (input) => ingest.objections.raise(input, REGISTRY_ACTOR) };
}

/**
 * An in-memory change log, for tests and for running the registries over records read from files.
 *
 * @example
 * const feed = memoryFeed();
 * feed.push([{ resourceCode: 'gaj-hukou', key: '1', data: { 姓名: '王明' } }]);
 */
export function memoryFeed() {
  const log: FeedChange[] = [];
  const current = new Map<string, FeedChange>();
  const listeners = new Set<() => void | Promise<void>>();
  return {
    async changesSince(seq: number, limit = 1000): Promise<FeedChange[]> {
      const out: FeedChange[] = [];
      for (let i = seq; i < log.length && out.length < limit; i++) out.push(log[i]!);
      return out;
    },
    latestChangeSeq: async () => log.length,
    onChanges(listener: () => void | Promise<void>) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async getRecord(resourceCode: string, key: string): Promise<FeedRecord | undefined> {
      const c = current.get(`${resourceCode}\u0001${key}`);
      return c ? { version: c.version, deleted: c.op === 'delete', data: c.data ?? {}, batchId: c.batchId, updatedAt: c.at } : undefined;
    },
    /** Appends one batch; unchanged records are skipped, as ingest does. */
    async push(records: ReadonlyArray<{ resourceCode: string; key: string; data: Record<string, string> | null }>, batch: { id: string; at: string } = { id: `b${log.length}`, at: new Date().toISOString() }) {
      for (const r of records) {
        const id = `${r.resourceCode}\u0001${r.key}`;
        const prev = current.get(id);
        if (r.data === null && (!prev || prev.op === 'delete')) continue;
        if (r.data !== null && prev && prev.op !== 'delete' && JSON.stringify(prev.data) === JSON.stringify(r.data)) continue;
        const op = r.data === null ? 'delete' : prev && prev.op !== 'delete' ? 'update' : 'insert';
        const change: FeedChange = { seq: log.length + 1, resourceCode: r.resourceCode, key: r.key, op, version: (prev?.version ?? 0) + 1, data: r.data ?? prev?.data ?? null, batchId: batch.id, at: batch.at };
        log.push(change);
        current.set(id, change);
      }
      for (const l of listeners) await l();
    },
  };
}

import { decodeRecord } from './record-data.ts';
import type { IngestStore } from './store.ts';

/**
 * The aggregated records as later modules (base registries, exchange) read them: one record by key,
 * records by an item's value, a record's versions, and the change log with its sequence numbers.
 * Resources are named by catalog code; data comes back as `{ itemName: normalisedValue }`.
 *
 * @example
 * const rec = await records.getRecord('101001/000001', '11010519491231002X');
 * for (const c of await records.changesSince(lastSeq, 1000)) handle(c.op, c.resourceCode, c.key, c.data);
 */
export interface IngestRecord {
  readonly resourceCode: string;
  readonly key: string;
  readonly version: number;
  readonly deleted: boolean;
  readonly data: Record<string, string>;
  readonly batchId: string | null;
  readonly updatedAt: string;
}

export interface ChangeEntry {
  readonly seq: number;
  readonly resourceCode: string;
  readonly key: string;
  readonly op: 'insert' | 'update' | 'delete';
  readonly version: number;
  /** The record as of this change (for a delete, its last data). */
  readonly data: Record<string, string> | null;
  readonly batchId: string;
  readonly at: string;
}

export function createRecords(store: IngestStore) {
  let codes: Map<number, string> | undefined;
  let rids: Map<string, number> | undefined;
  const layouts = new Map<number, readonly string[]>();

  /** Stored data as `{ item: value }`; layouts never change once written, so they are cached. */
  async function parse(text: string | null | undefined, layout: number | null | undefined): Promise<Record<string, string>> {
    if (!text) return {};
    if (layout === null || layout === undefined) return decodeRecord(text, null);
    let items = layouts.get(layout);
    if (!items) {
      const row = await store.layout(layout);
      if (!row) throw new Error(`unknown record layout ${layout}`);
      layouts.set(layout, (items = JSON.parse(row.items) as string[]));
    }
    return decodeRecord(text, items);
  }

  async function refresh() {
    const all = await store.allResources();
    codes = new Map(all.map((r) => [r.rid, r.resource_code]));
    rids = new Map(all.map((r) => [r.resource_code, r.rid]));
  }
  async function ridOf(code: string): Promise<number | undefined> {
    if (!rids?.has(code)) await refresh();
    return rids!.get(code);
  }
  async function codeOf(rid: number): Promise<string> {
    if (!codes?.has(rid)) await refresh();
    return codes!.get(rid) ?? String(rid);
  }
  // A version's batch and time are its batch's; batches do not change once applied.
  const batches = new Map<number, { id: string | null; at: string }>();
  async function batchOf(no: number): Promise<{ id: string | null; at: string }> {
    let found = batches.get(no);
    if (!found) {
      const row = await store.batchByNo(no);
      found = { id: row?.id ?? null, at: row?.started_at ?? '' };
      if (row) batches.set(no, found);
    }
    return found;
  }

  return {
    ridOf,

    /** The current version of a record (deleted ones too, flagged), or undefined. */
    async getRecord(resourceCode: string, key: string): Promise<IngestRecord | undefined> {
      const rid = await ridOf(resourceCode);
      if (rid === undefined) return undefined;
      const row = await store.record(rid, key);
      if (!row) return undefined;
      const batch = await batchOf(Number(row.batch_no));
      return { resourceCode, key, version: row.version, deleted: row.deleted === 1, data: await parse(row.data, row.layout), batchId: batch.id, updatedAt: batch.at };
    },

    /** Live records whose item equals the value (exact match on the normalised value). */
    async findRecords(resourceCode: string, itemName: string, value: string, limit = 1000): Promise<IngestRecord[]> {
      const rid = await ridOf(resourceCode);
      if (rid === undefined || value === '') return [];
      // The value as it appears in the stored JSON text narrows the scan before parsing.
      const rows = await store.recordsContaining(rid, JSON.stringify(value), limit * 4);
      const out: IngestRecord[] = [];
      for (const row of rows) {
        const data = await parse(row.data, row.layout);
        if (data[itemName] !== value) continue;
        out.push({ resourceCode, key: row.record_key, version: row.version, deleted: false, data, batchId: null, updatedAt: (await batchOf(Number(row.batch_no))).at });
        if (out.length >= limit) break;
      }
      return out;
    },

    /** Every version of a record, oldest first, the current one last. */
    async recordHistory(resourceCode: string, key: string): Promise<IngestRecord[]> {
      const rid = await ridOf(resourceCode);
      if (rid === undefined) return [];
      const current = await store.record(rid, key);
      if (!current) return [];
      const older = await store.versions(rid, key);
      const rows = [...older.map((v) => ({ ...v })), { ...current }];
      return Promise.all(rows.map(async (r) => {
        const batch = await batchOf(Number(r.batch_no));
        return { resourceCode, key, version: r.version, deleted: r.deleted === 1, data: await parse(r.data, r.layout), batchId: batch.id, updatedAt: batch.at };
      }));
    },

    /** Changes after `seq`, oldest first; pass the last seq you saw to continue. */
    async changesSince(seq: number, limit = 1000, resourceCodes?: readonly string[]): Promise<ChangeEntry[]> {
      let ridFilter: number[] | undefined;
      if (resourceCodes) {
        ridFilter = [];
        for (const code of resourceCodes) {
          const rid = await ridOf(code);
          if (rid !== undefined) ridFilter.push(rid);
        }
      }
      const rows = await store.changesSince(seq, Math.min(Math.max(limit, 1), 100_000), ridFilter);
      const out: ChangeEntry[] = [];
      for (const r of rows) {
        out.push({
          seq: Number(r.seq), resourceCode: await codeOf(r.rid), key: r.record_key, op: r.op as ChangeEntry['op'], version: r.version,
          data: r.data ? await parse(r.data as string, r.layout as number | null) : null, batchId: r.batch_id, at: r.at,
        });
      }
      return out;
    },

    latestChangeSeq: () => store.latestSeq(),
  };
}

export type Records = ReturnType<typeof createRecords>;

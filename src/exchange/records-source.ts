import type { ChangeFeed, RecordChange } from './change-feed.ts';
import { ID_NUMBER_ELEMENT, checkKey, keyKindOf } from './keys.ts';
import type { ResourceMeta } from './model.ts';
import type { LookupSource } from './sources.ts';

/** What the exchange reads from the ingest module's records (its `getRecord`, `changesSince`, …). */
export interface RecordReader {
  getRecord(resourceCode: string, key: string): Promise<{ readonly deleted: boolean; readonly data: Readonly<Record<string, string>> } | undefined>;
}

export interface ChangeReader {
  changesSince(seq: number, limit: number, resourceCodes?: readonly string[]): Promise<ReadonlyArray<{ seq: number; resourceCode: string; key: string; op: string; data: Readonly<Record<string, string>> | null; at: string }>>;
  latestChangeSeq(): Promise<number>;
  onChanges?(listener: () => void): () => void;
}

/** The person a record is about: the value of its item bound to 公民身份号码, when valid. */
export function subjectInRecord(resource: ResourceMeta, values: Readonly<Record<string, unknown>>): string | null {
  for (const [item, element] of resource.elements) {
    const v = values[item];
    if (element === ID_NUMBER_ELEMENT && typeof v === 'string' && checkKey('id_number', v).ok) return v;
  }
  return null;
}

/**
 * The aggregated department records (ingest) as the default lookup source. Deleted records are not found.
 *
 * @example
 * exchange.sources.register(recordsSource(ingest)); // name 'records', the default for unbound resources
 */
export function recordsSource(records: RecordReader): LookupSource {
  return {
    name: 'records',
    label: '部门汇聚数据 / aggregated department records',
    keyKind: keyKindOf,
    async get(resource, key) {
      const r = await records.getRecord(resource.code, key);
      if (!r || r.deleted) return undefined;
      return { values: r.data, subject: subjectInRecord(resource, r.data) };
    },
  };
}

/** The ingest change log as the exchange's change feed (insert/update → upsert; delete carries no values). */
export function ingestChangeFeed(changes: ChangeReader): ChangeFeed {
  return {
    latestSeq: () => changes.latestChangeSeq(),
    async changesSince(seq, limit, codes) {
      return (await changes.changesSince(seq, limit, codes)).map((c): RecordChange => ({
        seq: c.seq, resourceCode: c.resourceCode, key: c.key, op: c.op === 'delete' ? 'delete' : 'upsert', values: c.op === 'delete' ? null : c.data, at: c.at,
      }));
    },
    // Without a push signal the exchange's one-second poll picks changes up.
    onChanges: (listener) => changes.onChanges?.(listener) ?? (() => undefined),
  };
}

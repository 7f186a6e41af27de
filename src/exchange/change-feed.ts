/**
 * Changes to department records, in order. The ingest module's change log is the real feed; tests and
 * demos use the in-memory one. Sequence numbers only grow.
 *
 * @example
 * const feed = createMemoryChangeFeed();
 * exchange.changes.attachFeed(feed);
 * feed.push({ resourceCode: '301001/000001', key: id, op: 'upsert', values: { 姓名: '张三' } });
 */
export interface RecordChange {
  readonly seq: number;
  readonly resourceCode: string;
  readonly key: string;
  readonly op: 'upsert' | 'delete';
  /** Item name → value after the change; null for a deletion. */
  readonly values: Readonly<Record<string, unknown>> | null;
  readonly at: string;
}

export interface ChangeFeed {
  latestSeq(): Promise<number>;
  changesSince(seq: number, limit: number, resourceCodes?: readonly string[]): Promise<RecordChange[]>;
  /** Calls the listener (without arguments) whenever new changes may be there; returns an unsubscribe. */
  onChanges(listener: () => void): () => void;
}

export function createMemoryChangeFeed(clock: { now(): Date } = { now: () => new Date() }) {
  const changes: RecordChange[] = [];
  const listeners = new Set<() => void>();
  const feed: ChangeFeed & { push(change: Omit<RecordChange, 'seq' | 'at'>): RecordChange } = {
    async latestSeq() {
      return changes.length;
    },
    async changesSince(seq, limit, codes) {
      return changes.filter((c) => c.seq > seq && (!codes || codes.includes(c.resourceCode))).slice(0, limit);
    },
    onChanges(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    push(change) {
      const full: RecordChange = { ...change, seq: changes.length + 1, at: clock.now().toISOString() };
      changes.push(full);
      for (const l of listeners) l();
      return full;
    },
  };
  return feed;
}

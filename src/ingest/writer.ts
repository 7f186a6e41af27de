import type { PreparedChunk } from './prepare.ts';

/**
 * The storage side of a batch, one implementation per engine (sqlite-writer.ts, pg-writer.ts). A
 * batch runs inside one database transaction from its first row to its batch row, so a batch is
 * applied whole or not at all, whatever happens to the process in between.
 */
export interface BatchHeader {
  readonly id: string;
  readonly rid: number;
  readonly departmentId: string | null;
  readonly submittedBy: string;
  readonly submittedByName: string;
  readonly source: string;
  readonly fileName: string | null;
  readonly mode: 'snapshot' | 'incremental';
  readonly correctsBatchNo: number | null;
  /** ISO time stamped on every record version of the batch. */
  readonly at: string;
  /** The resource's item names in the order of the batch's positional record data. */
  readonly items: readonly string[];
}

/**
 * Every accepted row's key hash (key-hash.ts) in hash order, with the row's ordinal among the batch's
 * accepted rows: the order in which a first load writes its key index (see sqlite-writer.ts), and
 * where repeated keys (or, rarely, different keys of one hash) are neighbours.
 */
export interface SortedKeys {
  readonly hashes: Float64Array;
  readonly ordinals: Uint32Array;
}

export interface ApplyCounts {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
  duplicates: number;
  firstSeq: number | null;
  lastSeq: number | null;
}

/** Where the rows of a batch go, inside the batch's transaction. */
export interface BatchSink {
  /** The sink needs the batch's keys sorted at the end (a first load: see sqlite-writer.ts). */
  readonly wantsSortedKeys: boolean;
  write(chunk: PreparedChunk): Promise<void>;
  /** An applied batch of this resource with the same content and mode, if any (read in the transaction). */
  appliedWithHash(hash: string, mode: string): Promise<{ id: string; no: number } | undefined>;
}

/** What the body of a batch reports back once every row has been written. */
export type BodyOutcome =
  | { readonly duplicateOf: { id: string; no: number } }
  | {
    readonly contentHash: string;
    readonly format: string;
    readonly encoding: string | null;
    readonly rowsRead: number;
    readonly accepted: number;
    readonly quarantined: number;
    readonly warnings: number;
    readonly sortedKeys?: SortedKeys | undefined;
  };

/** The batch row's report and the quality row, computed once the counts are known. */
export interface Finalized {
  readonly report: string;
  readonly score: number;
  /** Null for batches that do not count as a delivery (objection corrections): no quality row. */
  readonly metrics: string | null;
}

export interface FinalizeInput {
  readonly counts: ApplyCounts;
  /** Live (not deleted) records of the resource after the batch. */
  readonly liveRecords: number;
}

export type ApplyResult =
  | { readonly kind: 'applied'; readonly batchNo: number; readonly counts: ApplyCounts }
  | { readonly kind: 'duplicate'; readonly duplicateOf: { id: string; no: number } };

export interface RecordWriter {
  applyBatch(
    header: BatchHeader,
    body: (sink: BatchSink) => Promise<BodyOutcome>,
    finalize: (input: FinalizeInput) => Finalized,
  ): Promise<ApplyResult>;
}

export const emptyCounts = (): ApplyCounts => ({ inserted: 0, updated: 0, deleted: 0, unchanged: 0, duplicates: 0, firstSeq: null, lastSeq: null });

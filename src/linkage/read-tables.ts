/**
 * Reading the input files into the store on several threads. Dictionaries are per column (or per
 * group of columns that share one, such as given and family name), so the columns are split into
 * groups of about equal encoding cost: this thread encodes one group and keeps the record ids,
 * each helper thread parses the same files and encodes another group, then hands its id columns
 * and dictionaries over as transferable typed arrays (see `RecordStore.adoptColumns`).
 *
 * Parsing is repeated on every thread — cheaper than shipping rows between threads — so threads
 * pay off only on large files; small inputs are read on this thread alone.
 *
 * @example
 * const reads = await readTables(store, ['left.csv', 'right.csv'], { delimiter: ',', idColumn: 'id' });
 * reads[0].rows // records of left.csv; store.size = reads[0].rows + reads[1].rows
 */
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { dictionaryGroups, type RecordStore } from './encode/store.ts';
import { readHeader, readTableInto, type TableReadOptions, type TableReadResult } from './table-io.ts';
import { startReadWorker } from './read-worker-start.ts';
import type { FieldKind, FieldSpec } from './kinds.ts';

export interface ReadTablesOptions extends Pick<TableReadOptions, 'delimiter' | 'idColumn' | 'onProgress'> {
  /** Threads to encode on (default: the machine's cores, at most 4); 1 reads on this thread only. */
  readonly threads?: number;
  /** Inputs smaller than this (bytes, all files together) are read on this thread alone. */
  readonly minBytesPerThread?: number;
}

/** Measured encoding cost per record and column, in µs (one million Chinese person records). */
const COST: Readonly<Record<FieldKind, number>> = {
  full_name: 5, given_name: 2.5, family_name: 2.5, address: 5, address_line: 1.5, locality: 0.5, other: 1,
  id_number: 2.4, credit_code: 1.5, other_id: 0.8, phone: 1.2, birth_date: 0.4, street_number: 0.3, postcode: 0.3,
  sex: 0.1, region: 0.1, ethnicity: 0.1,
};
/** Parsing a row, paid by every thread. */
const PARSE_COST = 2;

export async function readTables(store: RecordStore, paths: readonly string[], options: ReadTablesOptions): Promise<TableReadResult[]> {
  for (const path of paths) readHeader(path, options.delimiter, store.fields, options.idColumn);
  const bytes = paths.reduce((sum, p) => sum + statSync(p).size, 0);
  const wanted = options.threads ?? Math.min(4, availableParallelism());
  const threads = Math.max(1, Math.min(wanted, Math.floor(bytes / (options.minBytesPerThread ?? 8 << 20))));
  const [own, ...others] = splitColumns(store.fields, threads);
  const helpers = others.map((group) =>
    startReadWorker({ paths, delimiter: options.delimiter, idColumn: options.idColumn, fields: group, chinese: store.chinese !== undefined }),
  );
  try {
    const columns = new Set(own!.map((f) => f.column));
    const reads = paths.map((path) => readTableInto(store, path, { ...options, columns }));
    for (const helper of helpers) {
      const result = await helper.done;
      result.rows.forEach((rows, f) => {
        if (rows !== reads[f]!.rows) throw new Error(`helper thread read ${rows} rows of ${paths[f]}, this thread ${reads[f]!.rows}`);
      });
      store.adoptColumns(result.encoded);
    }
    return reads;
  } finally {
    for (const helper of helpers) void helper.stop();
  }
}

/**
 * Dictionary groups spread over `threads` bins of about equal cost (largest first, each to the
 * lightest bin). The first bin — this thread, which also keeps the record ids and adopts the
 * others' columns — is the lightest.
 */
export function splitColumns(fields: readonly FieldSpec[], threads: number): FieldSpec[][] {
  const groups = dictionaryGroups(fields)
    .map((g) => ({ fields: g, cost: g.reduce((c, f) => c + COST[f.kind], 0) }))
    .sort((a, b) => b.cost - a.cost);
  const bins = Array.from({ length: Math.max(1, Math.min(threads, groups.length)) }, () => ({ fields: [] as FieldSpec[], cost: PARSE_COST }));
  for (const g of groups) {
    const lightest = bins.reduce((best, b) => (b.cost < best.cost ? b : best));
    lightest.fields.push(...g.fields);
    lightest.cost += g.cost;
  }
  bins.sort((a, b) => a.cost - b.cost);
  // Keep the declared order inside each bin (it does not matter for encoding, but reads better in logs).
  return bins.map((b) => fields.filter((f) => b.fields.includes(f)));
}

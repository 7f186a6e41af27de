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
  /**
   * Threads to encode on (at most one per dictionary group); 1 reads on this thread only. Default:
   * the machine's cores, at most 4, and one per 8 MB of input, so that small files stay on this thread.
   */
  readonly threads?: number;
  /** Told which columns each thread encoded, and when each helper thread was done (ms after it started). */
  readonly onThreads?: (report: readonly { readonly columns: readonly string[]; readonly ms?: number }[]) => void;
}

/**
 * Encoding cost per record and column in µs, measured on one million Chinese person records with
 * the byte-level reader.
 */
const COST: Readonly<Record<FieldKind, number>> = {
  full_name: 4.6, given_name: 2.3, family_name: 2.3, address: 4.2, address_line: 1.5, locality: 0.5, other: 1,
  id_number: 2.3, credit_code: 1.5, other_id: 0.8, phone: 0.8, birth_date: 0.5, street_number: 0.3, postcode: 0.3,
  sex: 0.2, region: 0.2, ethnicity: 0.2,
};
/** Reading a row (paid by every thread) and, on this thread only, keeping ids and adopting the others' columns. */
const PARSE_COST = 1;
const OWN_EXTRA_COST = 3;

export async function readTables(store: RecordStore, paths: readonly string[], options: ReadTablesOptions): Promise<TableReadResult[]> {
  for (const path of paths) readHeader(path, options.delimiter, store.fields, options.idColumn);
  const bytes = paths.reduce((sum, p) => sum + statSync(p).size, 0);
  const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism(), Math.floor(bytes / (8 << 20))));
  const [own, ...others] = splitColumns(store.fields, threads);
  const helpers = others.map((group) =>
    startReadWorker({ paths, delimiter: options.delimiter, idColumn: options.idColumn, fields: group, chinese: store.chinese !== undefined }),
  );
  try {
    const columns = new Set(own!.map((f) => f.column));
    const reads = paths.map((path) => readTableInto(store, path, { ...options, columns }));
    const report: { columns: string[]; ms?: number }[] = [{ columns: [...columns] }];
    for (const [h, helper] of helpers.entries()) {
      const result = await helper.done;
      report.push({ columns: others[h]!.map((f) => f.column), ms: result.elapsedMs });
      result.rows.forEach((rows, f) => {
        if (rows !== reads[f]!.rows) throw new Error(`helper thread read ${rows} rows of ${paths[f]}, this thread ${reads[f]!.rows}`);
      });
      store.adoptColumns(result.encoded);
    }
    options.onThreads?.(report);
    return reads;
  } finally {
    for (const helper of helpers) void helper.stop();
  }
}

/**
 * Dictionary groups spread over `threads` bins of about equal cost (largest first, each to the
 * lightest bin). The first bin is this thread's, which also keeps the record ids and adopts the
 * others' columns. A bin left empty is dropped.
 */
export function splitColumns(fields: readonly FieldSpec[], threads: number): FieldSpec[][] {
  const groups = dictionaryGroups(fields)
    .map((g) => ({ fields: g, cost: g.reduce((c, f) => c + COST[f.kind], 0) }))
    .sort((a, b) => b.cost - a.cost);
  const bins = Array.from({ length: Math.max(1, Math.min(threads, groups.length)) }, (_, k) => ({ fields: [] as FieldSpec[], cost: PARSE_COST + (k === 0 ? OWN_EXTRA_COST : 0) }));
  for (const g of groups) {
    const lightest = bins.reduce((best, b) => (b.cost < best.cost ? b : best));
    lightest.fields.push(...g.fields);
    lightest.cost += g.cost;
  }
  // Keep the declared order inside each bin (it does not matter for encoding, but reads better in logs).
  return bins.filter((b, k) => k === 0 || b.fields.length > 0).map((b) => fields.filter((f) => b.fields.includes(f)));
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Manifest, ManifestFile } from './manifest.ts';
import type { NoiseKind } from './noise-kinds.ts';
import { readDemoFile, type DemoTable } from './read-file.ts';

/**
 * Loads a generated county back for tests and benchmarks: the manifest, the truth tables
 * keyed by id, and each department file with its truth records, row by row.
 *
 * @example
 * const g = await loadGenerated('/tmp/c');
 * const { table, records } = g.files.get('gaj-hukou')!;
 * records[0]?.entity_id; // 'P0000001'
 * g.persons.get(records[0]!.entity_id)?.id_number;
 */
export type TruthRow = Record<string, string>;

export interface TruthRecord {
  readonly row: number;
  readonly entity_id: string;
  readonly person_id: string;
  /** `kind@列名` or a bare row-level kind, in the order applied. */
  readonly noise: readonly { readonly kind: string; readonly column?: string }[];
  readonly invalid: boolean;
  readonly reason: string;
  /** Row number this row duplicates; 0 for an original row. */
  readonly dup_of: number;
  /** True values of the cells noise changed, by header. */
  readonly true_values: Readonly<Record<string, string | number>>;
}

export interface LoadedFile {
  readonly manifest: ManifestFile;
  readonly table: DemoTable;
  readonly records: readonly TruthRecord[];
}

export interface Generated {
  readonly out: string;
  readonly manifest: Manifest;
  readonly persons: ReadonlyMap<string, TruthRow>;
  readonly houses: ReadonlyMap<string, TruthRow>;
  readonly businesses: ReadonlyMap<string, TruthRow>;
  readonly villages: ReadonlyMap<string, TruthRow>;
  readonly files: ReadonlyMap<string, LoadedFile>;
}

async function csvTable(path: string): Promise<TruthRow[]> {
  return parse(await readFile(path, 'utf8'), { columns: true }) as TruthRow[];
}

async function keyed(path: string, key: string): Promise<Map<string, TruthRow>> {
  return new Map((await csvTable(path)).map((r) => [r[key] as string, r]));
}

export async function loadGenerated(out: string): Promise<Generated> {
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;
  const files = new Map<string, LoadedFile>();
  for (const f of manifest.files) {
    const table = await readDemoFile(out, f);
    const records = (await csvTable(join(out, f.records))).map((r): TruthRecord => ({
      row: Number(r.row),
      entity_id: r.entity_id ?? '',
      person_id: r.person_id ?? '',
      noise: (r.noise ?? '').split(';').filter(Boolean).map((m) => {
        const [kind, column] = m.split('@') as [string, string | undefined];
        return column === undefined ? { kind } : { kind, column };
      }),
      invalid: r.invalid === '1',
      reason: r.reason ?? '',
      dup_of: Number(r.dup_of || 0),
      true_values: r.true_values ? (JSON.parse(r.true_values) as Record<string, string | number>) : {},
    }));
    files.set(f.key, { manifest: f, table, records });
  }
  return {
    out,
    manifest,
    persons: await keyed(join(out, manifest.truth.persons.path), 'person_id'),
    houses: await keyed(join(out, manifest.truth.houses.path), 'house_id'),
    businesses: await keyed(join(out, manifest.truth.businesses.path), 'business_id'),
    villages: await keyed(join(out, manifest.truth.villages.path), 'village_code'),
    files,
  };
}

/** Base rates for test counties: noisier than the defaults, so every kind shows up in 3,000 persons. */
export const TEST_NOISE: Partial<Record<NoiseKind, number>> = {
  name_homophone: 0.03, name_lookalike: 0.03, name_traditional: 0.03, name_space: 0.03, id_digit_typo: 0.03, id_transpose: 0.03,
  id_missing: 0.03, id_legacy15: 0.03, id_lowercase_x: 0.3, id_fullwidth: 0.03, id_excel_number: 0.05, phone_format: 0.05,
  phone_fullwidth: 0.03, phone_conflict: 0.05, addr_abbrev: 0.05, addr_missing_level: 0.05, addr_old_name: 0.15, addr_conflict: 0.04,
  date_text: 0.1, uscc_typo: 0.05, stale_dead: 0.3, stale_moved: 0.3, duplicate_row: 0.03, blank_cell: 0.04, garbage_cell: 0.04,
};

import { DATE_STYLE_EXAMPLES, type DateStyle } from './dates.ts';
import type { FileSpec } from './departments/types.ts';
import type { FileResult, NoiseStat } from './emit.ts';
import type { NoiseKind, NoiseRates } from './noise-kinds.ts';
import type { World } from './world.ts';

/**
 * OUT/manifest.json: what was generated and how to read each department file. Ingest and
 * tests read files through this (path, encoding, sheet, header row, column meanings)
 * rather than hard-coding layouts. Holds no timestamps, so equal seeds give equal bytes.
 *
 * @example
 * const m = JSON.parse(readFileSync('/tmp/c/manifest.json', 'utf8')) as Manifest;
 * m.files.find((f) => f.key === 'gaj-hukou')?.encoding; // 'gbk'
 */
export interface ManifestColumn {
  readonly header: string;
  readonly meaning: string;
  readonly required: boolean;
  readonly check: string;
  readonly format?: string;
  readonly values?: readonly string[];
  readonly noiseRole?: string;
}

export interface ManifestFile {
  readonly key: string;
  readonly department: string;
  readonly departmentName: string;
  readonly resource: string;
  readonly path: string;
  readonly fileType: 'csv' | 'xlsx';
  readonly encoding: 'utf-8' | 'utf-8-bom' | 'gbk';
  readonly lineEnding?: 'LF' | 'CRLF';
  readonly sheet?: string;
  /** 1-based row of a merged title above the header, if any. */
  readonly titleRow?: number;
  readonly headerRow: number;
  readonly firstDataRow: number;
  readonly dateStyle: DateStyle;
  readonly dateStyleExample: string;
  readonly addressForm: 'full' | 'county';
  readonly entity: 'person' | 'business' | 'house';
  readonly coverage: string;
  readonly staleness: string;
  readonly dirtiness: number;
  readonly rowCount: number;
  readonly invalidRows: number;
  readonly records: string;
  readonly columns: readonly ManifestColumn[];
  readonly noise: Partial<Record<NoiseKind, NoiseStat>>;
}

export interface Manifest {
  readonly generator: 'shutong demo generate';
  readonly formatVersion: 1;
  readonly seed: string;
  readonly persons: number;
  readonly asOf: '2024-06-30';
  readonly county: { readonly code: string; readonly name: string; readonly city: string; readonly province: string };
  readonly noiseRates: NoiseRates;
  readonly truth: Readonly<Record<'persons' | 'houses' | 'businesses' | 'villages', { readonly path: string; readonly rows: number }>>;
  readonly files: readonly ManifestFile[];
}

export function manifestFile(spec: FileSpec, world: World, result: FileResult): ManifestFile {
  const titled = spec.sheetTitle !== undefined;
  return {
    key: spec.key,
    department: spec.department,
    departmentName: spec.departmentName(world),
    resource: spec.title,
    path: `departments/${spec.fileName(world)}`,
    fileType: spec.type,
    encoding: spec.encoding,
    ...(spec.type === 'csv' ? { lineEnding: spec.lineEnding === '\r\n' ? 'CRLF' : 'LF' } : {}),
    ...(spec.sheet ? { sheet: spec.sheet } : {}),
    ...(titled ? { titleRow: 1 } : {}),
    headerRow: titled ? 2 : 1,
    firstDataRow: titled ? 3 : 2,
    dateStyle: spec.dateStyle,
    dateStyleExample: DATE_STYLE_EXAMPLES[spec.dateStyle],
    addressForm: spec.addressForm,
    entity: spec.entity,
    coverage: spec.coverage,
    staleness: spec.staleness,
    dirtiness: spec.dirtiness,
    rowCount: result.rows,
    invalidRows: result.invalidRows,
    records: `truth/records/${spec.key}.csv`,
    columns: spec.columns.map((c) => ({
      header: c.header,
      meaning: c.meaning,
      required: c.required === true,
      check: c.check ?? 'text',
      ...(c.format ? { format: c.format } : {}),
      ...(c.values ? { values: c.values } : {}),
      ...(c.role ? { noiseRole: c.role } : {}),
    })),
    noise: result.noise,
  };
}

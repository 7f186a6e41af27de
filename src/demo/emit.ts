import { join } from 'node:path';
import { checkCell } from './cell-checks.ts';
import { addressParts, formatAddress } from './housing.ts';
import { fileRates, NOISE_KIND_NAMES, NOISE_KINDS, type NoiseKind, type NoiseRates, type NoiseRole } from './noise-kinds.ts';
import { CELL_NOISE, GARBAGE_SYMBOLS, GARBAGE_VALUES, GARBAGE_WORDS, type CellContext, type CellNoise, type CellValue } from './noise.ts';
import { rngFor, type Rng } from './prng.ts';
import type { ColumnSpec, FileSpec, RowInput } from './departments/types.ts';
import type { World } from './world.ts';
import { CsvWriter } from './writers/csv.ts';
import { XlsxWriter } from './writers/xlsx.ts';

/**
 * Writes one department file and its truth records: takes the clean rows a FileSpec
 * produces, applies cell and row noise at the file's rates, decides validity, and streams
 * both files with backpressure.
 *
 * (A class rather than closures: tsx compiles with esbuild's keepNames, which wraps every
 * named closure in a defineProperty call — measurable when a closure is made per row.)
 *
 * @example
 * const result = await emitFile(spec, world, rates, '/tmp/c', (n) => progress(spec.key, n));
 */
export interface NoiseStat {
  eligible: number;
  applied: number;
  rate: number;
}

export interface FileResult {
  readonly rows: number;
  readonly invalidRows: number;
  readonly bytes: number;
  readonly noise: Partial<Record<NoiseKind, NoiseStat>>;
}

interface Pending {
  readonly due: number;
  readonly cells: CellValue[];
  /** The truth record without its leading row number. */
  readonly record: string;
  readonly invalid: boolean;
}

type CellRole = Exclude<NoiseRole, 'row'>;

interface RoleNoise {
  readonly col: number;
  readonly kinds: readonly (keyof typeof CELL_NOISE)[];
  readonly noise: readonly CellNoise[];
  readonly rates: readonly number[];
  readonly stats: readonly NoiseStat[];
}
const CELL_ROLES: readonly CellRole[] = ['name', 'id', 'phone', 'address', 'date', 'uscc'];
const ROLE_KINDS = Object.fromEntries(
  CELL_ROLES.map((role) => [role, NOISE_KIND_NAMES.filter((k) => NOISE_KINDS[k].role === role)]),
) as Record<CellRole, (keyof typeof CELL_NOISE)[]>;
const ANY_GARBAGE = [...GARBAGE_SYMBOLS, ...GARBAGE_WORDS];

class FileEmitter implements CellContext {
  readonly rates: Record<NoiseKind, number>;
  readonly stats: Partial<Record<NoiseKind, NoiseStat>> = {};
  readonly nrng: Rng;
  readonly cols: readonly ColumnSpec[];
  readonly headers: string[];
  /** Per noise role present in the file: its column and its kinds with their rates and counters. */
  readonly roles: RoleNoise[];
  readonly serialCol: number;
  readonly blankable: number[];
  readonly xlsx: boolean;
  readonly addressForm: CellContext['addressForm'];
  address: CellContext['address'] = undefined;
  rowNo = 0;
  invalidRows = 0;
  readonly pending: Pending[] = [];

  constructor(
    readonly spec: FileSpec,
    readonly world: World,
    base: NoiseRates,
    readonly writer: CsvWriter | XlsxWriter,
    readonly records: CsvWriter,
  ) {
    this.rates = fileRates(base, spec.dirtiness);
    this.nrng = rngFor(world.seed, `noise:${spec.key}`);
    this.cols = spec.columns;
    this.headers = spec.columns.map((c) => c.header);
    this.roles = CELL_ROLES.flatMap((role) => {
      const col = spec.columns.findIndex((c) => c.role === role);
      if (col < 0) return [];
      const kinds = ROLE_KINDS[role];
      return [{ col, kinds, noise: kinds.map((k) => CELL_NOISE[k]), rates: kinds.map((k) => this.rates[k]), stats: kinds.map((k) => this.stat(k)) }];
    });
    this.serialCol = spec.columns.findIndex((c) => c.serial);
    this.blankable = spec.columns.flatMap((c, i) => (c.serial ? [] : [i]));
    this.xlsx = spec.type === 'xlsx';
    this.addressForm = spec.addressForm;
  }

  otherAddress(rng: Rng): string {
    return formatAddress(addressParts(this.world, rng.int(this.world.houses.count)), this.addressForm);
  }

  stat(k: NoiseKind): NoiseStat {
    return (this.stats[k] ??= { eligible: 0, applied: 0, rate: this.rates[k] });
  }

  decide(kind: 'stale_dead' | 'stale_moved'): boolean {
    const s = this.stat(kind);
    s.eligible++;
    const hit = this.nrng.next() < this.rates[kind];
    if (hit) s.applied++;
    return hit;
  }

  put(cells: CellValue[]): void {
    if (this.writer instanceof XlsxWriter) this.writer.row(cells);
    else this.writer.row(cells.map(String));
  }

  writeDue(upTo: number): void {
    while (this.pending.length > 0 && (this.pending[0] as Pending).due <= upTo) {
      const d = this.pending.shift() as Pending;
      this.rowNo++;
      if (this.serialCol >= 0) d.cells[this.serialCol] = this.xlsx ? this.rowNo : String(this.rowNo);
      this.put(d.cells);
      if (d.invalid) this.invalidRows++;
      this.records.line(`${this.rowNo},${d.record}`);
    }
  }

  process(row: RowInput): void {
    const cells = row.cells;
    const { nrng, rates, cols, headers } = this;
    const marks = row.marks ?? [];
    const truth = row.truth ?? new Map<number, CellValue>();
    const cause = new Map<number, string>();
    for (const c of truth.keys()) cause.set(c, marks.find((m) => m.endsWith(`@${headers[c]}`))?.split('@')[0] ?? '');

    // One draw decides between a blank cell, a garbage cell, or neither.
    let overwritten = -1;
    const blankable = this.blankable;
    let filled = 0;
    for (let k = 0; k < blankable.length; k++) if (cells[blankable[k] as number] !== '') filled++;
    if (filled > 0) {
      this.stat('blank_cell').eligible++;
      this.stat('garbage_cell').eligible++;
      const u = nrng.next();
      if (u < rates.blank_cell + rates.garbage_cell) {
        let pickAt = nrng.int(filled);
        for (let k = 0; k < blankable.length; k++) {
          const c = blankable[k] as number;
          if (cells[c] !== '' && pickAt-- === 0) {
            overwritten = c;
            break;
          }
        }
        const kind = u < rates.blank_cell ? 'blank_cell' : 'garbage_cell';
        this.stat(kind).applied++;
        const value = kind === 'blank_cell' ? '' : nrng.pick(cols[overwritten]?.required ? GARBAGE_SYMBOLS : ANY_GARBAGE);
        touch(cells, truth, cause, marks, overwritten, headers[overwritten] as string, kind, value);
      }
    }

    this.address = row.address;
    for (let r = 0; r < this.roles.length; r++) {
      const role = this.roles[r] as RoleNoise;
      const c = role.col;
      if (c === overwritten) continue;
      const value = cells[c] as CellValue;
      if (value === '') continue;
      const { noise, rates: kindRates, stats } = role;
      for (let k = 0; k < noise.length; k++) if ((noise[k] as CellNoise).applies(value, this)) (stats[k] as NoiseStat).eligible++;
      const u = nrng.next();
      let acc = 0;
      for (let k = 0; k < noise.length; k++) {
        acc += kindRates[k] as number;
        if (u >= acc) continue;
        const chosen = noise[k] as CellNoise;
        if (chosen.applies(value, this)) {
          (stats[k] as NoiseStat).applied++;
          touch(cells, truth, cause, marks, c, headers[c] as string, role.kinds[k] as NoiseKind, chosen.apply(value, nrng, this));
        }
        break;
      }
    }

    let reasonText = '';
    if (truth.size > 0) {
      const reasons: string[] = [];
      for (const c of truth.keys()) {
        const col = cols[c] as ColumnSpec;
        if (!col.required) continue;
        const v = cells[c] as CellValue;
        if (checkCell(col.check ?? 'text', v, col.values)) continue;
        reasons.push(`${col.header}:${cause.get(c) || (v === '' ? 'blank_cell' : GARBAGE_VALUES.has(String(v)) ? 'garbage_cell' : 'invalid')}`);
      }
      reasonText = reasons.join(';');
    }
    this.rowNo++;
    if (this.serialCol >= 0) cells[this.serialCol] = this.xlsx ? this.rowNo : String(this.rowNo);
    this.put(cells);
    const invalid = reasonText !== '';
    if (invalid) this.invalidRows++;
    const truthJson = truth.size > 0 ? truthCell(truth, headers) : '';
    const markText = marks.length > 0 ? marks.join(';') : '';
    const person = row.person ?? '';
    // Records are written pre-formatted: only the JSON cell can need quoting.
    this.records.line(`${this.rowNo},${row.entity},${person},${markText},${invalid ? 1 : 0},${reasonText},,${truthJson}`);

    this.stat('duplicate_row').eligible++;
    if (nrng.next() < rates.duplicate_row) {
      this.stat('duplicate_row').applied++;
      const record = `${row.entity},${person},${markText ? `${markText};duplicate_row` : 'duplicate_row'},${invalid ? 1 : 0},${reasonText},${this.rowNo},${truthJson}`;
      this.pending.push({ due: this.rowNo + 1 + nrng.int(40), cells: cells.slice(), record, invalid });
      this.pending.sort((a, b) => a.due - b.due);
    }
  }
}

/** `{"列名":"真值",…}` as a quoted CSV cell (headers are plain text, so only values need JSON escaping). */
function truthCell(truth: Map<number, CellValue>, headers: readonly string[]): string {
  let json = '';
  for (const [c, v] of truth) json += `${json ? ',' : ''}"${headers[c]}":${typeof v === 'number' ? v : JSON.stringify(v)}`;
  return `"{${json.replace(/"/g, '""')}}"`;
}

function touch(cells: CellValue[], truth: Map<number, CellValue>, cause: Map<number, string>, marks: string[], c: number, header: string, kind: NoiseKind, value: CellValue): void {
  if (!truth.has(c)) truth.set(c, cells[c] as CellValue);
  cells[c] = value;
  cause.set(c, kind);
  marks.push(`${kind}@${header}`);
}

export async function emitFile(spec: FileSpec, world: World, base: NoiseRates, outDir: string, onProgress?: (rows: number) => void): Promise<FileResult> {
  const cols = spec.columns;
  const path = join(outDir, 'departments', spec.fileName(world));
  const writer = spec.type === 'xlsx'
    ? await XlsxWriter.open(path, { sheet: spec.sheet ?? 'Sheet1', columns: cols.length, dateColumns: cols.flatMap((c, i) => (c.excelDate ? [i] : [])), ...(spec.sheetTitle ? { title: spec.sheetTitle(world) } : {}) })
    : await CsvWriter.open(path, { encoding: spec.encoding, lineEnding: spec.lineEnding ?? '\n' });
  const records = await CsvWriter.open(join(outDir, 'truth', 'records', `${spec.key}.csv`), { encoding: 'utf-8', lineEnding: '\n' });
  records.row(['row', 'entity_id', 'person_id', 'noise', 'invalid', 'reason', 'dup_of', 'true_values']);
  const e = new FileEmitter(spec, world, base, writer, records);
  e.put(cols.map((c) => c.header));

  const contentRng = rngFor(world.seed, `dept:${spec.key}`);
  const ctx = { world, rng: contentRng, seed: world.seed, decide: (kind: 'stale_dead' | 'stale_moved') => e.decide(kind) };
  for (const row of spec.rows(ctx)) {
    e.writeDue(e.rowNo + 1);
    e.process(row);
    if (writer instanceof XlsxWriter) {
      if (writer.needsFlush) await writer.flush();
    } else if (writer.needsDrain) await writer.drain();
    if (records.needsDrain) await records.drain();
    if (onProgress && (e.rowNo & 0xffff) === 0) onProgress(e.rowNo);
  }
  e.writeDue(Number.MAX_SAFE_INTEGER);
  await writer.close();
  await records.close();
  onProgress?.(e.rowNo);
  const noise: Partial<Record<NoiseKind, NoiseStat>> = {};
  for (const k of NOISE_KIND_NAMES) if (e.stats[k]) noise[k] = e.stats[k];
  return { rows: e.rowNo, invalidRows: e.invalidRows, bytes: writer.bytes, noise };
}

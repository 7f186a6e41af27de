import type { CheckKind } from '../cell-checks.ts';
import type { DateStyle } from '../dates.ts';
import type { AddressForm, AddressParts } from '../housing.ts';
import type { NoiseRole } from '../noise-kinds.ts';
import type { CellValue } from '../noise.ts';
import type { Rng } from '../prng.ts';
import type { World } from '../world.ts';

/**
 * How one department file is laid out and which rows it holds. Each department file module
 * exports one of these; the emitter (emit.ts) adds noise, writes the file and its truth.
 */
export interface ColumnSpec {
  /** The department's own header, e.g. '公民身份号码' or '身份证号'. */
  readonly header: string;
  /** What the column holds, as a path into the truth: 'person.id_number', 'business.uscc', 'dept.amount'. */
  readonly meaning: string;
  /** A row whose required cell is blank or invalid is INVALID under the unified standards. */
  readonly required?: boolean;
  /** The identifying column this noise role applies to (one column per role per file). */
  readonly role?: Exclude<NoiseRole, 'row'>;
  /** How validity is judged; defaults to 'text'. */
  readonly check?: CheckKind;
  /** Allowed values, for check 'enum'. */
  readonly values?: readonly string[];
  /** How values are written, for the manifest: '男/女', 'GB/T 2261.1 代码 1/2', date style … */
  readonly format?: string;
  /** A running row number the emitter fills in (序号); never blanked. */
  readonly serial?: boolean;
  /** XLSX: numbers in this column are dates (Excel serials in a date-formatted cell). */
  readonly excelDate?: boolean;
}

export interface FileSpec {
  /** Stable key: manifest entry, truth/records/<key>.csv, PRNG stream name. */
  readonly key: string;
  /** DepartmentSeed.code of the department that exports the file. */
  readonly department: string;
  readonly departmentName: (w: World) => string;
  /** Title of the catalog resource the file feeds. */
  readonly title: string;
  readonly fileName: (w: World) => string;
  readonly type: 'csv' | 'xlsx';
  readonly encoding: 'utf-8' | 'utf-8-bom' | 'gbk';
  readonly lineEnding?: '\n' | '\r\n';
  readonly sheet?: string;
  /** A merged title row above the header (header then sits on row 2). */
  readonly sheetTitle?: (w: World) => string;
  readonly dateStyle: DateStyle;
  readonly addressForm: AddressForm;
  readonly entity: 'person' | 'business' | 'house';
  /** Multiplies every base noise rate for this file. */
  readonly dirtiness: number;
  readonly coverage: string;
  readonly staleness: string;
  readonly columns: readonly ColumnSpec[];
  rows(ctx: RowContext): Iterable<RowInput>;
}

export interface RowContext {
  readonly world: World;
  /** The file's own content stream: who is covered, department-only values. */
  readonly rng: Rng;
  readonly seed: string;
  /** Draws a row-level noise kind at the file's rate from the noise stream, counting it. */
  decide(kind: 'stale_dead' | 'stale_moved'): boolean;
}

export interface RowInput {
  /** Truth id of the entity the row is about: P…, B… or H…. */
  readonly entity: string;
  /** Truth id of a person the row also names (legal representative, owner); optional. */
  readonly person?: string;
  /** Clean cells in column order; the emitter mutates them. */
  readonly cells: CellValue[];
  /** Structured form of the address-role cell, for address noise. */
  readonly address?: AddressParts;
  /** Noise the department already applied (stale_dead, stale_moved with its column). */
  readonly marks?: string[];
  /** True values of cells the department changed, by column index. */
  readonly truth?: Map<number, CellValue>;
}

/**
 * A data element (数据元) as the catalog and the ingest column mapper see it.
 *
 * @example
 * const e: DataElement = findElement('身份证号')!;
 * e.validate('11010519491231002X'); // { ok: true, value: '11010519491231002X' }
 */
import type { Validator } from './result.ts';

/** Catalog guide data types (政务信息资源目录编制指南). */
export type DataType = 'C' | 'N' | 'Y' | 'D' | 'T' | 'L' | 'M' | 'G' | 'B' | 'I' | 'F';

export const DATA_TYPES: Readonly<Record<DataType, { readonly zh: string; readonly en: string }>> = Object.freeze({
  C: { zh: '字符型', en: 'character' },
  N: { zh: '数值型', en: 'numeric' },
  Y: { zh: '货币型', en: 'currency' },
  D: { zh: '日期型', en: 'date' },
  T: { zh: '日期时间型', en: 'date-time' },
  L: { zh: '逻辑型', en: 'logical' },
  M: { zh: '备注型', en: 'memo' },
  G: { zh: '通用型', en: 'general' },
  B: { zh: '二进制', en: 'binary' },
  I: { zh: '整数型', en: 'integer' },
  F: { zh: '浮点型', en: 'floating point' },
});

export function isDataType(x: unknown): x is DataType {
  return typeof x === 'string' && Object.hasOwn(DATA_TYPES, x);
}

export interface DataElement {
  /** Stable identifier, e.g. 'DE0001'; county-defined elements use their own. */
  readonly code: string;
  /** Chinese name, e.g. '公民身份号码'. */
  readonly name: string;
  readonly nameEn: string;
  /** The standard that defines the element's values, e.g. 'GB 11643-1999'. */
  readonly standard: string;
  readonly dataType: DataType;
  /** Column headers departments use for this element. */
  readonly synonyms: readonly string[];
  readonly validate: Validator;
  readonly description: string;
  /** Longest canonical value, when fixed by the standard. */
  readonly maxLength?: number;
  /** Code list for coded elements (性别, 民族, county enumerations). */
  readonly enumValues?: readonly { readonly code: string; readonly label: string }[];
}

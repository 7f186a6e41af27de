import {
  checkBirthDateAgainstId, checkRegionAgainstAddress, checkSexAgainstId, customElement, findElement,
  numericValidator, textValidator, validateBoolean, validateDate, validateDateTime, invalid, TEXT_DEFAULT_MAX,
  type CrossFieldResult, type CustomElementSpec, type Validator,
} from '../standards/index.ts';
import { certifierFor, type CellCertifier, type CertifyPlan } from './cell-certify.ts';

import { MAX_CELL_CHARS } from './cell-rules.ts';

export { MAX_CELL_CHARS, PLACEHOLDERS } from './cell-rules.ts';

/**
 * A catalog resource as the row pipeline needs it: plain data (so it can be sent to a parse worker)
 * that `compileResource` turns into one validator per information item. An item bound to a data
 * element is checked and normalised by that element; an unbound item by its catalog data type.
 *
 * @example
 * const compiled = compileResource({ code: '101001/000001', crossField: 'quarantine', items: [
 *   { name: '公民身份号码', dataType: 'C', length: 18, isKey: true, required: true, element: { code: 'DE0001', name: '公民身份号码', synonyms: [], custom: null } },
 * ] });
 * compiled.items[0].validate('11010519491231002x'); // { ok: true, value: '11010519491231002X' }
 */
export interface ItemSpec {
  readonly name: string;
  readonly dataType: string;
  readonly length: number | null;
  readonly isKey: boolean;
  /** A blank or invalid required cell sends the row to quarantine; see docs/decisions/0302-ingest-row-policy.md. */
  readonly required: boolean;
  readonly element: { readonly code: string; readonly name: string; readonly synonyms: readonly string[]; readonly custom: CustomElementSpec | null } | null;
}

export type CrossFieldPolicy = 'quarantine' | 'warn';

export interface ResourceSpec {
  readonly code: string;
  readonly items: readonly ItemSpec[];
  readonly crossField: CrossFieldPolicy;
}

export interface CompiledItem extends ItemSpec {
  readonly index: number;
  readonly validate: Validator;
  /** `"name":` ready to be joined into a record's JSON. */
  readonly jsonKey: string;
  /** The element's canonical values never need JSON escaping (codes, numbers, dates). */
  readonly plainJson: boolean;
  /** Boolean items take 无/是 as values, so they are exempt from placeholder folding. */
  readonly placeholdersAreValues: boolean;
  /** The byte fast path of `validate` (cell-certify.ts). */
  readonly certifier: CellCertifier;
}

export interface CrossCheck {
  readonly name: string;
  /** Item indexes: the reference (ID number, region code) and the checked item. */
  readonly reference: number;
  readonly target: number;
  readonly check: (reference: string, target: string) => CrossFieldResult;
  /** A cheap test on the normalised values that is true only when they are consistent. */
  readonly agrees?: (reference: string, target: string) => boolean;
}

export interface CompiledResource {
  readonly code: string;
  readonly items: readonly CompiledItem[];
  readonly keyItems: readonly number[];
  readonly crossChecks: readonly CrossCheck[];
  readonly crossField: CrossFieldPolicy;
}

function typeValidator(dataType: string, length: number | null): Validator {
  switch (dataType) {
    case 'N': case 'F': return numericValidator();
    case 'I': return numericValidator({ integer: true });
    case 'Y': return numericValidator({ scale: 2, padScale: true, currency: true });
    case 'D': return validateDate;
    case 'T': return validateDateTime;
    case 'L': return validateBoolean;
    default: return textValidator({ maxLength: length ?? MAX_CELL_CHARS });
  }
}

function withLength(validate: Validator, length: number): Validator {
  return (raw) => {
    const r = validate(raw);
    if (r.ok && r.value.length > length) return invalid(`长度不能超过 ${length} 个字符，实际为 ${r.value.length} 个`, `at most ${length} characters, got ${r.value.length}`);
    return r;
  };
}

// Elements whose values repeat (codes, dates, yes/no): their answers are remembered per batch.
const MEMO_ELEMENTS = new Set(['DE0003', 'DE0004', 'DE0016', 'DE0019']);

/** How the byte fast path may decide an item's cells, mirroring `validatorOf`. */
function certifyPlanOf(item: ItemSpec): { plan: CertifyPlan; utf16Max: number | null } {
  const narrowed = item.length && (item.dataType === 'C' || item.dataType === 'M') ? item.length : null;
  if (item.element?.custom) return { plan: { kind: 'decode' }, utf16Max: null };
  const code = item.element?.code;
  if (code === undefined || !findElement(code)) {
    if (item.dataType === 'C' || item.dataType === 'M' || !'NFIYDTL'.includes(item.dataType)) return { plan: { kind: 'text', min: 1, max: item.length ?? MAX_CELL_CHARS }, utf16Max: null };
    if (item.dataType === 'D') return { plan: { kind: 'date', birth: false }, utf16Max: null };
    return { plan: { kind: 'memo' }, utf16Max: null };
  }
  if (code === ADDRESS) return { plan: { kind: 'address' }, utf16Max: narrowed };
  if (code === NAME) return { plan: { kind: 'person_name' }, utf16Max: narrowed };
  if (code === TEXT) return { plan: { kind: 'text', min: 1, max: TEXT_DEFAULT_MAX }, utf16Max: narrowed };
  if (code === MOBILE || code === CONTACT_PHONE) return { plan: { kind: 'mobile' }, utf16Max: narrowed };
  if (code === ID) return { plan: { kind: 'id_number' }, utf16Max: narrowed };
  if (code === BIRTH || code === DATE) return { plan: { kind: 'date', birth: code === BIRTH }, utf16Max: narrowed };
  return { plan: { kind: MEMO_ELEMENTS.has(code) ? 'memo' : 'decode' }, utf16Max: null };
}

function validatorOf(item: ItemSpec): Validator {
  let base: Validator | undefined;
  if (item.element?.custom) {
    try {
      base = customElement(item.element.custom).validate;
    } catch {
      // A spec the catalog accepted but the standards refuse: the item falls back to its data type.
    }
  } else if (item.element) base = findElement(item.element.code)?.validate;
  if (!base) return typeValidator(item.dataType, item.length);
  // The catalog's own length narrows a text element (a 50-character 地址 column, say).
  return item.length && (item.dataType === 'C' || item.dataType === 'M') ? withLength(base, item.length) : base;
}

// Built-in elements whose normalised values are digits, letters and - : . only.
const PLAIN_ELEMENTS = new Set(['DE0001', 'DE0003', 'DE0004', 'DE0005', 'DE0006', 'DE0007', 'DE0008', 'DE0009', 'DE0010', 'DE0011', 'DE0013', 'DE0015', 'DE0016', 'DE0018', 'DE0019', 'DE0020', 'DE0021']);

const ID = 'DE0001';
const NAME = 'DE0002';
const TEXT = 'DE0017';
const MOBILE = 'DE0009';
const CONTACT_PHONE = 'DE0011';
const DATE = 'DE0015';
const SEX = 'DE0003';
const BIRTH = 'DE0005';
const REGION = 'DE0008';
const ADDRESS = 'DE0012';

function single(items: readonly ItemSpec[], code: string): number {
  const found = items.flatMap((item, i) => (item.element?.code === code ? [i] : []));
  if (found.length === 1) return found[0]!;
  const keyed = found.filter((i) => items[i]!.isKey);
  return keyed.length === 1 ? keyed[0]! : -1;
}

export function compileResource(spec: ResourceSpec): CompiledResource {
  const items = spec.items.map((item, index): CompiledItem => {
    const validate = validatorOf(item);
    const { plan, utf16Max } = certifyPlanOf(item);
    return {
    ...item,
    index,
    validate,
    certifier: certifierFor(plan, validate, utf16Max),
    jsonKey: `${JSON.stringify(item.name)}:`,
    plainJson: PLAIN_ELEMENTS.has(item.element?.code ?? '') || (!item.element && 'NIYFDTL'.includes(item.dataType) && item.dataType.length === 1),
    placeholdersAreValues: item.dataType === 'L' || item.element?.code === 'DE0019',
    };
  });
  const crossChecks: CrossCheck[] = [];
  const id = single(spec.items, ID);
  if (id >= 0) {
    const birth = single(spec.items, BIRTH);
    if (birth >= 0) crossChecks.push({ name: '出生日期与身份号码', reference: id, target: birth, check: checkBirthDateAgainstId, agrees: birthAgrees });
    const sex = single(spec.items, SEX);
    if (sex >= 0) crossChecks.push({ name: '性别与身份号码', reference: id, target: sex, check: checkSexAgainstId, agrees: sexAgrees });
  }
  const region = single(spec.items, REGION);
  const address = single(spec.items, ADDRESS);
  if (region >= 0 && address >= 0) crossChecks.push({ name: '地址与行政区划代码', reference: region, target: address, check: checkRegionAgainstAddress });
  return {
    code: spec.code,
    items,
    keyItems: items.filter((i) => i.isKey).map((i) => i.index),
    crossChecks,
    crossField: spec.crossField,
  };
}

// Normalised values: an 18-character ID, a YYYY-MM-DD date, a GB/T 2261.1 sex code. Anything
// else falls through to the standards' full check, which also words the reason.
function birthAgrees(id: string, date: string): boolean {
  if (id.length !== 18 || date.length !== 10) return false;
  for (let i = 0; i < 4; i++) if (id.charCodeAt(6 + i) !== date.charCodeAt(i)) return false;
  return id.charCodeAt(10) === date.charCodeAt(5) && id.charCodeAt(11) === date.charCodeAt(6)
    && id.charCodeAt(12) === date.charCodeAt(8) && id.charCodeAt(13) === date.charCodeAt(9);
}

function sexAgrees(id: string, sex: string): boolean {
  if (id.length !== 18 || (sex !== '1' && sex !== '2')) return false;
  return (id.charCodeAt(16) - 48) % 2 === (sex === '1' ? 1 : 0);
}


/**
 * County-defined data elements: a spec from the catalog (code, name, type,
 * optional length, pattern and code list) becomes a {@link DataElement} whose
 * validator first applies the type's own rules (dates, numbers, booleans),
 * then the code list, length and pattern.
 *
 * @example
 * const e = customElement({ code: 'XZ0001', name: '低保类别', dataType: 'C', description: '',
 *   enumValues: [{ code: 'A', label: '城市低保' }, { code: 'B', label: '农村低保' }] });
 * e.validate('农村低保'); // { ok: true, value: 'B' }
 */
import { AppError } from '../shared/errors.ts';
import { validateDate, validateDateTime } from './date.ts';
import { DATA_TYPES, isDataType, type DataElement, type DataType } from './element-types.ts';
import { builtinElements } from './elements.ts';
import { textValidator, validateBoolean } from './generic.ts';
import { codePointLength, normalize } from './normalize.ts';
import { numericValidator } from './numeric.ts';
import { compileWholeMatch, patternProblem, PATTERN_INPUT_LIMIT } from './regex-safety.ts';
import { clip, invalid, valid, type Validator, type ValidationResult } from './result.ts';

export interface CustomElementSpec {
  readonly code: string;
  readonly name: string;
  readonly dataType: DataType;
  readonly maxLength?: number;
  /** Regular-expression source; the whole value must match. */
  readonly pattern?: string;
  readonly enumValues?: readonly { readonly code: string; readonly label: string }[];
  readonly description: string;
  readonly nameEn?: string;
  readonly synonyms?: readonly string[];
}

export interface SpecProblem {
  /** JSON-pointer-like path of the offending field, e.g. `/enumValues/2/code`. */
  readonly path: string;
  readonly zh: string;
  readonly en: string;
}

const CODE_RE = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
const BUILTIN_CODES = new Set(builtinElements.map((e) => e.code.toUpperCase()));
const MAX_LENGTH_LIMIT = 1_000_000;

/** Every problem with a spec (empty when it is usable); takes untrusted input. */
export function validateCustomElementSpec(spec: unknown): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const add = (path: string, zh: string, en: string) => problems.push({ path, zh, en });
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    add('', '数据元定义应为对象', 'an element spec must be an object');
    return problems;
  }
  const s = spec as Record<string, unknown>;
  if (typeof s.code !== 'string' || !CODE_RE.test(s.code)) {
    add('/code', '代码应以字母开头，由 1–32 个字母、数字、_ 或 - 组成', 'code must start with a letter and have 1-32 letters, digits, _ or -');
  } else if (BUILTIN_CODES.has(s.code.toUpperCase())) {
    add('/code', `代码 ${s.code} 已被内置数据元占用`, `code ${s.code} belongs to a built-in element`);
  }
  if (typeof s.name !== 'string' || normalize(s.name).length === 0 || s.name.length > 50) {
    add('/name', '名称不能为空且不超过 50 个字符', 'name must be non-empty and at most 50 characters');
  }
  if (!isDataType(s.dataType)) {
    add('/dataType', `数据类型应为 ${Object.keys(DATA_TYPES).join('/')} 之一`, `data type must be one of ${Object.keys(DATA_TYPES).join(', ')}`);
  }
  if (typeof s.description !== 'string' || s.description.length > 1000) {
    add('/description', '说明应为不超过 1000 个字符的文本', 'description must be text of at most 1000 characters');
  }
  if (s.nameEn !== undefined && typeof s.nameEn !== 'string') add('/nameEn', '英文名称应为文本', 'nameEn must be text');
  if (s.synonyms !== undefined && (!Array.isArray(s.synonyms) || !s.synonyms.every((x) => typeof x === 'string'))) {
    add('/synonyms', '同义词应为文本数组', 'synonyms must be an array of text');
  }
  if (s.maxLength !== undefined && (!Number.isInteger(s.maxLength) || (s.maxLength as number) < 1 || (s.maxLength as number) > MAX_LENGTH_LIMIT)) {
    add('/maxLength', `最大长度应为 1–${MAX_LENGTH_LIMIT} 的整数`, `maxLength must be an integer from 1 to ${MAX_LENGTH_LIMIT}`);
  }
  if (s.pattern !== undefined) {
    const p = typeof s.pattern === 'string' ? patternProblem(s.pattern) : { zh: '正则表达式应为文本', en: 'pattern must be text' };
    if (p) add('/pattern', p.zh, p.en);
  }
  if (s.enumValues !== undefined) checkEnum(s.enumValues, add);
  return problems;
}

function checkEnum(values: unknown, add: (path: string, zh: string, en: string) => void): void {
  if (!Array.isArray(values) || values.length === 0) {
    add('/enumValues', '代码表应为非空数组', 'enumValues must be a non-empty array');
    return;
  }
  const codes = new Set<string>();
  const labels = new Set<string>();
  values.forEach((v: unknown, i) => {
    const item = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    const code = typeof item.code === 'string' ? normalize(item.code) : '';
    const label = typeof item.label === 'string' ? normalize(item.label) : '';
    if (!code) add(`/enumValues/${i}/code`, '代码不能为空', 'code must not be empty');
    else if (codes.has(code)) add(`/enumValues/${i}/code`, `代码 ${clip(code)} 重复`, `duplicate code ${clip(code)}`);
    if (!label) add(`/enumValues/${i}/label`, '名称不能为空', 'label must not be empty');
    else if (labels.has(label)) add(`/enumValues/${i}/label`, `名称 ${clip(label)} 重复`, `duplicate label ${clip(label)}`);
    codes.add(code);
    labels.add(label);
  });
  // A label that is another entry's code would make input ambiguous.
  values.forEach((v: unknown, i) => {
    const item = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    const code = typeof item.code === 'string' ? normalize(item.code) : '';
    const label = typeof item.label === 'string' ? normalize(item.label) : '';
    if (label && label !== code && codes.has(label)) {
      add(`/enumValues/${i}/label`, `名称 ${clip(label)} 与另一项的代码相同`, `label ${clip(label)} equals another entry's code`);
    }
  });
}

function baseValidator(dataType: DataType, maxLength: number | undefined): Validator {
  switch (dataType) {
    case 'N': return numericValidator();
    case 'F': return numericValidator();
    case 'I': return numericValidator({ integer: true });
    case 'Y': return numericValidator({ scale: 2, padScale: true, currency: true });
    case 'D': return validateDate;
    case 'T': return validateDateTime;
    case 'L': return validateBoolean;
    // G (general) and B (binary) arrive as text in a spreadsheet cell; they are kept as written.
    case 'C': case 'M': case 'G': case 'B': return textValidator(maxLength === undefined ? {} : { maxLength });
  }
}

/** Builds an element from a county spec; throws AppError(invalid_input) listing every problem. */
export function customElement(spec: CustomElementSpec): DataElement {
  const problems = validateCustomElementSpec(spec);
  if (problems.length > 0) {
    throw new AppError('invalid_input', '数据元定义有误 / invalid element spec', problems.map((p) => ({ path: p.path, message: `${p.zh} / ${p.en}` })));
  }
  const base = baseValidator(spec.dataType, spec.maxLength);
  const lookup = spec.enumValues && new Map<string, string>();
  for (const v of spec.enumValues ?? []) {
    lookup!.set(normalize(v.code), normalize(v.code));
    lookup!.set(normalize(v.label), normalize(v.code));
  }
  const regex = spec.pattern === undefined ? undefined : compileWholeMatch(spec.pattern);
  const inputLimit = Math.min(spec.maxLength ?? PATTERN_INPUT_LIMIT, PATTERN_INPUT_LIMIT);
  const allowed = spec.enumValues?.slice(0, 10).map((v) => `${v.code} ${v.label}`).join('、');

  const validate = (raw: string): ValidationResult => {
    let r: ValidationResult;
    if (lookup) {
      const s = normalize(raw);
      const code = lookup.get(s);
      if (code === undefined) {
        const more = spec.enumValues!.length > 10 ? '…' : '';
        return invalid(`“${clip(s)}”不在代码表中（可选：${allowed}${more}）`, `'${clip(s)}' is not in the code list (allowed: ${allowed}${more})`);
      }
      r = valid(code);
    } else {
      r = base(raw);
    }
    if (!r.ok) return r;
    const value = r.value;
    if (spec.maxLength !== undefined && value.length > spec.maxLength && codePointLength(value) > spec.maxLength) {
      return invalid(`长度不能超过 ${spec.maxLength} 个字符`, `at most ${spec.maxLength} characters`);
    }
    if (regex) {
      if (value.length > inputLimit) return invalid(`长度超过 ${inputLimit}，不做格式匹配`, `longer than ${inputLimit} characters, not matched against the pattern`);
      if (!regex.test(value)) return invalid(`“${clip(value)}”不符合格式 ${clip(spec.pattern!, 60)}`, `'${clip(value)}' does not match the pattern ${clip(spec.pattern!, 60)}`);
    }
    return r;
  };

  return Object.freeze({
    code: spec.code,
    name: normalize(spec.name),
    nameEn: spec.nameEn ?? spec.code,
    standard: '县级自定义 / county-defined',
    dataType: spec.dataType,
    synonyms: Object.freeze([...(spec.synonyms ?? [])]),
    validate,
    description: spec.description,
    ...(spec.maxLength !== undefined && { maxLength: spec.maxLength }),
    ...(spec.enumValues && { enumValues: Object.freeze(spec.enumValues.map((v) => ({ code: normalize(v.code), label: normalize(v.label) }))) }),
  });
}

/**
 * Field kinds a column can be declared as, and the `col:kind,col:kind` syntax of the CLI.
 *
 * @example
 * parseFieldSpecs('surname:family_name, date_of_birth:birth_date')
 * // [{ column: 'surname', kind: 'family_name' }, { column: 'date_of_birth', kind: 'birth_date' }]
 */
import { invalidInput } from '../shared/errors.ts';

export const FIELD_KINDS = [
  'given_name', 'family_name', 'full_name', 'sex', 'birth_date', 'id_number', 'other_id', 'phone',
  'address', 'street_number', 'address_line', 'locality', 'postcode', 'region', 'other',
  'ethnicity', 'credit_code',
] as const;

export type FieldKind = (typeof FIELD_KINDS)[number];

export interface FieldSpec {
  readonly column: string;
  readonly kind: FieldKind;
}

export function isFieldKind(s: string): s is FieldKind {
  return (FIELD_KINDS as readonly string[]).includes(s);
}

/** Parses `col:kind,col:kind`; the last colon separates the kind, so column names may hold colons. */
export function parseFieldSpecs(text: string): FieldSpec[] {
  const specs: FieldSpec[] = [];
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const at = item.lastIndexOf(':');
    const column = at > 0 ? item.slice(0, at).trim() : '';
    const kind = at > 0 ? item.slice(at + 1).trim() : '';
    if (column === '' || kind === '') {
      throw invalidInput(`字段须写作 列名:类型 / a field must be written column:kind, got "${item}"`, [{ path: '/fields', message: item }]);
    }
    if (!isFieldKind(kind)) {
      throw invalidInput(`未知字段类型 ${kind} / unknown kind "${kind}" for column "${column}"; kinds: ${FIELD_KINDS.join(', ')}`, [
        { path: `/fields/${column}`, message: kind },
      ]);
    }
    specs.push({ column, kind });
  }
  if (specs.length === 0) throw invalidInput('至少需要一个字段 / at least one field is needed', [{ path: '/fields', message: 'empty' }]);
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.column)) throw invalidInput(`列 ${s.column} 重复 / column "${s.column}" listed twice`, [{ path: `/fields/${s.column}`, message: 'duplicate' }]);
    seen.add(s.column);
  }
  return specs;
}

import { canonicalId, isValidUscc } from './check-codes.ts';
import { GARBAGE_VALUES } from './noise.ts';

/**
 * When a required cell counts as valid under the unified standards, after the
 * normalisations the standards perform (full-width → half-width, spaces removed from codes
 * and Chinese names, x → X, 15-digit IDs upgraded). These decide the `invalid` flag of the
 * truth records; the tests cross-check them against src/standards.
 *
 * @example
 * checkCell('id', '37132119900307123x');  // true (x upper-cased)
 * checkCell('id', '371321199003071235');  // false (check character)
 * checkCell('text', '#N/A');               // false (garbage)
 */
export type CheckKind = 'id' | 'uscc' | 'name' | 'date' | 'text' | 'enum' | 'number';

const SPACES = /[\s\u3000]/g;
const CJK_NAME = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·]{2,}$/;
const DATE_FORMS = [
  /^\d{4}-\d{1,2}-\d{1,2}( \d{2}:\d{2}:\d{2})?$/,
  /^\d{4}\/\d{1,2}\/\d{1,2}$/,
  /^\d{4}\.\d{1,2}\.\d{1,2}$/,
  /^\d{4}年\d{1,2}月\d{1,2}日$/,
  /^\d{8}$/,
];
const NUMBER = /^-?\d+(\.\d+)?$/;

export function checkCell(kind: CheckKind, value: string | number, allowed?: readonly string[]): boolean {
  if (typeof value === 'number') return kind === 'number' || kind === 'date' || (kind === 'id' && canonicalId(String(value)) !== undefined);
  const v = value.trim();
  if (v === '' || GARBAGE_VALUES.has(v)) return false;
  switch (kind) {
    case 'id':
      return canonicalId(v) !== undefined;
    case 'uscc':
      return isValidUscc(v.replace(SPACES, ''));
    case 'name':
      return CJK_NAME.test(v.replace(SPACES, ''));
    case 'date':
      return DATE_FORMS.some((re) => re.test(v));
    case 'enum':
      return allowed === undefined || allowed.includes(v);
    case 'number':
      return NUMBER.test(v);
    case 'text':
      return true;
  }
}

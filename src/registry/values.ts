/**
 * Canonical forms of registry field values: what counts as "the same value" when departments are
 * compared (王　明 = 王明, 劉 = 刘, 01 = 汉族, +86 138-… = 138…, a county-level address = the
 * full one), and the cleaned values the linker is given (a garbage or spreadsheet-truncated ID
 * number is treated as missing, not as a different number).
 *
 * @example
 * canonical('sex', '2') // { key: 'F', display: '女' }
 * canonical('id_number', '37132119900307123x') // { key: '37132119900307123X', display: '…', valid: true }
 * sameValue('address', '沂南县界湖街道1号', '山东省临沂市沂南县界湖街道1号') // true
 */
import {
  normalizeAddress, normalizeDate, normalizeEthnicity, normalizePhone, normalizeSex, parseCreditCode, parseResidentId, type ChineseTools,
} from '../linkage/index.ts';
import { dwellingParts, dwellingText, sameDwelling } from './dwelling.ts';
import type { Field } from './fields.ts';

export interface Canonical {
  /** Equal keys mean equal values (addresses also compare by level, see sameValue). */
  readonly key: string;
  /** How the value is shown: a normalised rendering of what the department wrote. */
  readonly display: string;
  /** For ID numbers and credit codes: the check character is right. */
  readonly valid?: boolean;
}

const SPACE = /[\s\u3000]+/g;
/** What people type into a cell that has no value (aggregation folds these too). */
const PLACEHOLDER = /^(?:[\/／\-－—_.。…*＊?？]+|#N\/A|N\/A|NA|NULL|None|nil|#VALUE!|#REF!|无|不详|待补充|见备注|暂无|空)$/i;
const STATUS: ReadonlyArray<readonly [RegExp, string]> = [
  [/死亡|已故|去世/, 'dead'],
  [/迁出|外迁|注销/, 'moved_out'],
  [/正常|在册|健在|有效/, 'alive'],
];

let zh: ChineseTools | undefined;
let villageAliases: ReadonlyMap<string, string> = new Map();

/** Old village names and the current ones (see aliases.ts), applied when addresses are compared. */
export function useVillageAliases(aliases: ReadonlyMap<string, string>): void {
  villageAliases = aliases;
}

export function currentVillageAliases(): ReadonlyMap<string, string> {
  return villageAliases;
}

/** Names are compared in simplified characters; the registry passes the loaded tools once. */
export function useChineseTools(tools: ChineseTools): void {
  zh = tools;
}

export function canonical(field: Field, raw: string | undefined | null): Canonical | null {
  if (raw === undefined || raw === null) return null;
  const text = String(raw).trim();
  if (text === '' || PLACEHOLDER.test(text)) return null;
  switch (field) {
    case 'name': {
      const clean = text.replace(SPACE, '');
      const key = zh ? zh.toSimplified(clean) : clean;
      return { key, display: key };
    }
    case 'id_number': {
      const p = parseResidentId(text);
      if (!p) return { key: text.toUpperCase(), display: text, valid: false };
      return { key: p.id, display: p.id, valid: p.valid && !truncated(p.id) };
    }
    case 'credit_code': {
      const p = parseCreditCode(text);
      const code = p?.code ?? text.toUpperCase().replace(SPACE, '');
      return { key: code, display: code, valid: p?.valid ?? false };
    }
    case 'sex': {
      const s = normalizeSex(text);
      return s === null ? { key: text, display: text } : { key: s, display: s === 'M' ? '男' : '女' };
    }
    case 'birth_date':
    case 'death_date':
    case 'status_date':
    case 'established': {
      const d = normalizeDate(text.replace(/[ T]\d{1,2}:\d{2}(:\d{2})?.*$/, ''));
      if (d && /^\d{8}$/.test(d)) return { key: d, display: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` };
      return { key: text, display: text };
    }
    case 'ethnicity': {
      const e = normalizeEthnicity(text);
      return e === null ? null : { key: e, display: /族$/.test(e) || e.length > 4 ? e : `${e}族` };
    }
    case 'phone': {
      const p = normalizePhone(text);
      return p === null ? null : { key: p, display: p };
    }
    case 'address': {
      const n = normalizeAddress(text);
      return n === '' ? null : { key: n, display: text.replace(SPACE, '') };
    }
    case 'status': {
      for (const [re, key] of STATUS) if (re.test(text)) return { key, display: text };
      return { key: text, display: text };
    }
    case 'unit_no':
    case 'cert_no':
    case 'household_no':
    case 'dept_ref':
      return { key: text.replace(SPACE, '').toUpperCase(), display: text };
    default:
      return { key: text.replace(SPACE, ''), display: text };
  }
}

/** Two canonical values of a field are the same value: equal keys, or addresses of the same dwelling. */
export function sameValue(field: Field, a: Canonical, b: Canonical): boolean {
  if (a.key === b.key) return true;
  if (field !== 'address') return false;
  return sameDwelling(a.key, b.key, (v) => villageAliases.get(v) ?? v);
}

/** How complete an address is (more levels, longer text), to show the fullest of equal writings. */
export function addressDetail(key: string): number {
  return Object.keys(dwellingParts(key)).length * 1000 + key.length;
}

/**
 * The value handed to the linker: an ID number only when it has an ID's shape and was not cut off
 * by a spreadsheet (ending in 000); an address from the township down; other fields as written.
 */
export function linkValue(field: Field, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  if (text === '' || PLACEHOLDER.test(text)) return undefined;
  if (field === 'id_number') {
    const p = parseResidentId(text);
    if (!p || truncated(p.id)) return undefined;
    return p.id;
  }
  if (field === 'address') return dwellingText(text);
  if (field === 'credit_code') {
    const p = parseCreditCode(text);
    return p ? p.code : undefined;
  }
  if (field === 'name') return text.replace(SPACE, '');
  return text;
}

/**
 * A spreadsheet that stored the ID as a number kept 15 significant digits and wrote 000 for the
 * rest. About one such number in eleven still passes the check, so every number ending in 000 is
 * taken as cut off (a real one does so about once in a thousand; it still links by its other fields).
 */
function truncated(id: string): boolean {
  return id.endsWith('000');
}

/** True when the raw value is a valid ID number or credit code (equal valid anchors decide a match). */
export function validAnchor(field: Field, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const c = canonical(field, raw);
  return c?.valid ? c.key : undefined;
}

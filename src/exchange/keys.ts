import { validateIdNumber, validateUscc } from '../standards/index.ts';
import type { ResourceMeta } from './model.ts';

/**
 * Lookup keys. A resource's key kind follows its key item's data element (公民身份号码 → ID number,
 * 统一社会信用代码 → credit code) or its lookup source (房屋库 → house id); anything else is a record key.
 * Keys are validated before anything is looked up, so a malformed or hostile key never reaches a source.
 *
 * @example
 * checkKey('id_number', '11010519491231002X'); // { ok: true, key: '11010519491231002X', subject: '11010519491231002X' }
 * checkKey('record_key', "1' OR '1'='1");      // { ok: false, message: '…' }
 */
export type KeyKind = 'id_number' | 'credit_code' | 'house_id' | 'record_key';

export const ID_NUMBER_ELEMENT = 'DE0001';
export const CREDIT_CODE_ELEMENT = 'DE0006';

export type KeyCheck = { ok: true; key: string; subject: string | null } | { ok: false; message: string };

// House ids are letters, digits and hyphens (e.g. 不动产单元号-style codes without spaces).
const HOUSE_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,59}$/;
// Record keys: letters (any script), digits and a few separators; no quotes, spaces, slashes or control characters.
const RECORD_KEY = /^[\p{L}\p{N}][\p{L}\p{N}_.:-]{0,127}$/u;

export function checkKey(kind: KeyKind, raw: unknown): KeyCheck {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, message: '查询键为空 / empty key' };
  if (raw.length > 128) return { ok: false, message: '查询键过长 / key too long' };
  switch (kind) {
    case 'id_number': {
      // Only the canonical 18-character form: a key that needs folding or upgrading is a caller bug.
      if (raw.length !== 18) return { ok: false, message: '公民身份号码应为 18 位 / an ID number has 18 characters' };
      const r = validateIdNumber(raw);
      if (!r.ok) return { ok: false, message: `${r.reason.zh} / ${r.reason.en}` };
      return r.value === raw.toUpperCase() ? { ok: true, key: r.value, subject: r.value } : { ok: false, message: '公民身份号码格式不规范 / non-canonical ID number' };
    }
    case 'credit_code': {
      if (raw.length !== 18) return { ok: false, message: '统一社会信用代码应为 18 位 / a credit code has 18 characters' };
      const r = validateUscc(raw);
      return r.ok ? { ok: true, key: r.value, subject: null } : { ok: false, message: `${r.reason.zh} / ${r.reason.en}` };
    }
    case 'house_id':
      return HOUSE_ID.test(raw) ? { ok: true, key: raw, subject: null } : { ok: false, message: '房屋编号只能含字母、数字和连字符 / a house id has letters, digits and hyphens only' };
    case 'record_key':
      return RECORD_KEY.test(raw) ? { ok: true, key: raw, subject: null } : { ok: false, message: '记录键只能含文字、数字和 _ . : - / a record key has letters, digits and _ . : - only' };
  }
}

/** The key kind implied by a resource's key item. */
export function keyKindOf(resource: ResourceMeta): KeyKind {
  const element = resource.keyItem ? resource.elements.get(resource.keyItem) : undefined;
  if (element === ID_NUMBER_ELEMENT) return 'id_number';
  if (element === CREDIT_CODE_ELEMENT) return 'credit_code';
  return 'record_key';
}

/** A printable, bounded rendering of a refused key for the audit log. */
export function keyForLog(raw: unknown): string {
  if (typeof raw !== 'string') return `<${typeof raw}>`;
  return raw.length > 64 ? `${raw.slice(0, 64)}…` : raw;
}

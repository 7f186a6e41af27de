/**
 * Field sets for the base registries, and training a model from a first bulk of records.
 * Column names are logical; a registry maps each department's columns onto them.
 *
 * @example
 * const fields = personModel({ name: '姓名', id_number: '公民身份号码', birth_date: '出生日期' });
 * const params = await estimateModel(fields, records);
 * const linker = await createLinker({ fields, params, prefix: 'P' });
 */
import type { FieldKind, FieldSpec } from './kinds.ts';
import { createStore } from './encode/store.ts';
import { estimateParams } from './pipeline.ts';
import { loadChineseTools } from './chinese/tools.ts';
import type { LinkageParams } from './train.ts';
import type { IncomingRecord } from './linker.ts';

const PERSON = { name: 'full_name', id_number: 'id_number', birth_date: 'birth_date', sex: 'sex', phone: 'phone', address: 'address', ethnicity: 'ethnicity' } as const satisfies Record<string, FieldKind>;
const LEGAL_ENTITY = { credit_code: 'credit_code', org_name: 'other', legal_rep: 'full_name', phone: 'phone', address: 'address' } as const satisfies Record<string, FieldKind>;
const HOUSE = { address: 'address', owner_name: 'full_name', owner_id: 'id_number', cert_no: 'other_id' } as const satisfies Record<string, FieldKind>;

type Columns<T> = Partial<Record<keyof T, string | null>>;

function build<T extends Record<string, FieldKind>>(base: T, columns: Columns<T>): FieldSpec[] {
  return (Object.keys(base) as (keyof T & string)[]).flatMap((key) => {
    const column = columns[key];
    if (column === null) return [];
    return [{ column: column ?? key, kind: base[key] as FieldKind }];
  });
}

/** 人口库: name, ID number, birth date, sex, phone, address, ethnicity (null drops a field). */
export function personModel(columns: Columns<typeof PERSON> = {}): FieldSpec[] {
  return build(PERSON, columns);
}

/** 法人库: unified social credit code, organisation name, legal representative, phone, address. */
export function legalEntityModel(columns: Columns<typeof LEGAL_ENTITY> = {}): FieldSpec[] {
  return build(LEGAL_ENTITY, columns);
}

/** 房屋库: address, owner name and ID, certificate number. */
export function houseModel(columns: Columns<typeof HOUSE> = {}): FieldSpec[] {
  return build(HOUSE, columns);
}

/** Unsupervised estimate (blocking, EM) from a first bulk of records, deduplicated as one file. */
export async function estimateModel(fields: readonly FieldSpec[], records: readonly IncomingRecord[], options: { seed?: number } = {}): Promise<LinkageParams> {
  const chinese = records.some((r) => Object.values(r.values).some((v) => v !== undefined && /[\u3400-\u9fff]/.test(v))) ? await loadChineseTools() : undefined;
  const store = createStore(fields, { chinese });
  for (const r of records) store.add(r.id, (c) => r.values[c]);
  return estimateParams(store, { seed: options.seed });
}

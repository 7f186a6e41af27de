/**
 * Conversions between the registries' domain values and their table rows.
 *
 * @example
 * const row = mentionRow(mention, 'P00000001', now);
 * rowMention(row).ref === mention.ref // true
 */
import { dwellingKey } from './dwelling.ts';
import type { Field, RegistryKind } from './fields.ts';
import type { GoldenRecord } from './golden.ts';
import { mentionRef, type MentionRecord } from './records.ts';
import type { RegistryEntityRow, RegistryMentionRow } from './tables.ts';

export function mentionRow(m: MentionRecord, entityId: string, linkedAt: string): RegistryMentionRow {
  return {
    resource_code: m.resourceCode, record_key: m.recordKey, role: m.role, kind: m.kind, entity_id: entityId, department_code: m.departmentCode,
    version: m.version, batch_id: m.batchId, at: m.at, values: JSON.stringify(m.values), items: JSON.stringify(m.items), hints: JSON.stringify(m.hints),
    event_date: m.eventDate, linked_at: linkedAt,
  };
}

export function rowMention(r: RegistryMentionRow): MentionRecord {
  return {
    ref: mentionRef(r.resource_code, r.record_key, r.role), kind: r.kind as RegistryKind, role: r.role, resourceCode: r.resource_code, recordKey: r.record_key,
    version: Number(r.version), departmentCode: r.department_code, batchId: r.batch_id, at: r.at,
    values: JSON.parse(r.values) as Partial<Record<Field, string>>, items: JSON.parse(r.items) as Partial<Record<Field, string>>,
    hints: JSON.parse(r.hints) as Partial<Record<Field, string>>, eventDate: r.event_date,
  };
}

const LABEL: Readonly<Record<RegistryKind, Field>> = { person: 'name', business: 'org_name', house: 'address' };
const IDENTIFIER: Readonly<Record<RegistryKind, Field>> = { person: 'id_number', business: 'credit_code', house: 'unit_no' };

export function entityRow(
  kind: RegistryKind,
  id: string,
  golden: GoldenRecord | null,
  state: { status: 'active' | 'merged' | 'retired'; mergedInto: string | null; openDiscrepancies: number; at: string },
): RegistryEntityRow {
  const f = golden?.fields;
  return {
    id, kind, status: state.status, merged_into: state.mergedInto, golden: JSON.stringify(golden ?? { kind, fields: {}, departments: [], mentionCount: 0 }),
    label: f?.[LABEL[kind]]?.value ?? '', identifier: f?.[IDENTIFIER[kind]]?.value ?? '', household_no: f?.household_no?.value ?? '',
    address_key: dwellingKey(f?.address?.value), mention_count: golden?.mentionCount ?? 0, open_discrepancies: state.openDiscrepancies,
    created_at: state.at, updated_at: state.at,
  };
}

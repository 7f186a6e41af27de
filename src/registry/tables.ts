import type { Generated } from 'kysely';

/**
 * Registry tables (人口库/法人库/房屋库). A mention is one party named by one aggregated record;
 * an entity is a registry's record of one person, business or house with its golden record.
 */
export interface RegistryStateRow {
  /** person | business | house, or 'feed' for the change-log cursor. */
  kind: string;
  /** JSON LinkageParams, null until trained. */
  params: string | null;
  trained_size: number;
  next_entity: number;
  last_seq: number;
  updated_at: string;
}

export interface RegistryMentionRow {
  resource_code: string;
  record_key: string;
  /** '' for the record's subject; legal_rep, owner, employer or a prefix such as 男方. */
  role: string;
  kind: string;
  entity_id: string;
  department_code: string;
  version: number;
  batch_id: string;
  /** When this version arrived (batch time), ISO-8601. */
  at: string;
  /** JSON field → raw value. */
  values: string;
  /** JSON field → item name. */
  items: string;
  /** JSON field → value of the subject used for linking only. */
  hints: string;
  event_date: string;
  linked_at: string;
}

export interface RegistryEntityRow {
  id: string;
  kind: string;
  /** active | merged | retired */
  status: string;
  merged_into: string | null;
  /** JSON GoldenRecord. */
  golden: string;
  /** Name, organisation name or house address, for search and lists. */
  label: string;
  /** ID number, credit code or property unit number of the golden record. */
  identifier: string;
  household_no: string;
  /** Town + village + house detail of the golden address, to relate persons and houses. */
  address_key: string;
  mention_count: number;
  open_discrepancies: number;
  created_at: string;
  updated_at: string;
}

export interface RegistryEventRow {
  id: Generated<number>;
  kind: string;
  entity_id: string;
  /** created | joined | merged | merged_into | split | split_off | decision */
  type: string;
  /** JSON array of entity ids merged in or split from. */
  from_ids: string;
  /** JSON array of mention refs moved. */
  refs: string;
  actor: string;
  at: string;
}

export interface RegistryReviewRow {
  id: string;
  kind: string;
  a: string;
  b: string;
  probability: number;
  /** open | decided | obsolete */
  status: string;
  decision: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface RegistryDecisionRow {
  kind: string;
  a: string;
  b: string;
  decision: string;
  /** review | rule */
  origin: string;
  actor: string;
  at: string;
}

export interface RegistryDiscrepancyRow {
  id: string;
  fingerprint: string;
  kind: string;
  entity_id: string;
  field: string;
  /** conflict | death_unknown_to_register | listed_after_death | listed_after_move_out */
  type: string;
  /** JSON value classes with their sources. */
  values: string;
  expected: string | null;
  reason: string;
  /** JSON targets with the objection raised for each. */
  targets: string;
  /** Departments asked to verify, as ",GAJ,RSJ," for filtering. */
  departments: string;
  /** open | resolved */
  status: string;
  detected_at: string;
  resolved_at: string | null;
}

/** One objection per record item and value, however many discrepancies point at it. */
export interface RegistryObjectionRow {
  resource_code: string;
  record_key: string;
  item: string;
  value: string;
  objection_id: string | null;
  discrepancy_id: string;
  department_code: string;
  raised_at: string;
  error: string | null;
}

export interface RegistryTables {
  registry_state: RegistryStateRow;
  registry_mentions: RegistryMentionRow;
  registry_entities: RegistryEntityRow;
  registry_events: RegistryEventRow;
  registry_review: RegistryReviewRow;
  registry_decisions: RegistryDecisionRow;
  registry_discrepancies: RegistryDiscrepancyRow;
  registry_objections: RegistryObjectionRow;
}

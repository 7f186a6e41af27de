import type { Generated } from 'kysely';

export interface ResourceRow {
  id: string;
  code: string;
  name: string;
  class_code: string;
  item_code: string;
  catalog_code: string;
  detail_code: string | null;
  provider_department_id: string;
  provider_code: string;
  summary: string;
  format: string;
  sharing_type: string;
  sharing_condition: string | null;
  sharing_basis: string | null;
  sharing_method: string;
  open_flag: number;
  open_condition: string | null;
  update_cycle: string;
  related_codes: string;
  status: string;
  version: number;
  published_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ResourceItemRow {
  id: string;
  resource_id: string;
  position: number;
  name: string;
  data_type: string;
  element_code: string | null;
  length: number | null;
  is_key: number;
  authoritative: number;
}

export interface ResourceVersionRow {
  id: Generated<number>;
  resource_id: string;
  version: number;
  action: string;
  actor_id: string;
  actor_name: string;
  at: string;
  /** JSON: [{ field, before, after }] */
  changes: string;
  comment: string | null;
  /** JSON snapshot of the resource after the change. */
  snapshot: string;
}

export interface AuthoritativeSourceRow {
  element_code: string;
  scope: string;
  department_id: string;
  resource_id: string | null;
  claimed_by: string;
  claimed_at: string;
}

export interface CustomElementRow {
  code: string;
  name: string;
  /** JSON of the custom element spec (see standards' customElement). */
  spec: string;
  created_by: string;
  created_at: string;
}

export interface CatalogTables {
  catalog_resources: ResourceRow;
  catalog_items: ResourceItemRow;
  catalog_versions: ResourceVersionRow;
  authoritative_sources: AuthoritativeSourceRow;
  custom_elements: CustomElementRow;
}

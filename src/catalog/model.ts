import type { ResourceItemRow, ResourceRow } from './tables.ts';
import { classificationName, RESOURCE_CLASSES } from './taxonomy.ts';

/** What a department registers: the fields of the national cataloguing guide. */
export interface ResourceInput {
  name: string;
  /** Code of the providing department (提供方). */
  providerCode: string;
  category: { class: string; item: string; catalog: string; detail?: string | undefined };
  summary: string;
  format: string;
  items: ItemInput[];
  sharing: { type: string; condition?: string | undefined; basis?: string | undefined; method: string };
  open: { isOpen: boolean; condition?: string | undefined };
  updateCycle: string;
  relatedCodes?: string[] | undefined;
}

export interface ItemInput {
  name: string;
  dataType: string;
  /** Data element by code, name or synonym. */
  element?: string | undefined;
  isKey?: boolean | undefined;
  length?: number | undefined;
  /** The provider claims to be the authoritative source (一数一源) of this item's element. */
  authoritative?: boolean | undefined;
}

export interface ResourceView {
  id: string;
  code: string;
  name: string;
  category: { class: string; item: string; catalog: string; detail: string | null; className: string; itemName: string | null };
  provider: { departmentId: string; departmentCode: string; departmentName: string; providerCode: string };
  summary: string;
  format: string;
  items: Array<{ name: string; dataType: string; element: { code: string; name: string } | null; isKey: boolean; length: number | null; authoritative: boolean }>;
  sharing: { type: string; condition: string | null; basis: string | null; method: string };
  open: { isOpen: boolean; condition: string | null };
  updateCycle: string;
  relatedCodes: string[];
  status: string;
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toView(
  row: ResourceRow,
  items: readonly ResourceItemRow[],
  dept: { code: string; name: string },
  elementName: (code: string) => string | undefined,
): ResourceView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    category: {
      class: row.class_code,
      item: row.item_code,
      catalog: row.catalog_code,
      detail: row.detail_code,
      className: RESOURCE_CLASSES[row.class_code as keyof typeof RESOURCE_CLASSES] ?? row.class_code,
      itemName: classificationName(row.class_code, row.item_code) ?? null,
    },
    provider: { departmentId: row.provider_department_id, departmentCode: dept.code, departmentName: dept.name, providerCode: row.provider_code },
    summary: row.summary,
    format: row.format,
    items: items.map((i) => ({
      name: i.name,
      dataType: i.data_type,
      element: i.element_code ? { code: i.element_code, name: elementName(i.element_code) ?? i.element_code } : null,
      isKey: i.is_key === 1,
      length: i.length,
      authoritative: i.authoritative === 1,
    })),
    sharing: { type: row.sharing_type, condition: row.sharing_condition, basis: row.sharing_basis, method: row.sharing_method },
    open: { isOpen: row.open_flag === 1, condition: row.open_condition },
    updateCycle: row.update_cycle,
    relatedCodes: JSON.parse(row.related_codes) as string[],
    status: row.status,
    version: row.version,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Field-level differences between two views, for the version history. */
export function diffViews(before: ResourceView | undefined, after: ResourceView): Array<{ field: string; before: unknown; after: unknown }> {
  const flat = (v: ResourceView | undefined): Record<string, string> => {
    if (!v) return {};
    const { id: _id, version: _v, updatedAt: _u, createdAt: _c, ...rest } = v;
    const out: Record<string, string> = {};
    const walk = (prefix: string, value: unknown) => {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, val] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, val);
      } else out[prefix] = JSON.stringify(value);
    };
    walk('', rest);
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
  const changes: Array<{ field: string; before: unknown; after: unknown }> = [];
  for (const field of fields) {
    if (a[field] !== b[field]) changes.push({ field, before: a[field] === undefined ? null : JSON.parse(a[field]!), after: b[field] === undefined ? null : JSON.parse(b[field]!) });
  }
  return changes;
}

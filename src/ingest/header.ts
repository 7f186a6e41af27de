import { findElement, headerKey } from '../standards/index.ts';
import type { ResourceSpec } from './compile.ts';

/**
 * Which column of a department file feeds which information item. A department's saved mapping
 * (header → item, or null to ignore a column) is applied first; then a header matches an item by
 * name, then by the item's data element: its name or any synonym (身份证号/公民身份号码/证件号码 all
 * reach the item bound to 公民身份号码). Headers are compared by `headerKey` (full-width folded,
 * case and spaces ignored, a trailing note such as（必填）or（万元）dropped).
 *
 * @example
 * const m = mapColumns(['序号', '身份证号', '姓名'], spec);
 * m.columnOfItem; // [1, 2] when the spec's items are 公民身份号码 and 姓名
 */
export type SavedMapping = Readonly<Record<string, string | null>>;

export interface ColumnMapping {
  /** For each column of the header, the item index it feeds, or -1. */
  readonly itemOfColumn: readonly number[];
  /** For each item, the column that feeds it, or -1. */
  readonly columnOfItem: readonly number[];
  /** header → item name (null when the column is ignored), for the batch report and the mapping editor. */
  readonly byHeader: Record<string, string | null>;
  readonly unmappedHeaders: readonly string[];
  readonly unmappedItems: readonly string[];
}

export function mapColumns(header: readonly string[], spec: ResourceSpec, saved: SavedMapping = {}): ColumnMapping {
  const items = spec.items;
  const itemOfColumn = header.map(() => -1);
  const columnOfItem = items.map(() => -1);
  const decided = header.map(() => false);
  const itemByName = new Map(items.map((item, i) => [headerKey(item.name), i]));
  const assign = (col: number, item: number) => {
    if (item < 0 || columnOfItem[item] !== -1 || decided[col]) return;
    itemOfColumn[col] = item;
    columnOfItem[item] = col;
    decided[col] = true;
  };

  const savedByKey = new Map(Object.entries(saved).map(([h, item]) => [headerKey(h), item]));
  header.forEach((h, col) => {
    const key = headerKey(h);
    if (!savedByKey.has(key)) return;
    const target = savedByKey.get(key);
    if (target === null) decided[col] = true;
    else if (target !== undefined) assign(col, itemByName.get(headerKey(target)) ?? -1);
  });
  header.forEach((h, col) => assign(col, itemByName.get(headerKey(h)) ?? -1));
  header.forEach((h, col) => {
    if (decided[col] || !h.trim()) return;
    const key = headerKey(h);
    const code = findElement(h)?.code;
    const candidates = items.flatMap((item, i) => {
      if (columnOfItem[i] !== -1 || !item.element) return [];
      const e = item.element;
      const named = headerKey(e.name) === key || e.synonyms.some((s) => headerKey(s) === key);
      return named || (code !== undefined && e.code === code) ? [i] : [];
    });
    if (candidates.length === 1) assign(col, candidates[0]!);
  });

  const byHeader: Record<string, string | null> = {};
  header.forEach((h, col) => {
    if (!(h in byHeader) || itemOfColumn[col]! >= 0) byHeader[h] = itemOfColumn[col]! >= 0 ? items[itemOfColumn[col]!]!.name : null;
  });
  return {
    itemOfColumn,
    columnOfItem,
    byHeader,
    unmappedHeaders: header.filter((h, col) => itemOfColumn[col] === -1 && h.trim() !== ''),
    unmappedItems: items.filter((_, i) => columnOfItem[i] === -1).map((item) => item.name),
  };
}

/** How many items a row would map if it were the header. */
function score(row: readonly string[], spec: ResourceSpec, saved: SavedMapping): number {
  return mapColumns(row, spec, saved).columnOfItem.filter((c) => c >= 0).length;
}

/**
 * The header among the first rows: the one mapping the most items (the earliest on a tie), so that
 * a merged title row or a blank line above the header is passed over. -1 when no row maps any item.
 */
export function findHeaderRow(rows: ReadonlyArray<readonly string[]>, spec: ResourceSpec, saved: SavedMapping = {}): number {
  let best = -1;
  let bestScore = 0;
  rows.forEach((row, i) => {
    const s = score(row, spec, saved);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}

/** Rows examined when looking for the header. */
export const HEADER_SEARCH_ROWS = 20;

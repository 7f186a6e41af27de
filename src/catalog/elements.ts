import { builtinElements, customElement, findElement, validateCustomElementSpec } from '../standards/index.ts';
import type { CustomElementRow } from './tables.ts';

/** What the catalog needs to know about a data element, built-in or added by the county. */
export interface ElementInfo {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly dataType: string;
  readonly standard: string;
  readonly description: string;
  readonly synonyms: readonly string[];
  readonly builtin: boolean;
}

export function builtinElementInfos(): ElementInfo[] {
  return builtinElements.map((e) => ({ code: e.code, name: e.name, nameEn: e.nameEn, dataType: e.dataType, standard: e.standard, description: e.description, synonyms: e.synonyms, builtin: true }));
}

export function customElementInfo(row: CustomElementRow): ElementInfo {
  const spec = JSON.parse(row.spec) as { dataType: string; description?: string };
  return { code: row.code, name: row.name, nameEn: row.name, dataType: spec.dataType, standard: '本县自定义 / county-defined', description: spec.description ?? '', synonyms: [], builtin: false };
}

/** Finds an element by code, name or synonym among built-ins and the county's custom elements. */
export function resolveElement(codeOrName: string, customs: readonly CustomElementRow[]): ElementInfo | undefined {
  const key = codeOrName.trim();
  const builtin = findElement(key);
  if (builtin) return builtinElementInfos().find((e) => e.code === builtin.code);
  const custom = customs.find((c) => c.code === key || c.name === key);
  return custom ? customElementInfo(custom) : undefined;
}

export { customElement, validateCustomElementSpec };

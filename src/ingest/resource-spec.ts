import type { ResourceView } from '../catalog/model.ts';
import { invalidInput } from '../shared/errors.ts';
import { findElement, type CustomElementSpec } from '../standards/index.ts';
import type { CrossFieldPolicy, ResourceSpec } from './compile.ts';

/**
 * A resource's ingest profile and the plain-data spec the row pipeline validates against.
 * The profile names the required items (必填项; by default the key items) and whether a cross-field
 * inconsistency between two required items quarantines the row or only warns. A key item the profile
 * leaves optional may be blank: such a row is keyed by its content (see prepare.ts).
 *
 * @example
 * specOf(view, { required: ['姓名'] }, new Map()).items.find((i) => i.name === '姓名')?.required; // true
 */
export interface IngestProfile {
  readonly required?: readonly string[];
  readonly crossField?: CrossFieldPolicy;
}

export function parseProfile(text: string): IngestProfile {
  try {
    const p = JSON.parse(text) as IngestProfile;
    return typeof p === 'object' && p !== null ? p : {};
  } catch {
    return {};
  }
}

/** Checks a profile against the resource's items; throws invalid_input naming unknown items. */
export function checkProfile(profile: IngestProfile, view: ResourceView): IngestProfile {
  const names = new Set(view.items.map((i) => i.name));
  const unknown = (profile.required ?? []).filter((n) => !names.has(n));
  const problems = unknown.map((n) => ({ path: `/required/${(profile.required ?? []).indexOf(n)}`, message: `信息项 ${n} 不存在 / no item ${n}` }));
  if (profile.crossField !== undefined && profile.crossField !== 'quarantine' && profile.crossField !== 'warn') {
    problems.push({ path: '/crossField', message: 'quarantine / warn' });
  }
  if (problems.length > 0) throw invalidInput('归集设置有误 / invalid ingest profile', problems);
  return { required: [...new Set(profile.required ?? [])], crossField: profile.crossField ?? 'quarantine' };
}

export function specOf(view: ResourceView, profile: IngestProfile, customs: ReadonlyMap<string, CustomElementSpec>): ResourceSpec {
  const required = new Set(profile.required ?? []);
  return {
    code: view.code,
    crossField: profile.crossField ?? 'quarantine',
    items: view.items.map((item) => {
      const builtin = item.element ? findElement(item.element.code) : undefined;
      const custom = item.element ? customs.get(item.element.code) ?? null : null;
      return {
        name: item.name,
        dataType: item.dataType,
        length: item.length,
        isKey: item.isKey,
        // Without a profile the key items are the required ones; a profile says exactly which are.
        required: profile.required ? required.has(item.name) : item.isKey,
        element: item.element
          ? { code: item.element.code, name: item.element.name, synonyms: builtin ? [...builtin.synonyms] : custom?.synonyms ? [...custom.synonyms] : [], custom: builtin ? null : custom }
          : null,
      };
    }),
  };
}

export function customSpecs(rows: ReadonlyArray<{ code: string; spec: string }>): Map<string, CustomElementSpec> {
  const out = new Map<string, CustomElementSpec>();
  for (const r of rows) {
    try {
      const spec = JSON.parse(r.spec) as CustomElementSpec;
      out.set(r.code, { ...spec, description: spec.description ?? '' });
    } catch {
      // A spec the catalog could not have saved; the item is then checked by its data type.
    }
  }
  return out;
}

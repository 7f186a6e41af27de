import { keyKindOf as defaultKind, type KeyKind } from './keys.ts';
import type { ResourceMeta } from './model.ts';

/**
 * Where exchange lookups get their data. The aggregated department records (ingest) serve every resource
 * by default; the base registries (人口库/法人库/房屋库) and the citizen data tracker register their own
 * sources, and the platform admin binds a catalog resource to one of them.
 *
 * @example
 * const source: LookupSource = {
 *   name: 'registry:person', label: '人口库 / population registry', keyKind: () => 'id_number',
 *   get: async (_resource, id) => people.get(id),
 * };
 * exchange.sources.register(source);
 * await exchange.bindSource('101001/000001', 'registry:person', actor);
 */
export interface LookupSource {
  readonly name: string;
  readonly label: string;
  /** How keys are validated for a resource this source serves. */
  keyKind(resource: ResourceMeta): KeyKind;
  /** The record for one key as item name → value, or undefined when there is none. */
  get(resource: ResourceMeta, key: string): Promise<SourceRecord | undefined>;
  /** Batch form; sources without it are asked key by key. */
  getMany?(resource: ResourceMeta, keys: readonly string[]): Promise<ReadonlyMap<string, SourceRecord>>;
}

export interface SourceRecord {
  /** Item name → value. Items the resource does not list are ignored. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The citizen ID number the record is about, when the key is not one (for the data-use tracker). */
  readonly subject?: string | null;
}

export interface SourceRegistry {
  register(source: LookupSource): void;
  get(name: string): LookupSource | undefined;
  list(): Array<{ name: string; label: string }>;
}

export function createSourceRegistry(): SourceRegistry {
  const sources = new Map<string, LookupSource>();
  return {
    register(source) {
      sources.set(source.name, source);
    },
    get: (name) => sources.get(name),
    list: () => [...sources.values()].map((s) => ({ name: s.name, label: s.label })),
  };
}

export async function getMany(source: LookupSource, resource: ResourceMeta, keys: readonly string[]): Promise<ReadonlyMap<string, SourceRecord>> {
  if (source.getMany) return source.getMany(resource, keys);
  const out = new Map<string, SourceRecord>();
  const found = await Promise.all(keys.map((k) => source.get(resource, k)));
  keys.forEach((k, i) => {
    const r = found[i];
    if (r) out.set(k, r);
  });
  return out;
}

/**
 * An in-memory source: for tests, demos and benchmarks. Records are keyed by resource code and key.
 *
 * @example
 * const mem = createMemorySource('memory', 'id_number');
 * mem.put('301001/000001', '11010519491231002X', { 姓名: '张三', 保障金额: 850 });
 */
export function createMemorySource(name: string, kind?: KeyKind) {
  const data = new Map<string, Map<string, SourceRecord>>();
  const source: LookupSource & {
    put(resourceCode: string, key: string, values: Record<string, unknown>, subject?: string | null): void;
    delete(resourceCode: string, key: string): void;
  } = {
    name,
    label: `内存数据源 ${name} / in-memory source`,
    keyKind: (resource) => kind ?? defaultKind(resource),
    async get(resource, key) {
      return data.get(resource.code)?.get(key);
    },
    async getMany(resource, keys) {
      const table = data.get(resource.code);
      const out = new Map<string, SourceRecord>();
      if (!table) return out;
      for (const k of keys) {
        const r = table.get(k);
        if (r) out.set(k, r);
      }
      return out;
    },
    put(resourceCode, key, values, subject = null) {
      let table = data.get(resourceCode);
      if (!table) data.set(resourceCode, (table = new Map()));
      table.set(key, { values, subject });
    },
    delete(resourceCode, key) {
      data.get(resourceCode)?.delete(key);
    },
  };
  return source;
}

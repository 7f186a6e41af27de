import { performance } from 'node:perf_hooks';
import type { ResourceMeta } from './model.ts';

/** The catalog view the directory reads; the catalog service's `published()` fits. */
export interface PublishedCatalog {
  published(): Promise<ReadonlyArray<{
    id: string;
    code: string;
    name: string;
    provider: { departmentId: string; departmentCode: string };
    sharing: { type: string; condition: string | null; basis: string | null };
    items: ReadonlyArray<{ name: string; element: { code: string } | null; isKey: boolean }>;
  }>>;
}

const MIN_RELOAD_MS = 1000;

/**
 * Published catalog resources held in memory for the exchange hot path. Reloaded every few seconds by
 * the service's poller, after grant changes, and at most once a second when a call names a code it
 * does not know (so a just-published resource works at once and unknown codes cannot force reloads).
 */
export function createResourceDirectory(catalog: PublishedCatalog) {
  let byCode = new Map<string, ResourceMeta>();
  let byId = new Map<string, ResourceMeta>();
  let loadedAt = -Infinity;
  let loading: Promise<void> | undefined;

  async function reload(): Promise<void> {
    loading ??= (async () => {
      try {
        const views = await catalog.published();
        const metas = views.map((v): ResourceMeta => ({
          id: v.id,
          code: v.code,
          name: v.name,
          providerDepartmentId: v.provider.departmentId,
          providerDepartmentCode: v.provider.departmentCode,
          sharingType: v.sharing.type,
          condition: v.sharing.condition,
          basis: v.sharing.basis,
          items: v.items.map((i) => i.name),
          elements: new Map(v.items.map((i) => [i.name, i.element?.code ?? null])),
          keyItem: v.items.find((i) => i.isKey)?.name ?? null,
        }));
        byCode = new Map(metas.map((m) => [m.code, m]));
        byId = new Map(metas.map((m) => [m.id, m]));
        loadedAt = performance.now();
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  }

  return {
    reload,
    byId: (id: string) => byId.get(id),
    /** The cached resource for a code, without reloading. */
    peek: (code: string) => byCode.get(code),
    all: () => [...byCode.values()],
    /** The resource for a code, reloading (rate-limited) when the code is unknown. */
    async get(code: string): Promise<ResourceMeta | undefined> {
      const hit = byCode.get(code);
      if (hit) return hit;
      if (performance.now() - loadedAt < MIN_RELOAD_MS) return undefined;
      await reload();
      return byCode.get(code);
    },
  };
}

export type ResourceDirectory = ReturnType<typeof createResourceDirectory>;

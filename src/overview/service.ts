import type { CatalogService } from '../catalog/service.ts';
import type { IdentityService } from '../identity/service.ts';
import type { Principal } from '../identity/principal.ts';
import { RESOURCE_CLASSES, SHARING_TYPES, STATUS_LABELS, STATUSES } from '../catalog/taxonomy.ts';
import type { Clock } from '../shared/clock.ts';

export interface CountRow {
  readonly key: string;
  readonly label: string;
  readonly count: number;
}

export type OverviewService = ReturnType<typeof createOverviewService>;

/** What the overview reads from 数据归集 (the ingest service fits); absent, the ingest figures are left out. */
export interface IngestFigures {
  quality(code: string, actor: Principal): Promise<{ current: { score: number; overdue: boolean } | null; lastDeliveryAt: string | null }>;
  listBatches(code: string, actor: Principal, limit?: number): Promise<ReadonlyArray<{ status: string; inserted: number; deleted: number }>>;
}

export interface ResourceDelivery {
  readonly code: string;
  readonly name: string;
  readonly department: string;
  readonly score: number | null;
  /** Records held: inserted minus deleted over the applied batches; null when the viewer may not see the batches. */
  readonly records: number | null;
  readonly lastDeliveryAt: string | null;
  readonly overdue: boolean;
}

async function deliveries(ingest: IngestFigures, resources: ReadonlyArray<{ code: string; name: string; provider: { departmentName: string } }>, viewer: Principal): Promise<ResourceDelivery[]> {
  return Promise.all(resources.map(async (r) => {
    const [quality, batches] = await Promise.all([
      ingest.quality(r.code, viewer).catch(() => null),
      // Batches are the providing department's (and the admin's, the auditor's): others get null.
      ingest.listBatches(r.code, viewer, 500).catch(() => null),
    ]);
    const applied = batches?.filter((b) => b.status === 'applied') ?? null;
    return {
      code: r.code,
      name: r.name,
      department: r.provider.departmentName,
      score: quality?.current ? Math.round(quality.current.score * 10) / 10 : null,
      records: applied ? applied.reduce((n, b) => n + Number(b.inserted) - Number(b.deleted), 0) : null,
      lastDeliveryAt: quality?.lastDeliveryAt ?? null,
      overdue: quality?.current?.overdue ?? quality?.lastDeliveryAt === null,
    };
  }));
}

function tally<T>(values: readonly T[], keyOf: (v: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(keyOf(v), (counts.get(keyOf(v)) ?? 0) + 1);
  return counts;
}

/**
 * The county overview (驾驶舱): aggregate numbers for the console's charts. Resource counts cover what
 * the viewer may see in the catalog (all of it for the platform admin and auditors; published resources
 * and the own department's drafts for everyone else), so the dashboard reveals nothing the catalog hides.
 *
 * @example
 * const numbers = await overview.summary(principal); // numbers.resources.bySharingType → [{ key: '无条件共享', count: 12 }, …]
 */
export function createOverviewService(deps: { catalog: CatalogService; identity: IdentityService; clock: Clock; ingest?: IngestFigures | undefined }) {
  const { catalog, identity, clock } = deps;
  return {
    async summary(viewer: Principal) {
      const [departments, found, authorities] = await Promise.all([
        identity.listDepartments(),
        catalog.search({ limit: Number.MAX_SAFE_INTEGER }, viewer),
        catalog.authorities(),
      ]);
      const resources = found.items;
      const live = resources.filter((r) => r.status !== 'retired');
      const levels = tally(departments, (d) => d.level);
      const sharing = tally(live, (r) => r.sharing.type);
      const statuses = tally(resources, (r) => r.status);
      const classes = tally(live, (r) => r.category.class);
      const byDept = tally(live, (r) => r.provider.departmentCode);
      const deptName = new Map(departments.map((d) => [d.code, d.name]));
      const items = live.flatMap((r) => r.items);
      return {
        generatedAt: clock.now().toISOString(),
        departments: { total: departments.length, byLevel: [...levels].map(([key, count]) => ({ key, label: key, count })) },
        resources: {
          total: live.length,
          published: statuses.get('published') ?? 0,
          open: live.filter((r) => r.open.isOpen).length,
          items: items.length,
          boundItems: items.filter((i) => i.element !== null).length,
          bySharingType: SHARING_TYPES.map((key) => ({ key, label: key, count: sharing.get(key) ?? 0 })),
          byStatus: STATUSES.map((key) => ({ key, label: STATUS_LABELS[key], count: statuses.get(key) ?? 0 })),
          byClass: Object.entries(RESOURCE_CLASSES).map(([key, label]) => ({ key, label, count: classes.get(key) ?? 0 })),
          byDepartment: [...byDept].map(([key, count]) => ({ key, label: deptName.get(key) ?? key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
        },
        authorities: authorities.length,
        deliveries: deps.ingest ? await deliveries(deps.ingest, live.filter((r) => r.status === 'published'), viewer) : null,
      };
    },
  };
}

import type { LookupSource } from '../exchange/index.ts';
import type { TrackerService } from './service.ts';

/** Item names a tracker resource may list; a grant on some of them reveals only those columns. */
export const TRACKER_ITEMS = ['访问时间', '访问部门', '访问者', '信息资源', '信息项', '事由'] as const;

/**
 * The data-use list as an exchange source, so that an official sees a person's list only through a
 * grant on the catalog resource bound to it (purpose-bound, item-filtered and itself audited).
 * Values are columns: one array per item, one element per access, newest first.
 */
export function trackerSource(tracker: Pick<TrackerService, 'accessesOf'>): LookupSource {
  return {
    name: 'tracker',
    label: '数据使用记录 / citizen data-use tracker',
    keyKind: () => 'id_number',
    async get(_resource, idNumber) {
      const accesses = await tracker.accessesOf(idNumber, { limit: 500 });
      if (accesses.length === 0) return undefined;
      return {
        subject: idNumber,
        values: {
          访问时间: accesses.map((a) => a.time),
          访问部门: accesses.map((a) => a.department.name ?? a.department.code),
          访问者: accesses.map((a) => a.actor.name),
          信息资源: accesses.map((a) => a.resource.name ?? a.resource.code),
          信息项: accesses.map((a) => a.items.join('、')),
          事由: accesses.map((a) => a.purpose),
        },
      };
    },
  };
}

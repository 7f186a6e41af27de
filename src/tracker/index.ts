/**
 * 数据使用记录 (citizen data tracker): each person's list of accesses to their data, citizen sign-in,
 * and holds that hide an access until a date.
 *
 * @example
 * const tracker = createTrackerService({ store: createTrackerStore(db), audit, names: identity, clock });
 * exchange.sources.register(trackerSource(tracker));
 */
export { createTrackerService, type TrackerService, type Access } from './service.ts';
export { createTrackerStore } from './store.ts';
export { trackerMigrations } from './migrations.ts';
export type { TrackerTables } from './tables.ts';
export { trackerSource, TRACKER_ITEMS } from './tracker-source.ts';
export { trackerRoutes } from './routes.ts';

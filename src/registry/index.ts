/**
 * 基础库 (base registries: 人口库, 法人库, 房屋库): aggregated department records linked into
 * persons, businesses and houses with stable ids, golden records with provenance on every field,
 * households and links, discrepancies between departments raised as objections, and a review
 * queue for uncertain pairs.
 *
 * @example
 * const registry = createRegistryService({ store: createRegistryStore(handle.db), clock, catalog, identity, feed: ingest, objections: ingestObjections(ingest) });
 * await registry.sync();
 * (await registry.search('person', '王晓明', actor, { limit: 10, offset: 0 })).items;
 */
export { createRegistryService, type RegistryService, type RegistryDeps } from './service.ts';
export { createRegistryStore, type RegistryStore } from './store.ts';
export { registryMigrations } from './migrations.ts';
export type { RegistryTables } from './tables.ts';
export { registryRoutes } from './routes.ts';
export { ingestObjections, memoryFeed, REGISTRY_ACTOR, type ChangeFeed, type FeedChange, type ObjectionSink } from './feed.ts';
export { profileResource, type ResourceProfile, type Mention } from './profiles.ts';
export { classifyItem, REGISTRY_KINDS, type RegistryKind, type Field } from './fields.ts';
export type { SyncReport, SyncOptions } from './sync.ts';
export type { GoldenRecord, GoldenField, Provenance } from './golden.ts';
export type { Discrepancy, DiscrepancyType } from './discrepancies.ts';

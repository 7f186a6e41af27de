/**
 * Governed data exchange (issue 6): grants and applications, authorised lookups and verifications,
 * change subscriptions, monitoring; every call written to the audit log.
 *
 * @example
 * import { createExchangeService, createExchangeStore, type LookupSource } from '../exchange/index.ts';
 * const exchange = createExchangeService({ store: createExchangeStore(handle.db), clock, catalog, identity, calendar, audit });
 * exchange.sources.register(personRegistrySource); // 人口库 by ID number
 */
export { createExchangeService, type ExchangeService, type ExchangeServiceDeps } from './service.ts';
export { createExchangeStore, type ExchangeStore } from './store.ts';
export { exchangeMigrations } from './migrations.ts';
export type { ExchangeTables } from './tables.ts';
export { createMemorySource, type LookupSource, type SourceRecord, type SourceRegistry } from './sources.ts';
export { recordsSource, ingestChangeFeed, subjectInRecord, type RecordReader, type ChangeReader } from './records-source.ts';
export { checkKey, keyKindOf, type KeyKind } from './keys.ts';
export type { HoldSink, HoldRequest, AuditSink } from './audit-port.ts';
export type { ResourceMeta, GrantView } from './model.ts';
export { REFUSALS, type RefusalReason } from './refusals.ts';
export { exchangeRoutes } from './routes.ts';
export { exchangeApiRoutes } from './api-routes.ts';
export { subscriptionRoutes } from './subscription-routes.ts';
export { createMemoryChangeFeed, type ChangeFeed, type RecordChange } from './change-feed.ts';
export { verifyWebhook, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_HEADER, TOLERANCE_SECONDS } from './webhooks.ts';
export { natsSubject, NATS_STREAM } from './nats.ts';
export { auditRoutes } from './audit-routes.ts';
export { registerAdminAudit } from './admin-audit.ts';

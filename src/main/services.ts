import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { createIdentityService } from '../identity/service.ts';
import { createIdentityStore } from '../identity/store.ts';
import type { ScryptCost } from '../identity/secrets.ts';
import { createCatalogService } from '../catalog/service.ts';
import { createCatalogStore } from '../catalog/store.ts';
import { createCalendarService } from '../calendar/service.ts';
import { createIngestService } from '../ingest/index.ts';
import { createAuditService, createAuditStore } from '../audit/index.ts';
import { createExchangeService, createExchangeStore, ingestChangeFeed, recordsSource } from '../exchange/index.ts';
import { createTrackerService, createTrackerStore, trackerSource } from '../tracker/index.ts';
import { createRegistryService, createRegistryStore, ingestObjections } from '../registry/index.ts';

export interface ServiceOptions {
  readonly config: Config;
  readonly handle: DatabaseHandle;
  readonly clock: Clock;
  /** Tests lower the password cost; production keeps the default. */
  readonly passwordCost?: ScryptCost;
}

/** Wires every module's service over one database. Entry points (server, CLI, worker) share this. */
export function createServices(options: ServiceOptions) {
  const { config, handle, clock } = options;
  const identity = createIdentityService({ store: createIdentityStore(handle.db), clock, sessionTtlHours: config.sessionTtlHours, ...(options.passwordCost ? { passwordCost: options.passwordCost } : {}) });
  const catalog = createCatalogService({ store: createCatalogStore(handle.db), clock, identity });
  const calendar = createCalendarService({ db: handle.db, clock });
  const ingest = createIngestService({ handle, catalog, calendar, clock });
  // One audit service per process: it groups concurrent appends into one transaction.
  const audit = createAuditService({ store: createAuditStore(handle), clock, origin: config.auditOrigin, keySecret: config.auditKeySecret });
  const tracker = createTrackerService({ store: createTrackerStore(handle.db), audit, names: identity, clock, resourceName: (code) => exchange.resources.peek(code)?.name });
  const exchange = createExchangeService({ store: createExchangeStore(handle.db), clock, catalog, identity, calendar, audit, holds: tracker.holds, natsUrl: config.natsUrl });
  exchange.sources.register(trackerSource(tracker));
  exchange.sources.register(recordsSource(ingest));
  exchange.changes.attachFeed(ingestChangeFeed(ingest));
  const registry = createRegistryService({ store: createRegistryStore(handle.db), clock, catalog, identity, feed: ingest, objections: ingestObjections(ingest) });
  return { config, handle, clock, identity, catalog, calendar, ingest, audit, exchange, tracker, registry };
}

export type Services = ReturnType<typeof createServices>;

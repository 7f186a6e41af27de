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
import { createAuditService, createAuditStore, startAuditWriter } from '../audit/index.ts';
import { createExchangeService, createExchangeStore, ingestChangeFeed, recordsSource } from '../exchange/index.ts';
import { createTrackerService, createTrackerStore, trackerSource } from '../tracker/index.ts';
import { createRegistryService, createRegistryStore, ingestObjections } from '../registry/index.ts';

export interface ServiceOptions {
  readonly config: Config;
  readonly handle: DatabaseHandle;
  readonly clock: Clock;
  /** Tests lower the password cost; production keeps the default. */
  readonly passwordCost?: ScryptCost;
  /** The server appends the exchange's audit entries from a writer thread (SQLite files only). */
  readonly auditWriterThread?: boolean;
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
  const threaded = options.auditWriterThread && handle.engine === 'sqlite' && handle.file && handle.file !== ':memory:';
  const callAudit = threaded ? startAuditWriter({ file: handle.file!, origin: config.auditOrigin, keySecret: config.auditKeySecret, clock }) : undefined;
  const tracker = createTrackerService({ store: createTrackerStore(handle.db), audit, names: identity, clock, resourceName: (code) => exchange.resources.peek(code)?.name });
  const exchange = createExchangeService({ store: createExchangeStore(handle.db), clock, catalog, identity, calendar, audit, callAudit, holds: tracker.holds, natsUrl: config.natsUrl });
  exchange.sources.register(trackerSource(tracker));
  exchange.sources.register(recordsSource(ingest));
  exchange.changes.attachFeed(ingestChangeFeed(ingest));
  const registry = createRegistryService({ store: createRegistryStore(handle.db), clock, catalog, identity, feed: ingest, objections: ingestObjections(ingest) });
  /** Writes what the audit log has queued (in this thread and the writer thread) and signs final checkpoints. */
  const closeAudit = async () => {
    await callAudit?.close();
    await audit.close();
  };
  return { config, handle, clock, identity, catalog, calendar, ingest, audit, closeAudit, exchange, tracker, registry };
}

export type Services = ReturnType<typeof createServices>;

import multipart from '@fastify/multipart';
import type { Config } from '../config.ts';
import type { Services } from '../main/services.ts';
import { identityRoutes } from '../identity/routes.ts';
import { catalogRoutes } from '../catalog/routes.ts';
import { ingestRoutes } from '../ingest/index.ts';
import { calendarRoutes } from '../calendar/routes.ts';
import { overviewRoutes } from '../overview/routes.ts';
import { auditRoutes, exchangeApiRoutes, exchangeRoutes, registerAdminAudit, subscriptionRoutes } from '../exchange/index.ts';
import { trackerRoutes } from '../tracker/index.ts';
import { registryRoutes } from '../registry/index.ts';
import type { App } from './types.ts';

/** Every module's routes, mounted under /api. */
export async function apiRoutes(app: App, services: Services, config: Config): Promise<void> {
  // First, so that its onResponse hook covers every route below.
  registerAdminAudit(app, { audit: services.audit });
  identityRoutes(app, { identity: services.identity, config });
  // File uploads get their own scope: the multipart plugin's hooks (an async onRequest that puts a close
  // listener on every response, an async onResponse) would otherwise run on every request, the exchange's
  // lookups included; elsewhere a multipart body is refused as an unsupported media type.
  await app.register(async (uploads) => {
    await uploads.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 20 } });
    catalogRoutes(uploads as unknown as App, { catalog: services.catalog });
    ingestRoutes(uploads as unknown as App, { ingest: services.ingest, config });
  });
  calendarRoutes(app, { calendar: services.calendar });
  overviewRoutes(app, { catalog: services.catalog, identity: services.identity, clock: services.clock, ingest: services.ingest });
  exchangeRoutes(app, { exchange: services.exchange });
  exchangeApiRoutes(app, { exchange: services.exchange });
  subscriptionRoutes(app, { exchange: services.exchange });
  auditRoutes(app, { audit: services.audit });
  trackerRoutes(app, { tracker: services.tracker, identity: services.identity, config });
  registryRoutes(app, { registry: services.registry });
}

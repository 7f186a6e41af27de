import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { createIdentityService } from '../identity/service.ts';
import { createIdentityStore } from '../identity/store.ts';
import type { ScryptCost } from '../identity/secrets.ts';
import { createCatalogService } from '../catalog/service.ts';
import { createCatalogStore } from '../catalog/store.ts';
import { createCalendarService } from '../calendar/service.ts';

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
  return { config, handle, clock, identity, catalog, calendar };
}

export type Services = ReturnType<typeof createServices>;

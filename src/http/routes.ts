import type { Config } from '../config.ts';
import type { Services } from '../main/services.ts';
import { identityRoutes } from '../identity/routes.ts';
import { catalogRoutes } from '../catalog/routes.ts';
import { calendarRoutes } from '../calendar/routes.ts';
import type { App } from './types.ts';

/** Every module's routes, mounted under /api. */
export async function apiRoutes(app: App, services: Services, config: Config): Promise<void> {
  identityRoutes(app, { identity: services.identity, config });
  catalogRoutes(app, { catalog: services.catalog });
  calendarRoutes(app, { calendar: services.calendar });
}

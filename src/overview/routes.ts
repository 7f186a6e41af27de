import type { App } from '../http/types.ts';
import type { CatalogService } from '../catalog/service.ts';
import type { IdentityService } from '../identity/service.ts';
import type { Clock } from '../shared/clock.ts';
import { createOverviewService, type IngestFigures } from './service.ts';

/** GET /api/overview: the numbers behind the console's county overview (驾驶舱). */
export function overviewRoutes(app: App, deps: { catalog: CatalogService; identity: IdentityService; clock: Clock; ingest?: IngestFigures }) {
  const overview = createOverviewService(deps);
  app.get('/overview', { config: { access: 'dashboard:read' }, schema: { tags: ['overview'], summary: '驾驶舱汇总数据 / county overview numbers' } }, async (request) => overview.summary(request.principal!));
}

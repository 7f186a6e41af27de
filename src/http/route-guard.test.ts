import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';

/**
 * The deliberately public routes. Anything else must refuse an anonymous caller; adding a route to this
 * list is a security decision and belongs in review.
 */
const PUBLIC_ROUTES = new Set([
  'POST /api/auth/login',
  'POST /api/auth/citizen/code',
  'POST /api/auth/citizen/login',
  'GET /api/audit/checkpoint',
  'GET /api/audit/key',
  'GET /api/health',
]);
const isPublicUrl = (method: string, url: string) => PUBLIC_ROUTES.has(`${method} ${url}`) || url.startsWith('/docs') || url === '/*' || url === '/';

describeEachDatabase('route guard', (ctx) => {
  it('declares access on every route and makes public only the allow-listed ones', async () => {
    const app = await testKit(ctx()).app();
    await app.ready();
    const table = app.routeTable.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    assert.ok(table.length > 10, 'route table should list the API');
    const unexpectedPublic = table.filter((r) => r.access === 'public' && !isPublicUrl(r.method, r.url));
    assert.deepEqual(unexpectedPublic, [], 'routes marked public that are not on the allow-list');
  });

  it('refuses every non-public route to an anonymous caller with problem+json', async () => {
    const app = await testKit(ctx()).app();
    await app.ready();
    for (const route of app.routeTable) {
      if (route.access === 'public' || route.method === 'HEAD' || route.method === 'OPTIONS') continue;
      const url = route.url.replace(/:(\w+)/g, 'x1');
      const res = await app.inject({ method: route.method as 'GET', url, payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
      assert.equal(res.statusCode, 401, `${route.method} ${route.url} answered ${res.statusCode} to an anonymous caller`);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    }
  });
});

describeEachDatabase('app construction', (ctx) => {
  it('refuses to register a route that declares no access', async () => {
    const app = await testKit(ctx()).app();
    assert.throws(() => app.get('/api/forgotten', async () => 'x'), /declares no access/);
  });
});

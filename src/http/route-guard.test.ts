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

describeEachDatabase('multipart scope', (ctx) => {
  it('parses multipart bodies on the upload routes only; elsewhere they are refused with 415 problem+json', async () => {
    const kit = testKit(ctx());
    const app = await kit.app();
    const admin = await kit.newUser(['platform_admin']);
    const boundary = 'shutong-test-boundary';
    const payload = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\ncontent-type: text/csv\r\n\r\na,b\r\n--${boundary}--\r\n`;
    const headers = { ...admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` };
    const elsewhere = await app.inject({ method: 'PUT', url: '/api/calendar', headers, payload });
    assert.equal(elsewhere.statusCode, 415, elsewhere.body);
    assert.match(String(elsewhere.headers['content-type']), /application\/problem\+json/);
    // The catalog's Excel import still reads the file (and refuses it as not a spreadsheet).
    const upload = await app.inject({ method: 'POST', url: '/api/catalog/import', headers, payload });
    assert.equal(upload.statusCode, 400, upload.body);
    assert.match(upload.body, /file|Excel|文件/);
  });
});

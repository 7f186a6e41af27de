import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { resourceInput } from '../catalog/fixtures.ts';

type Row = { key: string; count: number };
const count = (rows: Row[], key: string) => rows.find((r) => r.key === key)?.count;

describeEachDatabase('overview', (ctx) => {
  it('counts resources by sharing type, status and department as far as the viewer may see them', async () => {
    const t = testKit(ctx());
    const app = await t.app();
    const admin = await t.newUser(['platform_admin']);
    const civil = await t.newDepartment({ name: '县民政局' });
    const health = await t.newDepartment({ name: '县卫健局' });
    const civilOfficer = await t.newUser(['data_officer'], civil.code);
    const healthOfficer = await t.newUser(['data_officer'], health.code);
    const post = (headers: object, url: string, payload: object = {}) => app.inject({ method: 'POST', url, headers: headers as Record<string, string>, payload });
    const created = (await post(civilOfficer.headers, '/api/catalog/resources', resourceInput(civil.code))).json().resource.code as string;
    await post(civilOfficer.headers, '/api/catalog/resources', resourceInput(civil.code, { name: '临时救助名单', sharing: { type: '无条件共享', method: '文件' } }));
    await post(civilOfficer.headers, `/api/catalog/resources/${created}/submit`);
    await post(admin.headers, `/api/catalog/resources/${created}/review`, { approve: true });
    assert.equal((await post(admin.headers, `/api/catalog/resources/${created}/publish`)).statusCode, 200);

    const asAdmin = (await app.inject({ method: 'GET', url: '/api/overview', headers: admin.headers })).json();
    assert.equal(asAdmin.resources.total, 2);
    assert.equal(count(asAdmin.resources.bySharingType, '有条件共享'), 1);
    assert.equal(count(asAdmin.resources.bySharingType, '无条件共享'), 1);
    assert.equal(count(asAdmin.resources.byStatus, 'published'), 1);
    assert.equal(count(asAdmin.resources.byStatus, 'draft'), 1);
    assert.equal(count(asAdmin.resources.byDepartment, civil.code), 2);
    assert.equal(asAdmin.resources.items, 6);
    assert.ok(asAdmin.departments.total >= 3);

    // Another department sees the published resource but not the draft.
    const asHealth = (await app.inject({ method: 'GET', url: '/api/overview', headers: healthOfficer.headers })).json();
    assert.equal(asHealth.resources.total, 1);
    assert.equal(count(asHealth.resources.byStatus, 'draft'), 0);
  });

  it('adds per-resource delivery figures: records held and the quality score', async () => {
    const t = testKit(ctx());
    const app = await t.app();
    const admin = await t.newUser(['platform_admin']);
    const civil = await t.newDepartment({ name: '县民政局' });
    const post = (url: string, payload: object = {}) => app.inject({ method: 'POST', url, headers: admin.headers, payload });
    const code = (await post('/api/catalog/resources', resourceInput(civil.code))).json().resource.code as string;
    for (const step of ['submit', 'review', 'publish']) await post(`/api/catalog/resources/${code}/${step}`, step === 'review' ? { approve: true } : {});
    const before = (await app.inject({ method: 'GET', url: '/api/overview', headers: admin.headers })).json();
    const fresh = before.deliveries.find((d: { code: string }) => d.code === code);
    assert.deepEqual([fresh.records, fresh.score, fresh.lastDeliveryAt], [0, null, null], 'nothing delivered yet');
    const people = [['张三', '11010519491231002X'], ['李四', '110105194912310029']];
    const batch = await post(`/api/ingest/resources/${code}/batches/json`, { records: people.map(([name, id]) => ({ 姓名: name, 身份证号: id, 保障金额: '500' })) });
    assert.ok(batch.statusCode < 300, batch.body);
    const after = (await app.inject({ method: 'GET', url: '/api/overview', headers: admin.headers })).json();
    const row = after.deliveries.find((d: { code: string }) => d.code === code);
    assert.equal(row.records, batch.json().accepted);
    assert.equal(typeof row.score, 'number');
    assert.ok(row.lastDeliveryAt);
  });

  it('is refused without the dashboard permission', async () => {
    const t = testKit(ctx());
    const app = await t.app();
    assert.equal((await app.inject({ method: 'GET', url: '/api/overview' })).statusCode, 401);
  });
});

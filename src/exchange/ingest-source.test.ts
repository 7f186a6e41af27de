import { it } from 'node:test';
import assert from 'node:assert/strict';
import { resourceInput } from '../catalog/fixtures.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { exchangeWorld, people } from './testing.ts';

type Json = Record<string, any>;
const PURPOSE = '特困供养资格核查';

describeEachDatabase('exchange over aggregated department records', (ctx) => {
  it('looks up records submitted through ingest and delivers their later changes, granted items only', async () => {
    const w = await exchangeWorld(testKit(ctx()));
    const code = await w.publish(resourceInput(w.civil.code, { name: '特困人员名单', summary: '特困供养人员' }), w.civilOfficer);
    const [a, b] = [{ ...people[70]!, name: '张三丰' }, { ...people[71]!, name: '李秀英' }];
    await w.services.ingest.submitRecords(code, { records: [{ 姓名: a.name, 身份证号: a.id, 保障金额: 900 }, { 姓名: b.name, 身份证号: b.id, 保障金额: 950 }] }, { actor: w.civilOfficer.principal, source: 'api' });

    const application = await w.applyDibao({ resource: code, purpose: PURPOSE, items: ['姓名', '身份证号'] });
    const decided = await w.call('POST', `/api/exchange/applications/${application.id}/decision`, w.civilOfficer.headers, { approve: true });
    assert.equal(decided.status, 200);
    const url = (id: string) => `/api/exchange/resources/${code}/records/${id}?purpose=${encodeURIComponent(PURPOSE)}`;
    const found = await w.call('GET', url(a.id), w.hrssSystem);
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.deepEqual(found.body.items, { 姓名: a.name, 身份证号: a.id });
    assert.equal((await w.auditAt(found.body.auditIndex)).subject, a.id);
    assert.equal((await w.call('GET', url(people[72]!.id), w.hrssSystem)).body.found, false);

    const sub = await w.call('POST', '/api/exchange/change-subscriptions', w.hrssSystem, { grant: decided.body.grantId, kind: 'stream' });
    assert.equal(sub.status, 201, JSON.stringify(sub.body));
    await w.services.ingest.submitRecords(code, { records: [{ 姓名: '张三峰', 身份证号: a.id, 保障金额: 1000 }] }, { actor: w.civilOfficer.principal, source: 'api' });
    assert.equal(await w.services.exchange.changes.runOnce(), 1);
    const { backlog, stop } = await w.services.exchange.changes.stream(w.hrssOfficer.principal, sub.body.id, 0, () => undefined);
    stop();
    assert.equal(backlog.length, 1);
    const body = JSON.parse(backlog[0]!.body) as Json;
    assert.equal(body.key, a.id);
    assert.deepEqual(body.items, { 姓名: '张三峰', 身份证号: a.id }, '保障金额 is not granted');
  });
});

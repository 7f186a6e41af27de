import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { exchangeWorld, people } from './testing.ts';

type Json = Record<string, any>;
const DAY = 86_400_000;

describeEachDatabase('exchange applications', (ctx) => {
  it('sets the answer deadline on the working-day calendar, lists pending and overdue for both sides, and lets the consumer escalate', async () => {
    const t = testKit(ctx());
    const w = await exchangeWorld(t);
    const { services } = w;
    // 2026-11-02 is a Monday; ten working days later is Monday 2026-11-16, to the end of that county-local day.
    const first = await w.applyDibao();
    assert.equal(first.dueAt, '2026-11-16T15:59:59.999Z');
    assert.equal(first.overdue, false);
    await services.calendar.setDays([{ date: '2026-11-05', kind: 'holiday', note: '测试假日' }], w.admin.principal.id);
    const second = await w.applyDibao({ purpose: '临时救助核查' });
    assert.equal(second.dueAt, '2026-11-17T15:59:59.999Z', 'a holiday moves the deadline');
    const settings = await w.call('PUT', '/api/exchange/settings', w.admin.headers, { decisionWorkingDays: 3 });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    const third = await w.applyDibao({ purpose: '医疗救助核查' });
    assert.equal(third.dueAt, '2026-11-06T15:59:59.999Z', 'three working days, skipping the holiday');
    assert.equal((await w.call('PUT', '/api/exchange/settings', w.civilOfficer.headers, { decisionWorkingDays: 1 })).status, 403);

    const list = async (headers: object, side: string, state: string) =>
      ((await w.call('GET', `/api/exchange/applications?side=${side}&state=${state}`, headers)).body as unknown as Json[]).map((a) => a.id).sort();
    const all = [first.id, second.id, third.id].sort();
    assert.deepEqual(await list(w.hrssOfficer.headers, 'consumer', 'pending'), all);
    assert.deepEqual(await list(w.civilOfficer.headers, 'provider', 'pending'), all);
    assert.deepEqual(await list(w.healthOfficer.headers, 'both', 'pending'), [], 'other departments see nothing');
    assert.deepEqual(await list(w.civilOfficer.headers, 'provider', 'overdue'), []);

    t.clock.set(new Date('2026-11-06T16:00:00.000Z'));
    const relogin = async (u: { username: string; password: string }) => ({ authorization: `Bearer ${(await services.identity.login(u.username, u.password, '127.0.0.1')).token}` });
    const [consumer, provider, admin] = [await relogin(w.hrssOfficer), await relogin(w.civilOfficer), await relogin(w.admin)];
    assert.deepEqual(await list(provider, 'provider', 'overdue'), [third.id]);
    assert.deepEqual(await list(consumer, 'consumer', 'overdue'), [third.id]);
    const shown = (await w.call('GET', `/api/exchange/applications/${third.id}`, consumer)).body;
    assert.equal(shown.overdue, true);

    const early = await w.call('POST', `/api/exchange/applications/${first.id}/escalate`, consumer, { reason: '急需' });
    assert.equal(early.status, 409, 'not overdue yet: nothing to escalate');
    const escalated = await w.call('POST', `/api/exchange/applications/${third.id}/escalate`, consumer, { reason: '提供方逾期未答复' });
    assert.equal(escalated.status, 200, JSON.stringify(escalated.body));
    assert.equal((await w.auditAt(escalated.body.auditIndex)).action, 'grant.escalate');
    assert.deepEqual(await list(admin, 'both', 'escalated'), [third.id]);

    const byOfficer = await w.call('POST', `/api/exchange/applications/${third.id}/resolve`, provider, { decision: 'approve', reason: 'x' });
    assert.equal(byOfficer.status, 403);
    const resolved = await w.call('POST', `/api/exchange/applications/${third.id}/resolve`, admin, { decision: 'approve', reason: '符合《社会救助暂行办法》，予以共享', items: ['姓名', '身份证号'] });
    assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
    assert.equal(resolved.body.status, 'approved');
    assert.equal(resolved.body.escalation.status, 'resolved');
    const key = await services.identity.createApiKey({ departmentCode: w.hrss.code, name: '新系统', createdBy: null });
    const lookup = await w.call('GET', `${w.path(w.dibao)}/records/${people[0]!.id}?purpose=${encodeURIComponent('医疗救助核查')}`, { 'x-api-key': key.key });
    assert.equal(lookup.status, 200, JSON.stringify(lookup.body));
    assert.deepEqual(Object.keys(lookup.body.items), ['姓名', '身份证号']);

    const answered = await w.call('POST', `/api/exchange/applications/${first.id}/decision`, provider, { approve: false, reason: '申请事由与资源用途不符' });
    assert.equal(answered.status, 200);
    assert.equal((await w.auditAt(answered.body.auditIndex)).action, 'grant.refuse');
    assert.deepEqual(await list(consumer, 'consumer', 'answered'), [first.id, third.id].sort());
    const again = await w.call('POST', `/api/exchange/applications/${first.id}/decision`, provider, { approve: true });
    assert.equal(again.status, 409, 'an answered application stays answered');
    const dispute = await w.call('POST', `/api/exchange/applications/${first.id}/escalate`, consumer, { reason: '拒绝理由不成立' });
    assert.equal(dispute.status, 200);
    const upheld = await w.call('POST', `/api/exchange/applications/${first.id}/resolve`, admin, { decision: 'uphold', reason: '拒绝理由成立' });
    assert.equal(upheld.body.status, 'refused');
    assert.equal(upheld.body.escalation.resolution, 'uphold: 拒绝理由成立');

    const withdrawn = await w.call('POST', `/api/exchange/applications/${second.id}/withdraw`, consumer);
    assert.equal(withdrawn.body.status, 'withdrawn');
  });

  it('refuses invalid applications naming the fields, and sends 无条件共享 resources to subscription', async () => {
    const w = await exchangeWorld(testKit(ctx()));
    const bad = await w.call('POST', '/api/exchange/applications', w.hrssOfficer.headers, { resource: w.dibao, purpose: ' ', basis: '', items: ['姓名', '不存在的项', '姓名'], durationDays: 5000, expectedVolume: 0 });
    assert.equal(bad.status, 400);
    const paths = (bad.body.errors as Json[]).map((e) => e.path).sort();
    assert.deepEqual(paths, ['/basis', '/durationDays', '/expectedVolume', '/items/1', '/items/2', '/purpose'].sort());
    const own = await w.call('POST', '/api/exchange/applications', w.civilOfficer.headers, { resource: w.dibao, purpose: '自用', basis: '无', items: ['姓名'], durationDays: 5, expectedVolume: 1 });
    assert.equal(own.status, 409);
    const unconditional = await w.call('POST', '/api/exchange/applications', w.hrssOfficer.headers, { resource: w.population, purpose: '核验', basis: '无', items: ['姓名'], durationDays: 5, expectedVolume: 1 });
    assert.equal(unconditional.status, 409);
    assert.equal(unconditional.body.reason, 'subscribe_instead');
    const subscribeConditional = await w.call('POST', '/api/exchange/subscriptions', w.hrssOfficer.headers, { resource: w.dibao, purpose: '核验' });
    assert.equal(subscribeConditional.status, 409);
    assert.equal(subscribeConditional.body.reason, 'needs_application');
  });

  it('lets a 不予共享 refusal be escalated to the platform admin', async () => {
    const w = await exchangeWorld(testKit(ctx()));
    const apply = await w.call('POST', '/api/exchange/applications', w.hrssOfficer.headers, { resource: w.secret, purpose: '救助核查', basis: '工作需要', items: ['姓名'], durationDays: 30, expectedVolume: 10 });
    assert.equal(apply.status, 403);
    const stored = await w.call('GET', `/api/exchange/applications/${apply.body.applicationId}`, w.hrssOfficer.headers);
    assert.equal(stored.body.status, 'refused');
    assert.match(stored.body.decisionReason, /反家庭暴力法/);
    const escalated = await w.call('POST', `/api/exchange/applications/${apply.body.applicationId}/escalate`, w.hrssOfficer.headers, { reason: '申请协调' });
    assert.equal(escalated.status, 200);
    assert.equal(escalated.body.escalation.status, 'open');
  });

  it('lets the provider set quota and rate on approval, shortens nothing it was not asked to', async () => {
    const w = await exchangeWorld(testKit(ctx()));
    const application = await w.applyDibao({ durationDays: 30 });
    const longer = await w.call('POST', `/api/exchange/applications/${application.id}/decision`, w.civilOfficer.headers, { approve: true, durationDays: 60 });
    assert.equal(longer.status, 400, 'cannot grant longer than applied for');
    const ok = await w.call('POST', `/api/exchange/applications/${application.id}/decision`, w.civilOfficer.headers, { approve: true, durationDays: 10, quotaPerDay: 100, ratePerSecond: 5 });
    const grant = (await w.call('GET', `/api/exchange/grants/${ok.body.grantId}`, w.hrssOfficer.headers)).body;
    assert.equal(grant.quotaPerDay, 100);
    assert.equal(grant.ratePerSecond, 5);
    assert.equal(Date.parse(grant.validUntil) - Date.parse(grant.validFrom), 10 * DAY);
    assert.equal((await w.call('GET', `/api/exchange/grants/${ok.body.grantId}`, w.healthOfficer.headers)).status, 404, 'not a party');
  });
});

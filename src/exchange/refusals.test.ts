import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { exchangeWorld, idNumber, people, type ExchangeWorld } from './testing.ts';

type Json = Record<string, any>;
const PURPOSE = '社会救助对象核查';

/** A world where the 人社局 holds an approved 低保 grant for 姓名 and 身份证号 only. */
async function withGrant(w: ExchangeWorld) {
  const application = await w.applyDibao();
  const decided = await w.call('POST', `/api/exchange/applications/${application.id}/decision`, w.civilOfficer.headers, { approve: true, items: ['姓名', '身份证号'], reason: '最小必要', quotaPerDay: 3 });
  assert.equal(decided.status, 200);
  return decided.body.grantId as string;
}

const get = (w: ExchangeWorld, key: string, query: string, headers = w.hrssSystem as object) =>
  w.call('GET', `${w.path(w.dibao)}/records/${encodeURIComponent(key)}?${query}`, headers);
const q = (purpose = PURPOSE, extra = '') => `purpose=${encodeURIComponent(purpose)}${extra}`;

describeEachDatabase('exchange refusals', (ctx) => {
  let w: ExchangeWorld;
  let grantId: string;

  it('refuses a department with no grant', async () => {
    w = await exchangeWorld(testKit(ctx()));
    grantId = await withGrant(w);
    const entry = await w.assertRefused(await get(w, people[0]!.id, q(), w.healthSystem), 403, 'no_grant');
    assert.equal(entry.actor.department, w.health.code);
    assert.equal(entry.subject, people[0]!.id, 'the person whose data was asked for is named, for the tracker');
  });

  it('refuses an item outside the grant and names it', async () => {
    const res = await get(w, people[0]!.id, q(PURPOSE, `&items=${encodeURIComponent('姓名,保障金额')}`));
    await w.assertRefused(res, 403, 'item_not_granted');
    assert.match(res.body.detail, /保障金额/);
    assert.deepEqual(res.body.errors.map((e: Json) => e.path), ['/items/1']);
    const batch = await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, { keys: [people[0]!.id], purpose: PURPOSE, items: ['保障金额'] });
    await w.assertRefused(batch, 403, 'item_not_granted');
    const verify = await w.call('POST', `${w.path(w.dibao)}/verify`, w.hrssSystem, { purpose: PURPOSE, checks: [{ key: people[0]!.id, values: { 保障金额: 600 } }] });
    await w.assertRefused(verify, 403, 'item_not_granted');
  });

  it('refuses a purpose the grant does not cover', async () => {
    await w.assertRefused(await get(w, people[0]!.id, q('商业营销')), 403, 'purpose_not_covered');
    const none = await get(w, people[0]!.id, '');
    await w.assertRefused(none, 400, 'purpose_missing');
    assert.deepEqual(none.body.errors.map((e: Json) => e.path), ['/purpose']);
  });

  it("refuses another department's key using this department's grant", async () => {
    const res = await get(w, people[0]!.id, q(PURPOSE, `&grant=${grantId}`), w.healthSystem);
    const entry = await w.assertRefused(res, 403, 'grant_other_department');
    assert.equal(entry.actor.id, w.healthKey.id);
  });

  it('refuses malformed keys and injection strings without looking anything up', async () => {
    const valid = idNumber('33010219900101001');
    const wrongCheck = `${valid.slice(0, 17)}${valid.endsWith('1') ? '2' : '1'}`;
    const hostile = ["1' OR '1'='1", `${valid}; DROP TABLE exchange_grants;--`, '<script>alert(1)</script>', '../../etc/passwd', '%00', wrongCheck, valid.toLowerCase().replace(/\d$/, 'ｘ'), 'ａｂｃ', ' '];
    for (const key of hostile) {
      const res = await get(w, key, q());
      const entry = await w.assertRefused(res, 400, 'malformed_key');
      assert.equal(entry.subject, null);
      assert.equal((entry.details as Json).key, key.length > 64 ? `${key.slice(0, 64)}…` : key, 'the refused key is recorded verbatim (escaped by JSON)');
    }
    const batch = await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, { keys: [people[0]!.id, "x' --", 12345, null], purpose: PURPOSE });
    await w.assertRefused(batch, 400, 'malformed_key');
    assert.deepEqual(batch.body.errors.map((e: Json) => e.path), ['/keys/1', '/keys/2', '/keys/3']);
    const notJson = await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, [1, 2]);
    await w.assertRefused(notJson, 400, 'invalid_request');
    assert.equal(await ctx().db.selectFrom('exchange_grants').select('id').where('id', '=', grantId).executeTakeFirst().then((r) => r?.id), grantId, 'the grants table is still there');
  });

  it('refuses the call past the daily quota', async () => {
    const body = { keys: [people[0]!.id, people[2]!.id, people[4]!.id], purpose: PURPOSE };
    assert.equal((await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, body)).status, 200);
    const res = await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, { ...body, keys: [people[6]!.id] });
    await w.assertRefused(res, 429, 'quota_exceeded');
    assert.ok(Number(res.headers['retry-after']) > 0);
  });

  it('refuses a revoked and an expired grant', async () => {
    const revoked = await w.call('POST', `/api/exchange/grants/${grantId}/revoke`, w.civilOfficer.headers, { reason: '数据使用超出约定范围' });
    assert.equal(revoked.status, 200);
    await w.assertRefused(await get(w, people[0]!.id, q()), 403, 'grant_revoked');

    const t = testKit(ctx());
    const w2 = await exchangeWorld(t);
    const application = await w2.applyDibao({ durationDays: 1 });
    await w2.call('POST', `/api/exchange/applications/${application.id}/decision`, w2.civilOfficer.headers, { approve: true });
    t.clock.advance(86_400_000);
    await w2.assertRefused(await get(w2, people[0]!.id, q()), 403, 'grant_expired');
  });

  it('refuses a 不予共享 resource with its legal basis, for calls, subscriptions and applications', async () => {
    const call = await w.call('GET', `${w.path(w.secret)}/records/${people[0]!.id}?${q()}`, w.hrssSystem);
    await w.assertRefused(call, 403, 'not_shared');
    assert.equal(call.body.basis, '《反家庭暴力法》第三十七条');
    const sub = await w.call('POST', '/api/exchange/subscriptions', w.hrssOfficer.headers, { resource: w.secret, purpose: PURPOSE });
    assert.equal(sub.status, 403);
    assert.match(sub.type, /problem\+json/);
    assert.equal(sub.body.basis, '《反家庭暴力法》第三十七条');
    assert.equal((await w.auditAt(sub.body.auditIndex)).outcome.decision, 'refused');
    const apply = await w.call('POST', '/api/exchange/applications', w.hrssOfficer.headers, { resource: w.secret, purpose: PURPOSE, basis: '工作需要', items: ['姓名'], durationDays: 30, expectedVolume: 10 });
    assert.equal(apply.status, 403);
    assert.equal(apply.body.reason, 'not_shared');
    assert.match(apply.body.detail, /反家庭暴力法/);
    const entry = await w.auditAt(apply.body.auditIndex);
    assert.equal(entry.action, 'grant.apply');
    assert.equal(entry.outcome.decision, 'refused');
  });

  it('refuses an unknown resource and a caller without a department, and never answers anonymous callers', async () => {
    await w.assertRefused(await w.call('GET', `/api/exchange/resources/399999/000001/records/${people[0]!.id}?${q()}`, w.hrssSystem), 404, 'unknown_resource');
    const anonymous = await w.call('GET', `${w.path(w.dibao)}/records/${people[0]!.id}?${q()}`, {});
    assert.equal(anonymous.status, 401);
    const badKey = await w.call('GET', `${w.path(w.dibao)}/records/${people[0]!.id}?${q()}`, { 'x-api-key': 'stk_00000000-0000-7000-8000-000000000000_nope' });
    assert.equal(badKey.status, 401);
  });
});

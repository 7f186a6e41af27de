import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/index.ts';
import { describeEachDatabase, freshDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { exchangeWorld, idNumber, people } from './testing.ts';

type Json = Record<string, any>;

describeEachDatabase('exchange: grants and calls', (ctx) => {
  it('subscribes to a 无条件共享 resource at once and looks up only the subscribed items, with the audit index', async () => {
    const w = await exchangeWorld(testKit(ctx()));
    const grant = await w.subscribePopulation(['公民身份号码', '姓名']);
    assert.equal(grant.kind, 'subscription');
    assert.equal(grant.status, 'active');
    assert.equal(grant.consumer.code, w.hrss.code);
    assert.equal((await w.auditAt(grant.auditIndex)).action, 'grant.subscribe');

    const person = people[3]!;
    const res = await w.call('GET', `${w.path(w.population)}/records/${person.id}?purpose=${encodeURIComponent('社保待遇资格认证')}`, w.hrssSystem);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.items, { 公民身份号码: person.id, 姓名: person.name }, '民族 was not subscribed');
    assert.equal(res.headers['x-audit-index'], String(res.body.auditIndex));
    const entry = await w.auditAt(res.body.auditIndex);
    assert.equal(entry.action, 'exchange.lookup');
    assert.equal(entry.outcome.decision, 'allowed');
    assert.equal(entry.subject, person.id);
    assert.equal(entry.purpose, '社保待遇资格认证');
    assert.deepEqual(entry.items, ['公民身份号码', '姓名']);
    assert.deepEqual(entry.actor, { kind: 'api_key', id: w.hrssKey.id, department: w.hrss.code });
    // The log keeps a digest of the answer, never the values: the consumer can prove what it was told.
    const answer = createHash('sha256').update(canonicalJson({ found: true, items: res.body.items })).digest('hex');
    assert.equal((entry.details as Json).answer, answer);
    assert.ok(!JSON.stringify(entry).includes(person.name));

    const missing = await w.call('GET', `${w.path(w.population)}/records/${idNumber('11010519491231002')}?purpose=${encodeURIComponent('社保待遇资格认证')}`, w.hrssSystem);
    assert.equal(missing.status, 200);
    assert.equal(missing.body.found, false);
    assert.equal(missing.body.items, null);
  });

  it('applies for 有条件共享, the provider approves fewer items, and lookups return only those', async () => {
    const w = await exchangeWorld(testKit(ctx()));
    const application = await w.applyDibao();
    assert.equal(application.status, 'pending');
    const fewer = await w.call('POST', `/api/exchange/applications/${application.id}/decision`, w.civilOfficer.headers, { approve: true, items: ['姓名', '身份证号'] });
    assert.equal(fewer.status, 400, 'approving fewer items needs a reason');
    assert.ok(fewer.body.errors.some((e: Json) => e.path === '/reason'));
    const more = await w.call('POST', `/api/exchange/applications/${application.id}/decision`, w.civilOfficer.headers, { approve: true, items: ['姓名', '身份证号', '保障起止时间'], reason: 'x' });
    assert.equal(more.status, 400, 'cannot approve items not applied for');
    const byConsumer = await w.call('POST', `/api/exchange/applications/${application.id}/decision`, w.hrssOfficer.headers, { approve: true });
    assert.equal(byConsumer.status, 403, 'only the provider decides');

    const decided = await w.call('POST', `/api/exchange/applications/${application.id}/decision`, w.civilOfficer.headers, { approve: true, items: ['姓名', '身份证号'], reason: '保障金额属敏感信息，按最小必要原则不提供' });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    assert.equal(decided.body.status, 'approved');
    assert.deepEqual(decided.body.approvedItems, ['姓名', '身份证号']);
    const approval = await w.auditAt(decided.body.auditIndex);
    assert.equal(approval.action, 'grant.approve');
    assert.deepEqual(approval.items, ['姓名', '身份证号']);

    const person = people[4]!;
    const ok = await w.call('GET', `${w.path(w.dibao)}/records/${person.id}?purpose=${encodeURIComponent('社会救助对象核查')}`, w.hrssSystem);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(ok.body.items, { 姓名: person.name, 身份证号: person.id });
    assert.equal(ok.body.grant, decided.body.grantId);
    const subset = await w.call('GET', `${w.path(w.dibao)}/records/${person.id}?purpose=${encodeURIComponent('社会救助对象核查')}&items=${encodeURIComponent('姓名')}`, w.hrssSystem);
    assert.deepEqual(subset.body.items, { 姓名: person.name }, 'a call may ask for fewer items');
  });

  it('verifies held values (核验) with match / no match per item and never returns the provider values', async () => {
    const w = await exchangeWorld(testKit(ctx()));
    const application = await w.applyDibao({ mode: 'verify', items: ['姓名', '保障金额'] });
    await w.call('POST', `/api/exchange/applications/${application.id}/decision`, w.civilOfficer.headers, { approve: true });
    const recipient = people[6]!;
    const nonRecipient = people[7]!;
    const res = await w.call('POST', `${w.path(w.dibao)}/verify`, w.hrssSystem, {
      purpose: '社会救助对象核查',
      checks: [
        { key: recipient.id, values: { 姓名: recipient.name, 保障金额: String(recipient.amount) } },
        { key: recipient.id, values: { 姓名: '别人', 保障金额: recipient.amount + 1 } },
        { key: nonRecipient.id, values: {} },
      ],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [a, b, c] = res.body.results as Json[];
    assert.deepEqual(a!.items, { 姓名: 'match', 保障金额: 'match' });
    assert.equal(a!.found, true);
    assert.deepEqual(b!.items, { 姓名: 'no_match', 保障金额: 'no_match' });
    assert.equal(c!.found, false, 'is this person a 低保 recipient? no');
    assert.ok(!JSON.stringify(res.body).includes(recipient.name), 'no provider values in the answer');
    const entry = await w.auditAt(a!.auditIndex);
    assert.equal(entry.action, 'exchange.verify');
    assert.deepEqual((entry.details as Json).results, { 姓名: 'match', 保障金额: 'match' });
    assert.equal(c!.auditIndex, a!.auditIndex + 2, 'one entry per check, contiguous');

    const lookup = await w.call('GET', `${w.path(w.dibao)}/records/${recipient.id}?purpose=${encodeURIComponent('社会救助对象核查')}`, w.hrssSystem);
    await w.assertRefused(lookup, 403, 'mode_not_granted');
  });

  it('answers batch lookups of up to 1,000 keys with one audit entry per key', async () => {
    const w = await exchangeWorld(testKit(ctx()));
    await w.subscribePopulation();
    const keys = people.slice(0, 1000).map((p) => p.id);
    const res = await w.call('POST', `${w.path(w.population)}/lookup`, w.hrssSystem, { keys, purpose: '社保待遇资格认证', items: ['姓名'] });
    assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 500));
    const results = res.body.results as Json[];
    assert.equal(results.length, 1000);
    assert.ok(results.every((r, i) => r.key === keys[i] && r.found && r.items.姓名 === people[i]!.name && Object.keys(r.items).length === 1));
    assert.ok(results.every((r, i) => r.auditIndex === results[0]!.auditIndex + i));
    const last = await w.auditAt(results[999]!.auditIndex);
    assert.equal(last.subject, keys[999]);

    const tooMany = await w.call('POST', `${w.path(w.population)}/lookup`, w.hrssSystem, { keys: [...keys, people[1000]!.id], purpose: '社保待遇资格认证' });
    await w.assertRefused(tooMany, 400, 'batch_too_large');
  });

  it('stops a revoked grant at the very next call and an expired grant as soon as the clock passes its end', async () => {
    const t = testKit(ctx());
    const w = await exchangeWorld(t);
    const grant = await w.subscribePopulation(undefined, '户籍核验');
    const url = `${w.path(w.population)}/records/${people[1]!.id}?purpose=${encodeURIComponent('户籍核验')}`;
    assert.equal((await w.call('GET', url, w.hrssSystem)).status, 200);
    const revoked = await w.call('POST', `/api/exchange/grants/${grant.id}/revoke`, w.policeOfficer.headers, { reason: '使用方违规留存数据' });
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    assert.equal(revoked.body.status, 'revoked');
    const after = await w.assertRefused(await w.call('GET', url, w.hrssSystem), 403, 'grant_revoked');
    assert.equal(after.subject, people[1]!.id);

    const second = await w.call('POST', '/api/exchange/subscriptions', w.hrssOfficer.headers, { resource: w.population, purpose: '户籍核验', durationDays: 30 });
    assert.equal((await w.call('GET', url, w.hrssSystem)).status, 200, 'a new grant works');
    t.clock.advance(30 * 86_400_000 - 1000);
    assert.equal((await w.call('GET', url, w.hrssSystem)).status, 200, 'valid until the last second');
    t.clock.advance(1000);
    await w.assertRefused(await w.call('GET', url, w.hrssSystem), 403, 'grant_expired');
    // Sessions have expired with the clock; the department system's key still lists its grants.
    const listed = await w.call('GET', '/api/exchange/grants?side=consumer', w.hrssSystem);
    assert.deepEqual((listed.body as unknown as Json[]).map((g) => [g.id, g.status]).sort(), [[grant.id, 'revoked'], [second.body.id, 'expired']].sort());
  });

  it('binds every call to a purpose the grant covers (谁使用谁负责)', async () => {
    const w = await exchangeWorld(testKit(ctx()));
    await w.subscribePopulation(undefined, '社保待遇资格认证');
    const url = (purpose: string) => `${w.path(w.population)}/records/${people[2]!.id}?purpose=${encodeURIComponent(purpose)}`;
    assert.equal((await w.call('GET', url('社保待遇资格认证'), w.hrssSystem)).status, 200);
    assert.equal((await w.call('GET', url(' 社保待遇资格认证　'), w.hrssSystem)).status, 200, 'surrounding spaces, full-width included, do not matter');
    const wrong = await w.assertRefused(await w.call('GET', url('招商引资'), w.hrssSystem), 403, 'purpose_not_covered');
    assert.equal(wrong.purpose, '招商引资');
  });

  it('enforces the daily quota and rate limit of a grant and persists usage', async () => {
    const t = testKit(ctx());
    const w = await exchangeWorld(t);
    const application = await w.applyDibao({ expectedVolume: 5 });
    const decided = await w.call('POST', `/api/exchange/applications/${application.id}/decision`, w.civilOfficer.headers, { approve: true, ratePerSecond: 100 });
    assert.equal(decided.status, 200);
    const body = (n: number) => ({ keys: people.slice(0, n).map((p) => p.id), purpose: '社会救助对象核查' });
    assert.equal((await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, body(4))).status, 200);
    const over = await w.assertRefused(await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, body(2)), 429, 'quota_exceeded');
    assert.equal(over.outcome.decision, 'refused');
    assert.equal((await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, body(1))).status, 200, 'the last record of the quota');
    await w.services.exchange.flush();
    const usage = await ctx().db.selectFrom('exchange_usage').selectAll().where('grant_id', '=', decided.body.grantId).execute();
    assert.equal(Number(usage[0]!.records), 5);
    const burst = await w.applyDibao({ expectedVolume: 1000, purpose: '临时救助核查' });
    await w.call('POST', `/api/exchange/applications/${burst.id}/decision`, w.civilOfficer.headers, { approve: true, ratePerSecond: 2 });
    t.clock.advance(86_400_000);
    assert.equal((await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, body(1))).status, 200, 'a new day, a new quota');

    const one = { keys: [people[0]!.id], purpose: '临时救助核查' };
    assert.equal((await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, one)).status, 200);
    assert.equal((await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, one)).status, 200);
    const limited = await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, one);
    await w.assertRefused(limited, 429, 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    t.clock.advance(1000);
    assert.equal((await w.call('POST', `${w.path(w.dibao)}/lookup`, w.hrssSystem, one)).status, 200, 'tokens refill');
  });

  it('reports calls, failures and latency percentiles per grant and department', async () => {
    const w = await exchangeWorld(testKit(ctx()));
    const grant = await w.subscribePopulation();
    for (let i = 0; i < 20; i++) await w.call('GET', `${w.path(w.population)}/records/${people[i]!.id}?purpose=${encodeURIComponent('社保待遇资格认证')}`, w.hrssSystem);
    await w.call('GET', `${w.path(w.population)}/records/${people[0]!.id}?purpose=x`, w.hrssSystem);
    const stats = await w.call('GET', '/api/exchange/stats', w.hrssOfficer.headers);
    assert.equal(stats.status, 200, JSON.stringify(stats.body));
    const line = (stats.body.byGrant as Json[]).find((g) => g.grantId === grant.id)!;
    assert.equal(line.calls, 21);
    assert.equal(line.failures, 1);
    assert.ok(line.p50 > 0 && line.p99 >= line.p50);
    const provider = await w.call('GET', '/api/exchange/stats', w.policeOfficer.headers);
    assert.ok((provider.body.byDepartment as Json[]).some((d) => d.role === 'provider' && d.department.code === w.police.code && d.calls === 21));
    const foreign = await w.call('GET', `/api/exchange/stats?department=${w.hrss.code}`, w.healthOfficer.headers);
    assert.equal(foreign.status, 403);
  });
});

// The writer thread serves SQLite files only (decision 0530).
describe('exchange: audit writer thread (SQLite)', () => {
  it('appends lookups and refusals from the audit writer thread as the server does', async () => {
    const { handle, cleanup } = await freshDatabase('sqlite');
    after(cleanup);
    const kit = testKit(handle, {}, { auditWriterThread: true });
    const w = await exchangeWorld(kit);
    await w.subscribePopulation(['公民身份号码', '姓名']);
    const purpose = encodeURIComponent('社保待遇资格认证');
    const answers = await Promise.all(people.slice(0, 40).map((p) => w.call('GET', `${w.path(w.population)}/records/${p.id}?purpose=${purpose}`, w.hrssSystem)));
    for (const [i, res] of answers.entries()) {
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const entry = await w.auditAt(res.body.auditIndex);
      assert.equal(entry.subject, people[i]!.id);
      assert.equal(entry.time, kit.clock.now().toISOString(), 'stamped with the server clock');
    }
    assert.equal(new Set(answers.map((a) => a.body.auditIndex)).size, 40);
    const refused = await w.call('GET', `${w.path(w.population)}/records/${people[0]!.id}?purpose=x`, w.hrssSystem);
    await w.assertRefused(refused, 403, 'purpose_not_covered');
    await kit.services.closeAudit();
    const report = await kit.services.audit.verifyLog();
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.equal(report.checkpoint?.size, report.entries, 'the final checkpoint covers every entry');
  });
});

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../db/testing.ts';
import { exchangeWorld, people } from '../exchange/testing.ts';
import { testKit } from '../main/testing.ts';
import { TRACKER_ITEMS } from './tracker-source.ts';

type Json = Record<string, any>;
const PURPOSE = '社保待遇资格认证';

describeEachDatabase('citizen data tracker', (ctx) => {
  it('lets a citizen sign in with a one-time code (demo) and see which department, system or official used which items and why', async () => {
    const t = testKit(ctx(), { SHUTONG_DEMO: 'true' });
    const w = await exchangeWorld(t);
    const person = people[10]!;
    const grant = await w.subscribePopulation();
    const url = `${w.path(w.population)}/records/${person.id}?purpose=${encodeURIComponent(PURPOSE)}`;
    const bySystem = await w.call('GET', url, w.hrssSystem);
    assert.equal(bySystem.status, 200);
    const byStaff = await w.call('POST', `${w.path(w.population)}/verify`, w.hrssStaff.headers, { purpose: PURPOSE, key: person.id, values: { 姓名: person.name } });
    assert.equal(byStaff.status, 200, JSON.stringify(byStaff.body));
    await w.call('GET', `${w.path(w.population)}/records/${person.id}?purpose=${encodeURIComponent('别的用途')}`, w.hrssSystem);
    const someoneElse = await w.call('GET', `${w.path(w.population)}/records/${people[11]!.id}?purpose=${encodeURIComponent(PURPOSE)}`, w.hrssSystem);

    const code = await w.call('POST', '/api/auth/citizen/code', {}, { idNumber: person.id });
    assert.equal(code.status, 200);
    assert.equal(code.body.demo, true);
    assert.match(code.body.code, /^\d{6}$/);
    const wrong = await w.call('POST', '/api/auth/citizen/login', {}, { idNumber: person.id, code: code.body.code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.status, 401);
    const login = await w.call('POST', '/api/auth/citizen/login', {}, { idNumber: person.id, code: code.body.code });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const citizen = { authorization: `Bearer ${login.body.token}` };

    const mine = await w.call('GET', '/api/tracker/me', citizen);
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    const accesses = mine.body.accesses as Json[];
    assert.equal(accesses.length, 2, 'refused calls and other people\'s accesses are not listed');
    const [verify, lookup] = accesses;
    assert.equal(verify!.kind, 'verify');
    assert.deepEqual(verify!.actor, { kind: 'user', name: w.hrssStaff.principal.name });
    assert.deepEqual(verify!.items, ['姓名']);
    assert.equal(lookup!.kind, 'lookup');
    assert.deepEqual(lookup!.department, { code: w.hrss.code, name: w.hrss.name });
    assert.deepEqual(lookup!.actor, { kind: 'system', name: '社保业务系统' });
    assert.deepEqual(lookup!.resource, { code: w.population, name: '常住人口基本信息' });
    assert.deepEqual(lookup!.items, grant.items);
    assert.equal(lookup!.purpose, PURPOSE);
    assert.equal(lookup!.index, bySystem.body.auditIndex);

    // The person can prove the entry is in the log; others cannot even see it.
    const proof = await w.call('GET', `/api/audit/entries/${lookup!.index}/proof`, citizen);
    assert.equal(proof.status, 200, JSON.stringify(proof.body));
    assert.equal(JSON.parse(proof.body.leaf).subject, person.id);
    const notMine = await w.call('GET', `/api/audit/entries/${someoneElse.body.auditIndex}`, citizen);
    assert.equal(notMine.status, 404);
    assert.equal((await w.call('GET', '/api/tracker/me', w.hrssOfficer.headers)).status, 403, 'officials have no citizen view');
  });

  it('hides an access for an investigation until its disclose-after date, then shows it', async () => {
    const t = testKit(ctx(), { SHUTONG_DEMO: 'true' });
    const w = await exchangeWorld(t);
    await w.subscribePopulation(undefined, '案件调查');
    const person = people[20]!;
    const base = `${w.path(w.population)}/records/${person.id}?purpose=${encodeURIComponent('案件调查')}`;
    const badHold = await w.call('GET', `${base}&hideUntil=2026-11-20`, w.hrssSystem);
    await w.assertRefused(badHold, 400, 'invalid_request');
    const hidden = await w.call('GET', `${base}&hideUntil=2026-11-20&hideReason=${encodeURIComponent('涉嫌骗保，调查期间暂缓告知')}`, w.hrssSystem);
    assert.equal(hidden.status, 200, JSON.stringify(hidden.body));
    const open = await w.call('GET', base, w.hrssSystem);
    const later = await w.call('GET', base, w.hrssSystem);

    const signIn = async () => {
      const code = await w.call('POST', '/api/auth/citizen/code', {}, { idNumber: person.id });
      const login = await w.call('POST', '/api/auth/citizen/login', {}, { idNumber: person.id, code: code.body.code });
      return { authorization: `Bearer ${login.body.token}` };
    };
    const indexes = async () => ((await w.call('GET', '/api/tracker/me', await signIn())).body.accesses as Json[]).map((a) => a.index);
    assert.deepEqual(await indexes(), [later.body.auditIndex, open.body.auditIndex]);

    const foreign = await w.call('POST', '/api/tracker/holds', w.healthOfficer.headers, { auditIndex: later.body.auditIndex, until: '2026-11-10', reason: '调查' });
    assert.equal(foreign.status, 403, 'only the department that made the access may hide it');
    const after = await w.call('POST', '/api/tracker/holds', w.hrssOfficer.headers, { auditIndex: later.body.auditIndex, until: '2026-11-10', reason: '同案调查' });
    assert.equal(after.status, 201, JSON.stringify(after.body));
    assert.deepEqual(await indexes(), [open.body.auditIndex]);
    const holds = await w.call('GET', '/api/tracker/holds', w.auditor.headers);
    assert.ok((holds.body as unknown as Json[]).some((h) => h.auditIndex === hidden.body.auditIndex && h.discloseAfter === '2026-11-20'));
    const holdEntries = await w.services.audit.listEntries({ action: 'tracker.hold', limit: 10 });
    assert.ok(holdEntries.every((e) => e.entry.subject === null), 'hold entries do not name the person');
    assert.ok(holdEntries.some((e) => (e.entry.details as Json).entries.includes(hidden.body.auditIndex)));

    t.clock.set(new Date('2026-11-10T16:00:00.000Z')); // 2026-11-11 00:00 in the county
    assert.deepEqual(await indexes(), [later.body.auditIndex, open.body.auditIndex]);
    t.clock.set(new Date('2026-11-20T16:00:00.000Z'));
    assert.deepEqual(await indexes(), [later.body.auditIndex, open.body.auditIndex, hidden.body.auditIndex]);
  });

  it('does not show the one-time code outside demo mode', async () => {
    const w = await exchangeWorld(testKit(ctx()));
    const res = await w.call('POST', '/api/auth/citizen/code', {}, { idNumber: people[0]!.id });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { sent: true, demo: false });
    const bad = await w.call('POST', '/api/auth/citizen/code', {}, { idNumber: '123' });
    assert.equal(bad.status, 400);
    assert.match(bad.type, /problem\+json/);
    for (let i = 0; i < 4; i++) assert.equal((await w.call('POST', '/api/auth/citizen/code', {}, { idNumber: people[0]!.id })).status, 200);
    const flood = await w.call('POST', '/api/auth/citizen/code', {}, { idNumber: people[0]!.id });
    assert.equal(flood.status, 429, 'five codes per person per ten minutes');
    assert.ok(Number(flood.headers['retry-after']) > 0);
  });

  it('shows a person\'s list to an official only through a grant on the tracker resource, with granted columns only', async () => {
    const w = await exchangeWorld(testKit(ctx()));
    await w.subscribePopulation();
    const person = people[30]!;
    await w.call('GET', `${w.path(w.population)}/records/${person.id}?purpose=${encodeURIComponent(PURPOSE)}`, w.hrssSystem);
    const adminDept = w.admin.principal.departmentCode!;
    const { resourceInput } = await import('../catalog/fixtures.ts');
    const trackerCode = await w.publish(resourceInput(adminDept, {
      name: '数据使用记录',
      summary: '个人数据被访问的记录',
      items: TRACKER_ITEMS.map((name) => ({ name, dataType: 'C' })),
      sharing: { type: '有条件共享', condition: '仅用于投诉处理', method: '接口' },
    }), w.admin);
    assert.equal((await w.call('PUT', `/api/exchange/sources/${trackerCode}`, w.admin.headers, { source: 'tracker' })).status, 200);
    const url = `/api/exchange/resources/${trackerCode}/records/${person.id}?purpose=${encodeURIComponent('投诉处理')}`;
    await w.assertRefused(await w.call('GET', url, w.healthOfficer.headers), 403, 'no_grant');

    const apply = await w.call('POST', '/api/exchange/applications', w.healthOfficer.headers, { resource: trackerCode, purpose: '投诉处理', basis: '《个人信息保护法》第四十五条', items: ['访问时间', '访问部门', '事由'], durationDays: 30, expectedVolume: 10 });
    assert.equal(apply.status, 201, JSON.stringify(apply.body));
    const decided = await w.call('POST', `/api/exchange/applications/${apply.body.id}/decision`, w.admin.headers, { approve: true, items: ['访问部门', '事由'], reason: '时间不必要' });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    const seen = await w.call('GET', url, w.healthOfficer.headers);
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.deepEqual(seen.body.items, { 访问部门: [w.hrss.name], 事由: [PURPOSE] });
    // The official's look is itself an access to the person's data, and shows in the person's list.
    const list = await w.services.tracker.accessesOf(person.id);
    assert.deepEqual(list.map((a) => a.department.code), [w.health.code, w.hrss.code]);
  });
});

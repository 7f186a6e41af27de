import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { csv, ingestSetup, makeId, personResource } from './test-support.ts';

const A = makeId('19800101', '001');
const B = makeId('19900215', '002');

async function loaded(t: ReturnType<typeof testKit>) {
  const s = await ingestSetup(t);
  await s.ingest.submit(s.code, { kind: 'buffer', buffer: csv(`公民身份号码,姓名,联系电话\n${A},张三,13800000000\n${B},李四,13900000000\n`) }, { actor: s.officer.principal, source: 'file' });
  return s;
}

describeEachDatabase('ingest objections', (ctx) => {
  it('notifies the provider, and a correction becomes a new version linked to the objection', async () => {
    const t = testKit(ctx());
    const s = await loaded(t);
    const heard: string[] = [];
    const off = s.ingest.onObjection((o) => { heard.push(o.id); });
    const o = await s.ingest.objections.raise({ resourceCode: s.code, key: A, item: '联系电话', reason: '该号码已停机' }, s.readerOfficer.principal);
    off();
    assert.deepEqual(heard, [o.id]);
    assert.equal(o.value, '13800000000');
    assert.equal(o.status, 'open');
    assert.ok((await s.ingest.objections.inbox(s.officer.principal)).some((x) => x.id === o.id), 'in the provider\'s inbox');
    assert.ok((await s.ingest.objections.outbox(s.readerOfficer.principal)).some((x) => x.id === o.id), 'in the raiser\'s outbox');

    await assert.rejects(s.ingest.objections.resolve(o.id, { action: 'correct', value: '13800138000' }, s.readerOfficer.principal), (e: { code?: string }) => e.code === 'forbidden');
    await assert.rejects(s.ingest.objections.resolve(o.id, { action: 'correct', value: '123' }, s.officer.principal), (e: { code?: string }) => e.code === 'invalid_input');
    const seq = await s.ingest.latestChangeSeq();
    const done = await s.ingest.objections.resolve(o.id, { action: 'correct', value: '138 0013 8000' }, s.officer.principal);
    assert.equal(done.status, 'corrected');
    assert.equal(done.newValue, '13800138000', 'the correction is normalised by the data element');
    const record = await s.ingest.getRecord(s.code, A);
    assert.equal(record?.data.联系电话, '13800138000');
    assert.equal(done.correction?.version, record?.version);
    assert.equal(record?.data.姓名, '张三', 'other items keep their values');
    const changes = await s.ingest.changesSince(seq, 10, [s.code]);
    assert.deepEqual(changes.map((c) => [c.op, c.key, c.version]), [['update', A, 2]]);
    await assert.rejects(s.ingest.objections.resolve(o.id, { action: 'confirm', explanation: 'x' }, s.officer.principal), (e: { code?: string }) => e.code === 'conflict');
    assert.equal((await s.ingest.quality(s.code, s.officer.principal)).history.length, 1, 'a correction is not a delivery');
  });

  it('confirms a value only with an explanation, and lists open objections past their working-day deadline', async () => {
    const t = testKit(ctx());
    const s = await loaded(t);
    const o = await s.ingest.objections.raise({ resourceCode: s.code, key: B, item: '姓名', reason: '姓名应为李思' }, s.readerOfficer.principal);
    // 2026-11-02 is a Monday: five working days later is Monday 2026-11-09, end of day in the county.
    assert.match(o.deadline, /^2026-11-09T/);
    await assert.rejects(s.ingest.objections.resolve(o.id, { action: 'confirm', explanation: '  ' }, s.officer.principal), (e: { code?: string }) => e.code === 'invalid_input');
    const late = await s.ingest.objections.raise({ resourceCode: s.code, key: A, item: '姓名', reason: '疑似同音字' }, s.readerOfficer.principal);
    t.clock.advance(10 * 86_400_000);
    const overdue = await s.ingest.objections.overdue(s.officer.principal);
    assert.deepEqual(overdue.map((x) => x.id).sort(), [o.id, late.id].sort());
    assert.ok(overdue.every((x) => x.overdue));
    const confirmed = await s.ingest.objections.resolve(o.id, { action: 'confirm', explanation: '经核对户籍，姓名无误' }, s.officer.principal);
    assert.equal(confirmed.status, 'confirmed');
    assert.equal(confirmed.overdue, true, 'verified after the deadline');
    assert.deepEqual((await s.ingest.objections.overdue(null)).filter((x) => x.resourceCode === s.code).map((x) => x.id), [late.id]);
  });

  it('uses the county\'s edited working-day calendar for the deadline', async () => {
    const t = testKit(ctx());
    const s = await loaded(t);
    await t.services.calendar.setDays([{ date: '2026-11-04', kind: 'holiday', note: '测试假日' }], s.admin.principal.id);
    const o = await s.ingest.objections.raise({ resourceCode: s.code, key: A, item: '姓名', reason: '核对' }, s.readerOfficer.principal);
    assert.match(o.deadline, /^2026-11-10T/);
    await t.services.calendar.setDays([{ date: '2026-11-04', kind: 'default' }], s.admin.principal.id);
  });

  it('refuses objections from the provider itself, to unknown records or items, and from departments that cannot read the resource', async () => {
    const t = testKit(ctx());
    const s = await loaded(t);
    const raise = (input: { key: string; item: string }, who = s.readerOfficer.principal) => s.ingest.objections.raise({ resourceCode: s.code, reason: '疑问', ...input }, who);
    await assert.rejects(raise({ key: A, item: '姓名' }, s.officer.principal), (e: { code?: string }) => e.code === 'conflict');
    await assert.rejects(raise({ key: makeId('19700101', '009'), item: '姓名' }), (e: { code?: string }) => e.code === 'not_found');
    await assert.rejects(raise({ key: A, item: '血型' }), (e: { code?: string }) => e.code === 'invalid_input');
    const secret = await ingestSetup(t, (code) => personResource(code, { name: '不予共享名册', sharing: { type: '不予共享', basis: '《个人信息保护法》', method: '文件' } }));
    await secret.ingest.submit(secret.code, { kind: 'buffer', buffer: csv(`公民身份号码,姓名\n${A},张三\n`) }, { actor: secret.officer.principal, source: 'file' });
    await assert.rejects(secret.ingest.objections.raise({ resourceCode: secret.code, key: A, item: '姓名', reason: '疑问' }, s.readerOfficer.principal), (e: { code?: string }) => e.code === 'forbidden');
  });
});

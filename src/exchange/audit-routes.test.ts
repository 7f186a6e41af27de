import { it } from 'node:test';
import assert from 'node:assert/strict';
import { leafHash } from '../audit/index.ts';
import { independentlyVerifyNote } from '../audit/testdata/fixtures.ts';
import { pythonVerify } from '../audit/testdata/python-verifier.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { exchangeWorld, people, type ExchangeWorld } from './testing.ts';

type Json = Record<string, any>;
const PURPOSE = '社保待遇资格认证';

/** Root hash (hex) and size from a checkpoint note body (origin, size, base64 root). */
function checkpointOf(note: string) {
  const [, size, root] = note.split('\n');
  return { size: Number(size), root: Buffer.from(root!, 'base64').toString('hex') };
}

describeEachDatabase('audit log over HTTP', (ctx) => {
  let w: ExchangeWorld;
  let lookupIndex: number;

  it('publishes the signed checkpoint and its key to anyone; the signature verifies with the published key', async () => {
    w = await exchangeWorld(testKit(ctx()));
    await w.subscribePopulation();
    const res = await w.call('GET', `${w.path(w.population)}/records/${people[0]!.id}?purpose=${encodeURIComponent(PURPOSE)}`, w.hrssSystem);
    lookupIndex = res.body.auditIndex;
    await w.services.audit.checkpointNow();
    const note = await w.app.inject({ method: 'GET', url: '/api/audit/checkpoint' });
    const key = await w.app.inject({ method: 'GET', url: '/api/audit/key' });
    assert.equal(note.statusCode, 200);
    assert.match(String(note.headers['content-type']), /text\/plain/);
    assert.ok(independentlyVerifyNote(note.body, key.body.trim()), 'checkpoint signature verifies with the published key');
    assert.ok(checkpointOf(note.body).size > lookupIndex);
    const forged = note.body.replace(/\n(\d+)\n/, (_m, n: string) => `\n${Number(n) + 1}\n`);
    assert.equal(independentlyVerifyNote(forged, key.body.trim()), false);
  });

  it('gives parties inclusion and consistency proofs that an independent RFC 9162 verifier accepts', async () => {
    const firstNote = (await w.app.inject({ method: 'GET', url: '/api/audit/checkpoint' })).body;
    const proof = await w.call('GET', `/api/audit/entries/${lookupIndex}/proof`, w.hrssOfficer.headers);
    assert.equal(proof.status, 200, JSON.stringify(proof.body));
    const cp = checkpointOf(firstNote);
    assert.equal(proof.body.rootHash, cp.root);
    assert.equal(proof.body.leafHash, leafHash(proof.body.leaf).toString('hex'));
    // More entries, a new checkpoint, and a consistency proof between the two.
    for (let i = 1; i < 6; i++) await w.call('GET', `${w.path(w.population)}/records/${people[i]!.id}?purpose=${encodeURIComponent(PURPOSE)}`, w.hrssSystem);
    await w.services.audit.checkpointNow();
    const second = checkpointOf((await w.app.inject({ method: 'GET', url: '/api/audit/checkpoint' })).body);
    const consistency = await w.call('GET', `/api/audit/consistency?from=${cp.size}&to=${second.size}`, w.healthOfficer.headers);
    assert.equal(consistency.status, 200, JSON.stringify(consistency.body));
    const tampered = [...proof.body.auditPath];
    tampered[0] = tampered[0].replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
    const results = pythonVerify([
      { kind: 'inclusion', leaf_hash: proof.body.leafHash, index: lookupIndex, size: cp.size, path: proof.body.auditPath, root: cp.root },
      { kind: 'consistency', from: cp.size, to: second.size, old_root: cp.root, new_root: second.root, path: consistency.body.consistencyPath },
      { kind: 'leaf', data: Buffer.from(proof.body.leaf, 'utf8').toString('hex'), leaf_hash: proof.body.leafHash },
      { kind: 'inclusion', leaf_hash: proof.body.leafHash, index: lookupIndex, size: cp.size, path: tampered, root: cp.root },
    ]);
    assert.deepEqual(results, [true, true, true, false]);
  });

  it('shows entries to auditors with filters, and single entries only to the parties', async () => {
    const listed = await w.call('GET', `/api/audit/entries?department=${w.hrss.code}&action=exchange.lookup&limit=3`, w.auditor.headers);
    assert.equal(listed.status, 200);
    assert.equal((listed.body as unknown as Json[]).length, 3);
    assert.ok((listed.body as unknown as Json[]).every((e) => e.entry.actor.department === w.hrss.code));
    assert.equal((await w.call('GET', '/api/audit/entries', w.hrssOfficer.headers)).status, 403);
    assert.equal((await w.call('GET', `/api/audit/entries/${lookupIndex}`, w.hrssOfficer.headers)).status, 200, 'the consumer');
    assert.equal((await w.call('GET', `/api/audit/entries/${lookupIndex}`, w.policeOfficer.headers)).status, 200, 'the provider');
    assert.equal((await w.call('GET', `/api/audit/entries/${lookupIndex}`, w.healthOfficer.headers)).status, 404, 'not a party');
    assert.equal((await w.call('GET', `/api/audit/entries/${lookupIndex}/proof`, w.healthOfficer.headers)).status, 404);
    const providerLog = await w.call('GET', '/api/exchange/access-log?side=provider', w.policeOfficer.headers);
    assert.ok((providerLog.body as unknown as Json[]).some((e) => e.index === lookupIndex), 'the provider sees who used its data');
  });

  it('records every successful administrative change by a user, without bodies, and not failed ones', async () => {
    const created = await w.call('POST', '/api/departments', w.admin.headers, { code: 'AUDITTEST1', name: '审计测试局', level: '县' });
    assert.equal(created.status, 201);
    const user = await w.call('POST', '/api/users', w.admin.headers, { username: 'audited.user', displayName: '审计', password: 'secret-password-123', departmentCode: 'AUDITTEST1', roles: ['staff'] });
    assert.equal(user.status, 201);
    const failed = await w.call('POST', '/api/departments', w.admin.headers, { code: 'AUDITTEST1', name: '重复', level: '县' });
    assert.equal(failed.status, 409);
    const entries = (await w.services.audit.listEntries({ department: w.admin.principal.departmentCode!, limit: 20 })).map((e) => e.entry).filter((e) => e.action.startsWith('admin.'));
    const actions = entries.map((e) => `${e.action} ${e.resource}`);
    assert.ok(actions.includes('admin.departments.post /api/departments'));
    assert.ok(actions.includes('admin.users.post /api/users'));
    assert.equal(entries.filter((e) => e.action === 'admin.departments.post').length, 1, 'the failed request is not recorded');
    assert.ok(entries.every((e) => e.actor.id === w.admin.principal.id && e.requestId));
    assert.ok(!JSON.stringify(entries).includes('secret-password-123'), 'no request bodies');
    const exchangeAdmin = await w.services.audit.listEntries({ action: 'admin.exchange.post', limit: 5 });
    assert.deepEqual(exchangeAdmin, [], 'exchange routes write their own entries, not generic ones');
    assert.equal((await w.services.audit.listEntries({ action: 'grant.subscribe', department: w.hrss.code, limit: 5 })).length, 1);
  });
});

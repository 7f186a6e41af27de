import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { tokenHash } from './secrets.ts';

describeEachDatabase('identity', (ctx) => {
  it('logs a user in with the right password and refuses a wrong one', async () => {
    const t = testKit(ctx());
    const user = await t.newUser(['data_officer']);
    const app = await t.app();
    const ok = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
    assert.equal(ok.statusCode, 200);
    assert.match(String(ok.headers['set-cookie']), /shutong_session=.*HttpOnly/i);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${ok.json().token}` } });
    assert.equal(me.json().name, user.principal.name);
    assert.ok(me.json().permissions.includes('catalog:write'));
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong password' } });
    assert.equal(bad.statusCode, 401);
    assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  });

  it('stores passwords as memory-hard scrypt hashes, never in clear', async () => {
    const t = testKit(ctx());
    const user = await t.newUser(['staff']);
    const row = await ctx().db.selectFrom('users').select('password_hash').where('username', '=', user.username).executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^scrypt\$\d+\$8\$1\$/);
    assert.ok(!row.password_hash.includes(user.password));
  });

  it('throttles repeated failed logins, even with the right password afterwards', async () => {
    const t = testKit(ctx());
    const user = await t.newUser(['staff']);
    const app = await t.app();
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: `nope${i}` }, remoteAddress: '10.9.9.9' });
      assert.equal(res.statusCode, 401);
    }
    const locked = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password }, remoteAddress: '10.9.9.8' });
    assert.equal(locked.statusCode, 429);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    t.clock.advance(16 * 60_000);
    const later = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password }, remoteAddress: '10.9.9.8' });
    assert.equal(later.statusCode, 200);
  });

  it('ends a session at logout and when it expires', async () => {
    const t = testKit(ctx());
    const user = await t.newUser(['staff']);
    const app = await t.app();
    assert.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: user.headers })).statusCode, 200);
    assert.equal((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: user.headers })).statusCode, 204);
    assert.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: user.headers })).statusCode, 401);
    const other = await t.newUser(['staff']);
    t.clock.advance(13 * 3_600_000);
    assert.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: other.headers })).statusCode, 401);
  });

  it('shows an API key once, stores only its hash, records last use and stops it at once when revoked', async () => {
    const t = testKit(ctx());
    const officer = await t.newUser(['data_officer']);
    const app = await t.app();
    const created = await app.inject({ method: 'POST', url: '/api/api-keys', headers: officer.headers, payload: { name: '低保业务系统' } });
    assert.equal(created.statusCode, 201);
    const { id, key } = created.json() as { id: string; key: string };
    const stored = await ctx().db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(stored.key_hash, tokenHash(key));
    assert.ok(!JSON.stringify(stored).includes(key));
    const listed = await app.inject({ method: 'GET', url: '/api/api-keys', headers: officer.headers });
    assert.ok(!listed.body.includes(key), 'the key is never shown again');

    const asSystem = await app.inject({ method: 'GET', url: '/api/catalog/resources', headers: { 'x-api-key': key } });
    assert.equal(asSystem.statusCode, 200);
    const touched = await ctx().db.selectFrom('api_keys').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(touched.last_used_at);

    assert.equal((await app.inject({ method: 'DELETE', url: `/api/api-keys/${id}`, headers: officer.headers })).statusCode, 204);
    const after = await app.inject({ method: 'GET', url: '/api/catalog/resources', headers: { 'x-api-key': key } });
    assert.equal(after.statusCode, 401);
  });

  it('refuses a key for another department and a forged key', async () => {
    const t = testKit(ctx());
    const officer = await t.newUser(['data_officer']);
    const otherDept = await t.newDepartment();
    const app = await t.app();
    const res = await app.inject({ method: 'POST', url: '/api/api-keys', headers: officer.headers, payload: { name: 'x', departmentCode: otherDept.code } });
    assert.equal(res.statusCode, 403);
    const forged = await app.inject({ method: 'GET', url: '/api/catalog/resources', headers: { 'x-api-key': 'stk_00000000-0000-7000-8000-000000000000_forged' } });
    assert.equal(forged.statusCode, 401);
  });

  it('lets only the platform admin create departments and users, naming bad fields', async () => {
    const t = testKit(ctx());
    const admin = await t.newUser(['platform_admin']);
    const staff = await t.newUser(['staff']);
    const app = await t.app();
    assert.equal((await app.inject({ method: 'POST', url: '/api/departments', headers: staff.headers, payload: { code: 'MZJ', name: '民政局', level: '县' } })).statusCode, 403);
    const bad = await app.inject({ method: 'POST', url: '/api/departments', headers: admin.headers, payload: { code: 'MZJ', name: '民政局', level: '省' } });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().errors.some((e: { path: string }) => e.path.startsWith('/body/level')));
    const ok = await app.inject({ method: 'POST', url: '/api/departments', headers: admin.headers, payload: { code: 'MZJ', name: '民政局', level: '县' } });
    assert.equal(ok.statusCode, 201);
    const dup = await app.inject({ method: 'POST', url: '/api/departments', headers: admin.headers, payload: { code: 'MZJ', name: '民政局', level: '县' } });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().errors[0].path, '/code');
  });
});

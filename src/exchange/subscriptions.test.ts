import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { createMemoryChangeFeed } from './change-feed.ts';
import { exchangeWorld, people } from './testing.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from './webhooks.ts';

type Json = Record<string, any>;

/** A consumer's webhook endpoint on 127.0.0.1 that checks signatures like a real one would. */
async function receiver(secret: () => string, nowSeconds: () => number, failFirst: number) {
  const seen = new Set<string>();
  const received: Array<{ headers: IncomingHttpHeaders; body: string; verdict: string }> = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      calls++;
      if (calls <= failFirst) {
        received.push({ headers: req.headers, body, verdict: 'failed on purpose' });
        return res.writeHead(503).end();
      }
      const check = verifyWebhook({ secret: secret(), headers: req.headers, body, nowSeconds: nowSeconds(), seen });
      received.push({ headers: req.headers, body, verdict: check.ok ? 'ok' : check.reason });
      res.writeHead(check.ok ? 204 : 400).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/shutong`;
  return { url, received, seen, close: () => new Promise<void>((done) => server.close(() => done())) };
}

// Fresh per test: each test brings its own in-memory change feed, and the dispatch cursor lives in the database.
describeEachDatabase('exchange change subscriptions', (ctx) => {
  it('delivers granted items of changed records by signed webhook, retries with backoff and resists replay', async () => {
    const t = testKit(ctx());
    const w = await exchangeWorld(t);
    const feed = createMemoryChangeFeed(t.clock);
    w.services.exchange.changes.attachFeed(feed);
    const grant = await w.subscribePopulation(['公民身份号码', '姓名']);
    let secret = '';
    const hook = await receiver(() => secret, () => t.clock.now().getTime() / 1000, 1);
    try {
      const bad = await w.call('POST', '/api/exchange/change-subscriptions', w.hrssSystem, { grant: grant.id, kind: 'webhook', url: 'ftp://example.org/x' });
      assert.equal(bad.status, 400);
      const foreign = await w.call('POST', '/api/exchange/change-subscriptions', w.healthSystem, { grant: grant.id, kind: 'webhook', url: hook.url });
      assert.equal(foreign.status, 404, 'another department cannot subscribe on this grant');
      const created = await w.call('POST', '/api/exchange/change-subscriptions', w.hrssSystem, { grant: grant.id, kind: 'webhook', url: hook.url });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      secret = created.body.secret;
      assert.match(secret, /^whsec_/);
      assert.equal((await w.call('GET', '/api/exchange/change-subscriptions', w.hrssSystem)).body[0].secret, undefined, 'the secret is shown once');

      const person = people[40]!;
      feed.push({ resourceCode: w.population, key: person.id, op: 'upsert', values: { 公民身份号码: person.id, 姓名: '新名字', 民族: '汉族' } });
      feed.push({ resourceCode: w.dibao, key: person.id, op: 'upsert', values: { 姓名: '新名字' } });
      assert.equal(await w.services.exchange.changes.runOnce(), 1, 'one delivery: the 低保 change is not granted');
      assert.equal(await w.services.exchange.changes.sendDue(), 0, 'the first attempt fails (503)');
      let status = (await w.call('GET', `/api/exchange/change-subscriptions/${created.body.id}/deliveries`, w.hrssSystem)).body[0];
      assert.equal(status.status, 'pending');
      assert.equal(status.attempts, 1);
      assert.equal(Date.parse(status.nextAttemptAt) - t.clock.now().getTime(), 1000, 'retry after 1 s');
      assert.equal(await w.services.exchange.changes.sendDue(), 0, 'not due yet');
      assert.equal(hook.received.length, 1);
      t.clock.advance(1000);
      assert.equal(await w.services.exchange.changes.sendDue(), 1);
      status = (await w.call('GET', `/api/exchange/change-subscriptions/${created.body.id}/deliveries`, w.hrssSystem)).body[0];
      assert.deepEqual([status.status, status.attempts], ['delivered', 2]);

      const got = hook.received[1]!;
      assert.equal(got.verdict, 'ok');
      const body = JSON.parse(got.body) as Json;
      assert.deepEqual(body.items, { 公民身份号码: person.id, 姓名: '新名字' }, '民族 is not in the grant');
      assert.equal(body.op, 'upsert');
      assert.equal(got.headers[DELIVERY_HEADER], hook.received[0]!.headers[DELIVERY_HEADER], 'a retry keeps its delivery id');
      const entry = await w.auditAt(body.auditIndex);
      assert.equal(entry.action, 'exchange.change');
      assert.equal(entry.subject, person.id);
      assert.equal(entry.actor.department, w.hrss.code);

      // Replay protection as a consumer applies it.
      const replay = verifyWebhook({ secret, headers: got.headers, body: got.body, nowSeconds: t.clock.now().getTime() / 1000, seen: hook.seen });
      assert.deepEqual(replay, { ok: false, reason: 'replayed delivery' });
      const stale = verifyWebhook({ secret, headers: got.headers, body: got.body, nowSeconds: t.clock.now().getTime() / 1000 + 301, seen: new Set() });
      assert.deepEqual(stale, { ok: false, reason: 'stale timestamp' });
      const tampered = verifyWebhook({ secret, headers: got.headers, body: got.body.replace('新名字', '假名字'), nowSeconds: t.clock.now().getTime() / 1000, seen: new Set() });
      assert.deepEqual(tampered, { ok: false, reason: 'bad signature' });
      assert.match(String(got.headers[SIGNATURE_HEADER]), /^v1=[0-9a-f]{64}$/);
      assert.equal(got.headers[TIMESTAMP_HEADER], String(Math.floor(t.clock.now().getTime() / 1000)));

      const accesses = await w.services.tracker.accessesOf(person.id);
      assert.equal(accesses[0]!.kind, 'change', 'the pushed change shows in the person\'s data-use list');

      await w.call('POST', `/api/exchange/grants/${grant.id}/revoke`, w.policeOfficer.headers, { reason: '停止共享' });
      feed.push({ resourceCode: w.population, key: person.id, op: 'delete', values: null });
      assert.equal(await w.services.exchange.changes.runOnce(), 0, 'a revoked grant receives no more changes');
    } finally {
      await hook.close();
    }
  });

  it('streams changes as server-sent events and resumes from Last-Event-ID', { timeout: 30_000 }, async () => {
    const t = testKit(ctx());
    const w = await exchangeWorld(t);
    const feed = createMemoryChangeFeed(t.clock);
    w.services.exchange.changes.attachFeed(feed);
    const grant = await w.subscribePopulation(['姓名']);
    const created = await w.call('POST', '/api/exchange/change-subscriptions', w.hrssSystem, { grant: grant.id, kind: 'stream' });
    assert.equal(created.status, 201);
    await w.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(w.app.server.address() as AddressInfo).port}`;
    const url = `${base}/api/exchange/change-subscriptions/${created.body.id}/events`;
    const open = async (headers: Record<string, string>) => {
      const controller = new AbortController();
      const res = await fetch(url, { headers: { ...w.hrssSystem, ...headers }, signal: controller.signal });
      const reader = res.body!.getReader();
      let text = '';
      const until = async (pattern: RegExp) => {
        while (!pattern.test(text)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
        return text;
      };
      return { res, until, close: () => controller.abort() };
    };
    try {
      const first = await open({});
      assert.equal(first.res.status, 200);
      assert.match(String(first.res.headers.get('content-type')), /text\/event-stream/);
      await first.until(/retry: 3000/);
      const change = feed.push({ resourceCode: w.population, key: people[50]!.id, op: 'upsert', values: { 姓名: '流式', 民族: '汉族' } });
      await w.services.exchange.changes.runOnce();
      const text = await first.until(/event: change\ndata: .*\n\n/);
      const data = JSON.parse(/data: (.*)\n/.exec(text)![1]!) as Json;
      assert.match(text, new RegExp(`id: ${change.seq}\\n`));
      assert.deepEqual(data.items, { 姓名: '流式' });
      first.close();

      const resumed = await open({ 'last-event-id': '0' });
      const again = await resumed.until(/event: change/);
      assert.match(again, new RegExp(`id: ${change.seq}`), 'the missed event is replayed');
      resumed.close();
      const caughtUp = await open({ 'last-event-id': String(change.seq) });
      await caughtUp.until(/retry: 3000\n\n/);
      feed.push({ resourceCode: w.population, key: people[51]!.id, op: 'upsert', values: { 姓名: '下一条' } });
      await w.services.exchange.changes.runOnce();
      const next = await caughtUp.until(/下一条/);
      assert.ok(!next.includes('流式'), 'nothing already seen is sent again');
      caughtUp.close();
      const foreign = await fetch(url, { headers: w.healthSystem });
      assert.equal(foreign.status, 404);
      await foreign.text();
    } finally {
      // fetch keeps its sockets alive for reuse; close them rather than wait for their timeout.
      w.app.server.closeAllConnections();
      await w.app.close();
    }
  });
}, { freshPerTest: true });

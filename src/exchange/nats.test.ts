import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from 'nats';
import { freshDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { createMemoryChangeFeed } from './change-feed.ts';
import { NATS_STREAM, natsSubject } from './nats.ts';
import { exchangeWorld, people } from './testing.ts';

type Json = Record<string, any>;
const NATS_URL = 'nats://127.0.0.1:4222';

async function probe(): Promise<string | undefined> {
  try {
    const nc = await connect({ servers: '127.0.0.1:4222', timeout: 2000, reconnect: false });
    try {
      await (await nc.jetstreamManager()).getAccountInfo();
    } finally {
      await nc.close();
    }
    return undefined;
  } catch (error) {
    return `NATS JetStream at 127.0.0.1:4222 unreachable: ${(error as Error).message}`;
  }
}

const unavailable = await probe();
if (unavailable && process.env.CI !== 'true') process.stderr.write(`nats.test.ts skipped: ${unavailable}\n`);

// NATS is optional in development (skipped with the reason) and required in CI (the test fails).
describe('exchange changes on NATS JetStream', { skip: unavailable && process.env.CI !== 'true' ? unavailable : false }, () => {
  it('publishes each granted change to the consumer\'s subject in the JetStream stream', async () => {
    if (unavailable) throw new Error(unavailable);
    const { handle, cleanup } = await freshDatabase('sqlite');
    let nc: NatsConnection | undefined;
    const t = testKit(handle, { NATS_URL });
    try {
      const w = await exchangeWorld(t);
      const feed = createMemoryChangeFeed(t.clock);
      w.services.exchange.changes.attachFeed(feed);
      const grant = await w.subscribePopulation(['姓名']);
      const created = await w.call('POST', '/api/exchange/change-subscriptions', w.hrssSystem, { grant: grant.id, kind: 'stream' });
      assert.equal(created.status, 201);
      nc = await connect({ servers: '127.0.0.1:4222', timeout: 2000 });
      const subject = natsSubject(w.hrss.code, created.body.id);
      const sub = nc.subscribe(subject, { max: 1, timeout: 10_000 });
      const person = people[60]!;
      feed.push({ resourceCode: w.population, key: person.id, op: 'upsert', values: { 姓名: '消息', 民族: '汉族' } });
      await w.services.exchange.changes.runOnce();
      let message: Json | undefined;
      for await (const m of sub) message = JSON.parse(new TextDecoder().decode(m.data)) as Json;
      assert.ok(message, 'a message arrived on the consumer subject');
      assert.deepEqual(message.items, { 姓名: '消息' });
      assert.equal((await w.auditAt(message.auditIndex)).action, 'exchange.change');
      const info = await (await nc.jetstreamManager()).streams.info(NATS_STREAM);
      assert.ok(info.state.messages >= 1, 'the message is kept in the stream');
    } finally {
      await t.services.exchange.stop();
      await nc?.close();
      await handle.close();
      await cleanup();
    }
  });
});

import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import type { App } from '../http/types.ts';
import type { ExchangeService } from './service.ts';

const tags = ['exchange'];
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const HEARTBEAT_MS = 15_000;

/** Change subscriptions: signed webhooks, a server-sent-event stream, delivery status. */
export function subscriptionRoutes(app: App, deps: { exchange: ExchangeService }) {
  const { changes } = deps.exchange;
  const open = new Set<ServerResponse>();
  // Streams never end by themselves: end them when the server shuts down, or closing would wait for clients.
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
  });

  app.post('/exchange/change-subscriptions', {
    config: { access: 'exchange:use' },
    schema: {
      tags, summary: '订阅已授权记录的变更（密钥只显示一次）/ subscribe to changes of granted records (the secret is shown once)',
      body: Type.Object({ grant: Type.String({ maxLength: 64 }), kind: Type.Union([Type.Literal('webhook'), Type.Literal('stream')]), url: Type.Optional(Type.String({ maxLength: 2000 })) }),
    },
  }, async (request, reply) => reply.code(201).send(await changes.create(request.principal!, request.body)));

  app.get('/exchange/change-subscriptions', { config: { access: 'exchange:use' }, schema: { tags, summary: '变更订阅列表 / change subscriptions' } }, async (request) => changes.list(request.principal!));

  app.delete('/exchange/change-subscriptions/:id', { config: { access: 'exchange:use' }, schema: { tags, summary: '停用变更订阅 / disable a change subscription', params: Id } }, async (request) =>
    changes.disable(request.principal!, request.params.id));

  app.get('/exchange/change-subscriptions/:id/deliveries', { config: { access: 'exchange:use' }, schema: { tags, summary: '推送记录与重试状态 / deliveries and retries', params: Id } }, async (request) =>
    changes.deliveries(request.principal!, request.params.id));

  app.get('/exchange/change-subscriptions/:id/events', {
    config: { access: 'exchange:use' },
    schema: { tags, summary: '变更事件流（SSE，支持 Last-Event-ID 续传）/ change events as server-sent events (resumes from Last-Event-ID)', params: Id, querystring: Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0 })) }) },
  }, async (request, reply) => {
    const lastId = Number(request.headers['last-event-id']);
    const after = request.query.after ?? (Number.isInteger(lastId) && lastId >= 0 ? lastId : 0);
    const raw = reply.raw;
    let sent = after;
    const write = (d: { seq: number; body: string }) => {
      if (d.seq <= sent) return;
      sent = d.seq;
      raw.write(`id: ${d.seq}\nevent: change\ndata: ${d.body}\n\n`);
    };
    const { backlog, stop } = await changes.stream(request.principal!, request.params.id, after, write);
    reply.hijack();
    open.add(raw);
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
    raw.write('retry: 3000\n\n');
    for (const d of backlog) write(d);
    const beat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    beat.unref();
    request.raw.on('close', () => {
      open.delete(raw);
      clearInterval(beat);
      stop();
    });
  });
}

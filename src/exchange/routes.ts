import { Type } from 'typebox';
import type { App } from '../http/types.ts';
import type { ExchangeService } from './service.ts';

const tags = ['exchange'];
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Items = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 200 });
const Side = Type.Union([Type.Literal('consumer'), Type.Literal('provider'), Type.Literal('both')]);
const State = Type.Union(['pending', 'overdue', 'answered', 'escalated', 'all'].map((s) => Type.Literal(s)));
const Terms = {
  items: Type.Optional(Items),
  durationDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  quotaPerDay: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  ratePerSecond: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
};

/** Grants, applications, settings, source bindings and monitoring. Data calls are in api-routes.ts. */
export function exchangeRoutes(app: App, deps: { exchange: ExchangeService }) {
  const { exchange } = deps;
  // Background work (grant and catalog pollers, usage and stats flush, change delivery) runs while the server
  // listens; in-process tests (inject) drive it by hand.
  app.addHook('onListen', async () => exchange.start());
  app.addHook('onClose', async () => exchange.stop());

  app.post('/exchange/subscriptions', {
    config: { access: 'exchange:apply' },
    schema: {
      tags, summary: '订阅无条件共享资源（即时授权）/ subscribe to an unconditionally shared resource (granted at once)',
      body: Type.Object({ resource: Type.String({ maxLength: 40 }), purpose: Type.String({ maxLength: 200 }), items: Type.Optional(Items), durationDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) }),
    },
  }, async (request, reply) => reply.code(201).send(await exchange.grants.subscribe(request.principal!, { ...request.body, requestId: request.id })));

  app.get('/exchange/grants', {
    config: { access: 'exchange:use' },
    schema: { tags, summary: '共享授权列表 / grants', querystring: Type.Object({ side: Type.Optional(Type.Union([Side, Type.Literal('all')])) }) },
  }, async (request) => exchange.grants.list(request.principal!, request.query.side ?? 'both'));

  app.get('/exchange/grants/:id', { config: { access: 'exchange:use' }, schema: { tags, summary: '授权详情 / grant detail', params: Id } }, async (request) =>
    exchange.grants.get(request.principal!, request.params.id));

  app.post('/exchange/grants/:id/revoke', {
    config: { access: 'exchange:apply' },
    schema: { tags, summary: '撤销授权（立即生效）/ revoke a grant (effective at once)', params: Id, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }) },
  }, async (request) => exchange.grants.revoke(request.principal!, request.params.id, request.body.reason, request.id));

  app.post('/exchange/applications', {
    config: { access: 'exchange:apply' },
    schema: {
      tags, summary: '申请有条件共享资源 / apply for a conditionally shared resource',
      body: Type.Object({
        resource: Type.String({ maxLength: 40 }),
        purpose: Type.String({ maxLength: 200, description: '事由' }),
        basis: Type.String({ maxLength: 1000, description: '法律政策依据 / legal basis' }),
        items: Items,
        mode: Type.Optional(Type.Union([Type.Literal('lookup'), Type.Literal('verify')])),
        // Ranges are checked by the service, which reports every bad field at once.
        durationDays: Type.Integer({ description: '期限（天）/ days' }),
        expectedVolume: Type.Integer({ description: '每日预计条数 / expected records per day' }),
      }),
    },
  }, async (request, reply) => reply.code(201).send(await exchange.applications.apply(request.principal!, request.body, request.id)));

  app.get('/exchange/applications', {
    config: { access: 'exchange:apply' },
    schema: { tags, summary: '申请列表：待审批、逾期、已答复、协调中 / applications: pending, overdue, answered, escalated', querystring: Type.Object({ side: Type.Optional(Side), state: Type.Optional(State) }) },
  }, async (request) => exchange.applications.list(request.principal!, request.query.side ?? 'both', (request.query.state ?? 'all') as 'all'));

  app.get('/exchange/applications/:id', { config: { access: 'exchange:apply' }, schema: { tags, summary: '申请详情 / application detail', params: Id } }, async (request) =>
    exchange.applications.get(request.principal!, request.params.id));

  app.post('/exchange/applications/:id/decision', {
    config: { access: 'exchange:decide' },
    schema: { tags, summary: '提供方审批（可少批信息项）/ the provider decides (may approve fewer items)', params: Id, body: Type.Object({ approve: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 2000 })), ...Terms }) },
  }, async (request) => exchange.applications.decide(request.principal!, request.params.id, request.body, request.id));

  app.post('/exchange/applications/:id/withdraw', { config: { access: 'exchange:apply' }, schema: { tags, summary: '撤回申请 / withdraw', params: Id } }, async (request) =>
    exchange.applications.withdraw(request.principal!, request.params.id, request.id));

  app.post('/exchange/applications/:id/escalate', {
    config: { access: 'exchange:apply' },
    schema: { tags, summary: '提请数据主管部门协调 / escalate to the platform admin', params: Id, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }) },
  }, async (request) => exchange.applications.escalate(request.principal!, request.params.id, request.body.reason, request.id));

  app.post('/exchange/applications/:id/resolve', {
    config: { access: 'exchange:admin' },
    schema: { tags, summary: '协调结果 / resolve a dispute', params: Id, body: Type.Object({ decision: Type.Union([Type.Literal('uphold'), Type.Literal('approve')]), reason: Type.String({ minLength: 1, maxLength: 2000 }), ...Terms }) },
  }, async (request) => exchange.applications.resolve(request.principal!, request.params.id, request.body, request.id));

  app.get('/exchange/settings', { config: { access: 'exchange:use' }, schema: { tags, summary: '交换设置 / exchange settings' } }, async () => exchange.settings.get());

  app.put('/exchange/settings', {
    config: { access: 'exchange:admin' },
    schema: { tags, summary: '修改交换设置（如答复期限工作日数）/ change settings (e.g. working days to answer)', body: Type.Object({ decisionWorkingDays: Type.Optional(Type.Integer()), subscriptionDays: Type.Optional(Type.Integer()), maxGrantDays: Type.Optional(Type.Integer()) }) },
  }, async (request) => exchange.settings.update(request.principal!, request.body, request.id));

  app.get('/exchange/sources', { config: { access: 'exchange:admin' }, schema: { tags, summary: '数据源与绑定 / lookup sources and bindings' } }, async () => exchange.listSources());

  app.put('/exchange/sources/:class/:seq', {
    config: { access: 'exchange:admin' },
    schema: { tags, summary: '为资源绑定数据源（基础库、数据使用记录）/ bind a resource to a source', params: Type.Object({ class: Type.String(), seq: Type.String() }), body: Type.Object({ source: Type.String({ maxLength: 64 }) }) },
  }, async (request) => exchange.bindSource(request.principal!, `${request.params.class}/${request.params.seq}`, request.body.source, request.id));

  app.get('/exchange/stats', {
    config: { access: 'exchange:use' },
    schema: {
      tags, summary: '运行监测：调用量、失败、时延分位数 / monitoring: calls, failures, latency percentiles',
      querystring: Type.Object({ grant: Type.Optional(Type.String()), department: Type.Optional(Type.String()), from: Type.Optional(Type.String()), to: Type.Optional(Type.String()) }),
    },
  }, async (request) => exchange.stats(request.principal!, { grantId: request.query.grant, departmentCode: request.query.department, from: request.query.from, to: request.query.to }));
}

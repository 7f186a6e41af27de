import { Type } from 'typebox';
import type { App } from '../http/types.ts';
import type { IngestService } from './service.ts';

const tags = ['objections'];
const Status = Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('corrected'), Type.Literal('confirmed')])) });

/** HTTP for 数据异议: raise, the provider's inbox, the raiser's outbox, overdue, resolve. */
export function objectionRoutes(app: App, deps: { ingest: IngestService }) {
  const { objections } = deps.ingest;

  app.post('/ingest/objections', {
    config: { access: 'objection:raise' },
    schema: {
      tags, summary: '对记录的某一字段提出异议 / object to a value',
      body: Type.Object({
        resourceCode: Type.String({ maxLength: 40 }), key: Type.String({ maxLength: 500 }), item: Type.String({ maxLength: 200 }),
        reason: Type.String({ minLength: 1, maxLength: 2000 }), workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
      }),
    },
  }, async (request, reply) => reply.code(201).send(await objections.raise(request.body, request.principal!)));

  app.get('/ingest/objections/inbox', { config: { access: 'objection:resolve' }, schema: { tags, summary: '待本部门校核的异议 / objections to verify', querystring: Status } },
    async (request) => objections.inbox(request.principal!, request.query.status));

  app.get('/ingest/objections/outbox', { config: { access: 'objection:raise' }, schema: { tags, summary: '本部门提出的异议 / objections raised', querystring: Status } },
    async (request) => objections.outbox(request.principal!, request.query.status));

  app.get('/ingest/objections/overdue', { config: { access: 'ingest:read' }, schema: { tags, summary: '逾期未校核的异议 / overdue objections' } },
    async (request) => objections.overdue(request.principal!));

  app.get('/ingest/objections/:id', { config: { access: 'objection:raise' }, schema: { tags, summary: '异议详情 / an objection', params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } },
    async (request) => objections.get(request.params.id, request.principal!));

  app.post('/ingest/objections/:id/resolve', {
    config: { access: 'objection:resolve' },
    schema: {
      tags, summary: '校核：更正（生成新版本）或确认原值 / verify: correct (new version) or confirm',
      params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      body: Type.Union([
        Type.Object({ action: Type.Literal('correct'), value: Type.String({ maxLength: 4000 }), explanation: Type.Optional(Type.String({ maxLength: 2000 })) }),
        Type.Object({ action: Type.Literal('confirm'), explanation: Type.String({ minLength: 1, maxLength: 2000 }) }),
      ]),
    },
  }, async (request) => objections.resolve(request.params.id, request.body, request.principal!));
}

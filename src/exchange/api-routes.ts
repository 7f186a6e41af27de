import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../http/types.ts';
import { AppError } from '../shared/errors.ts';
import type { ExchangeService } from './service.ts';

const tags = ['exchange'];
const Code = Type.Object({ class: Type.String({ maxLength: 20 }), seq: Type.String({ maxLength: 20 }) });
const codeOf = (p: { class: string; seq: string }) => `${p.class}/${p.seq}`;
// Loose on purpose: the service checks every field itself so that a malformed call is refused *and audited*.
const Hide = Type.Optional(Type.Unknown({ description: '{ until: "YYYY-MM-DD", reason }: 在该日期前不向本人显示此次访问 / hide from the person until that date' }));
const LookupBody = Type.Object({
  keys: Type.Optional(Type.Unknown({ description: '查询键，至多 1000 个 / up to 1,000 keys' })),
  purpose: Type.Optional(Type.Unknown({ description: '用途（事由），须在授权范围内 / purpose, covered by the grant' })),
  items: Type.Optional(Type.Unknown({ description: '信息项（默认全部已授权项）/ items (default: all granted)' })),
  grant: Type.Optional(Type.Unknown()),
  hide: Hide,
});
const VerifyBody = Type.Object({
  purpose: Type.Optional(Type.Unknown()),
  checks: Type.Optional(Type.Unknown({ description: '[{ key, values: { 信息项: 值 } }]，至多 1000 个 / up to 1,000' })),
  key: Type.Optional(Type.Unknown()),
  values: Type.Optional(Type.Unknown()),
  grant: Type.Optional(Type.Unknown()),
  hide: Hide,
});

/** Puts the audit index of a refusal on the response before the error handler writes the problem. */
function withAuditHeader(reply: FastifyReply, error: unknown): unknown {
  if (error instanceof AppError && typeof error.details.auditIndex === 'number') reply.header('x-audit-index', String(error.details.auditIndex));
  return error;
}

async function audited<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw withAuditHeader(reply, error);
  }
}

const isObject = (body: unknown): body is Record<string, any> => typeof body === 'object' && body !== null && !Array.isArray(body);
const bodyOf = (body: unknown): Record<string, any> => (isObject(body) ? body : {});
const malformed = (body: unknown) => (isObject(body) ? undefined : '请求体应为 JSON 对象 / the body must be a JSON object');
const ctxOf = (request: FastifyRequest) => ({ principal: request.principal!, requestId: request.id });

/**
 * The exchange API for department systems (x-api-key) and officials: lookup, batch lookup, 核验.
 * Every answer, refusals included, carries the index of its audit entry (`auditIndex`, `x-audit-index`).
 */
export function exchangeApiRoutes(app: App, deps: { exchange: ExchangeService }) {
  const { exchange } = deps;

  app.get('/exchange/resources/:class/:seq/records/:key', {
    config: { access: 'exchange:use' },
    // Schema failures reach the handler, so the service refuses them and writes the refusal to the log.
    attachValidation: true,
    schema: {
      tags, summary: '按键查询（只返回已授权信息项）/ look up one record (granted items only)',
      params: Type.Object({ class: Type.String({ maxLength: 20 }), seq: Type.String({ maxLength: 20 }), key: Type.String({ maxLength: 1000 }) }),
      querystring: Type.Object({ purpose: Type.Optional(Type.String({ maxLength: 1000 })), items: Type.Optional(Type.String({ maxLength: 5000 })), grant: Type.Optional(Type.String({ maxLength: 100 })), hideUntil: Type.Optional(Type.String({ maxLength: 20 })), hideReason: Type.Optional(Type.String({ maxLength: 1000 })) }),
    },
  }, async (request, reply) => {
    const q = request.query;
    const hide = q.hideUntil !== undefined || q.hideReason !== undefined ? { until: q.hideUntil, reason: q.hideReason } : undefined;
    const code = codeOf(request.params);
    try {
      const { grant, results } = await exchange.lookup(ctxOf(request), { resourceCode: code, keys: [request.params.key], purpose: q.purpose, items: q.items, grantId: q.grant, hide });
      const r = results[0]!;
      reply.header('x-audit-index', String(r.auditIndex));
      return { resource: code, key: r.key, found: r.found, items: r.items, grant, auditIndex: r.auditIndex };
    } catch (error) {
      throw withAuditHeader(reply, error);
    }
  });

  app.post('/exchange/resources/:class/:seq/lookup', {
    config: { access: 'exchange:use' },
    // Schema failures reach the handler, so the service refuses them and writes the refusal to the log.
    attachValidation: true,
    schema: { tags, summary: '批量查询（至多 1000 个键）/ batch lookup (up to 1,000 keys)', params: Code, body: LookupBody },
  }, async (request, reply) => audited(reply, async () => {
    const b = bodyOf(request.body);
    const keys = b.keys === undefined ? [] : Array.isArray(b.keys) ? b.keys : [b.keys];
    const code = codeOf(request.params);
    const { grant, results } = await exchange.lookup(ctxOf(request), { resourceCode: code, keys, purpose: b.purpose, items: b.items, grantId: b.grant, hide: b.hide, malformed: malformed(request.body) });
    reply.header('x-audit-index', String(results[0]!.auditIndex));
    return { resource: code, grant, results };
  }));

  app.post('/exchange/resources/:class/:seq/verify', {
    config: { access: 'exchange:use' },
    // Schema failures reach the handler, so the service refuses them and writes the refusal to the log.
    attachValidation: true,
    schema: { tags, summary: '核验：只回答一致/不一致，不返回原值 / verification: match or no match, never the values', params: Code, body: VerifyBody },
  }, async (request, reply) => audited(reply, async () => {
    const b = bodyOf(request.body);
    const checks = b.checks ?? (b.key !== undefined ? [{ key: b.key, values: b.values }] : undefined);
    const code = codeOf(request.params);
    const { grant, results } = await exchange.verify(ctxOf(request), { resourceCode: code, checks, purpose: b.purpose, grantId: b.grant, hide: b.hide, malformed: malformed(request.body) });
    reply.header('x-audit-index', String(results[0]!.auditIndex));
    return { resource: code, grant, results };
  }));
}

import { Type } from 'typebox';
import type { Config } from '../config.ts';
import { checkKey } from '../exchange/index.ts';
import { SESSION_COOKIE } from '../http/auth.ts';
import type { App } from '../http/types.ts';
import type { IdentityService } from '../identity/service.ts';
import { AppError, invalidInput } from '../shared/errors.ts';
import type { TrackerService } from './service.ts';

const tags = ['tracker'];
const CODES_PER_WINDOW = 5;
const WINDOW_MS = 10 * 60_000;

function idNumberOrFail(raw: string): string {
  const c = checkKey('id_number', raw);
  if (!c.ok) throw invalidInput(`身份证号有误：${c.message}`, [{ path: '/idNumber', message: c.message }]);
  return c.key;
}

/**
 * Citizen sign-in (demo: ID number + one-time code) and the citizen's own data-use list (数据使用记录);
 * holds that hide an access until a date.
 */
export function trackerRoutes(app: App, deps: { tracker: TrackerService; identity: IdentityService; config: Config }) {
  const { tracker, identity, config } = deps;
  const issued = new Map<string, number[]>();

  app.post('/auth/citizen/code', {
    config: { access: 'public' },
    schema: { tags, summary: '群众获取登录验证码 / a citizen asks for a one-time code', body: Type.Object({ idNumber: Type.String({ maxLength: 40 }) }) },
  }, async (request) => {
    const id = idNumberOrFail(request.body.idNumber);
    const now = Date.now();
    // Per person and per client address, so that nobody can flood a person or the code table.
    for (const [key, max] of [[`id:${id}`, CODES_PER_WINDOW], [`ip:${request.ip}`, CODES_PER_WINDOW * 4]] as const) {
      const recent = (issued.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
      if (recent.length >= max) throw new AppError('too_many_requests', '验证码请求过于频繁，请稍后再试 / too many codes requested', [], { retryAfterSeconds: Math.ceil((recent[0]! + WINDOW_MS - now) / 1000) });
      issued.set(key, [...recent, now]);
    }
    if (issued.size > 100_000) issued.clear();
    const code = await identity.issueCitizenCode(id);
    // Demo behaviour (SHUTONG_DEMO): no SMS gateway, so the console shows the code. Production sends it by SMS.
    return config.loadDemo
      ? { sent: true, demo: true, code, note: '示范模式：验证码直接显示在页面上，正式部署应通过短信发送 / demo mode: the code is shown on screen; production sends it by SMS' }
      : { sent: true, demo: false };
  });

  app.post('/auth/citizen/login', {
    config: { access: 'public' },
    schema: { tags, summary: '群众登录 / citizen sign-in', body: Type.Object({ idNumber: Type.String({ maxLength: 40 }), code: Type.String({ minLength: 6, maxLength: 6 }) }) },
  }, async (request, reply) => {
    const id = idNumberOrFail(request.body.idNumber);
    const result = await identity.citizenLogin(id, request.body.code, request.ip);
    reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, expires: new Date(result.expiresAt) });
    return { token: result.token, expiresAt: result.expiresAt };
  });

  app.get('/tracker/me', {
    config: { access: 'citizen:self' },
    schema: { tags, summary: '我的数据使用记录 / who used my data', querystring: Type.Object({ before: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }) },
  }, async (request) => ({ idNumber: request.principal!.name, accesses: await tracker.accessesOf(request.principal!.id, request.query) }));

  app.post('/tracker/holds', {
    config: { access: 'exchange:use' },
    schema: {
      tags, summary: '暂缓告知一次访问（如案件调查）/ hide an access until a date (e.g. an investigation)',
      body: Type.Object({ auditIndex: Type.Integer({ minimum: 0 }), until: Type.String({ maxLength: 10 }), reason: Type.String({ minLength: 1, maxLength: 500 }) }),
    },
  }, async (request, reply) => reply.code(201).send(await tracker.holdAccess(request.principal!, request.body, request.id)));

  app.get('/tracker/holds', { config: { access: 'audit:read' }, schema: { tags, summary: '生效中的暂缓告知 / holds in force' } }, async () => tracker.activeHolds());
}

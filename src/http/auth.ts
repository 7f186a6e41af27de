import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityService } from '../identity/service.ts';
import { rolesGrant } from '../identity/permissions.ts';
import { sendProblem } from './problem.ts';

export const SESSION_COOKIE = 'shutong_session';

/** Resolves who is calling: API key header, bearer token or session cookie. Never rejects by itself. */
export function authenticate(identity: IdentityService) {
  return async (request: FastifyRequest) => {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey) {
      request.principal = await identity.authenticateApiKey(apiKey);
      return;
    }
    const auth = request.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : request.cookies?.[SESSION_COOKIE];
    if (!token) return;
    request.principal = token.startsWith('stk_') ? await identity.authenticateApiKey(token) : await identity.authenticateSession(token);
  };
}

/** Enforces the route's declared access. */
export function authorize() {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    // Only the not-found handler has no declared access: every registered route must declare one.
    if (access === 'public' || access === undefined) return;
    if (!request.principal) return sendProblem(reply, 401, 'unauthenticated', '请先登录或提供 API 密钥 / sign in or send an API key');
    if (access === 'authenticated') return;
    if (!rolesGrant(request.principal.roles, access)) {
      return sendProblem(reply, 403, 'forbidden', `无权执行此操作（需要 ${access}）/ not allowed (needs ${access})`);
    }
  };
}

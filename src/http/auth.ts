import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { IdentityService } from '../identity/service.ts';
import { rolesGrant } from '../identity/permissions.ts';
import { sendProblem } from './problem.ts';

export const SESSION_COOKIE = 'shutong_session';

/** The credential a request presents: API key header, bearer token or session cookie. */
function credentialOf(request: FastifyRequest): { token: string; apiKey: boolean } | undefined {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey) return { token: apiKey, apiKey: true };
  const auth = request.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : request.cookies?.[SESSION_COOKIE];
  if (!token) return undefined;
  return { token, apiKey: token.startsWith('stk_') };
}

/**
 * Resolves who is calling. Never rejects by itself. A credential seen recently is answered from the
 * identity cache without a promise (callback-style hook): this runs on every request.
 */
export function authenticate(identity: IdentityService) {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const credential = credentialOf(request);
    if (!credential) return done();
    const hit = identity.cachedPrincipal(credential.token);
    if (hit) {
      request.principal = hit;
      return done();
    }
    const pending = credential.apiKey ? identity.authenticateApiKey(credential.token) : identity.authenticateSession(credential.token);
    pending.then((principal) => {
      request.principal = principal;
      done();
    }, (error: unknown) => done(error as Error));
  };
}

/** Enforces the route's declared access; also sets the headers every answer carries. */
export function authorize() {
  return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    const access = request.routeOptions.config?.access;
    // Only the not-found handler has no declared access: every registered route must declare one.
    if (access === 'public' || access === undefined || (request.principal && (access === 'authenticated' || rolesGrant(request.principal.roles, access)))) return done();
    if (!request.principal) sendProblem(reply, 401, 'unauthenticated', '请先登录或提供 API 密钥 / sign in or send an API key');
    else sendProblem(reply, 403, 'forbidden', `无权执行此操作（需要 ${access}）/ not allowed (needs ${access})`);
  };
}

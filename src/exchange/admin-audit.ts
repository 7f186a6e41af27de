import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/types.ts';
import type { AuditSink } from './audit-port.ts';
import { actorOf } from './audit-port.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// These write their own, richer entries (exchange calls, grant decisions, holds).
const SELF_AUDITED = ['/api/exchange/', '/api/tracker/'];

/** `admin.<module>.<method>`, e.g. `admin.catalog.post` for POST /api/catalog/resources. */
export function adminAction(method: string, routeUrl: string): string {
  const module = (routeUrl.split('/')[2] ?? 'api').toLowerCase().replace(/[^a-z0-9_]/g, '_') || 'api';
  return `admin.${module}.${method.toLowerCase()}`;
}

/**
 * Appends every successful mutating request by a signed-in user (outside the exchange and tracker, which
 * audit themselves) to the audit log: who, which route, which URL, status and request id. Never bodies:
 * they may hold passwords or keys.
 */
export function registerAdminAudit(app: App, deps: { audit: AuditSink }) {
  // onSend, not onResponse: the change is on the record before the caller is told it succeeded.
  const record = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const p = request.principal;
    if (reply.statusCode >= 400 || !p || p.kind !== 'user') return payload;
    const route = request.routeOptions.url ?? '';
    const path = request.url.split('?')[0] ?? '';
    try {
      await deps.audit.appendEntry({
        actor: actorOf(p),
        action: adminAction(request.method, route),
        resource: path.slice(0, 500),
        outcome: { decision: 'allowed', reason: null },
        requestId: request.id,
        details: { method: request.method, route, status: reply.statusCode },
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not append an administrative action to the audit log');
    }
    return payload;
  };
  // Attached per route, to mutating routes only: reads (the exchange's lookups above all) pay nothing.
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (!methods.some((m) => MUTATING.has(m)) || SELF_AUDITED.some((prefix) => route.url.startsWith(prefix))) return;
    const existing = route.onSend ? [route.onSend].flat() : [];
    route.onSend = [...existing, record] as typeof route.onSend;
  });
}

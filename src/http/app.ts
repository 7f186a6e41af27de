import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.ts';
import type { Services } from '../main/services.ts';
import { authenticate, authorize, SESSION_COOKIE } from './auth.ts';
import { errorHandler, sendProblem } from './problem.ts';
import { apiRoutes } from './routes.ts';
import type { App } from './types.ts';

export interface AppOptions {
  readonly config: Config;
  readonly services: Services;
  /** Pino options or false; tests pass false. */
  readonly logger?: FastifyServerOptions['logger'];
}

const PUBLIC_PREFIXES = ['/docs'];

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access, for the route-guard test and /api/meta. */
    routeTable: readonly RouteEntry[];
  }
}

/**
 * Builds the HTTP app: every route under /api declares its access (see `Access`); routes that do not
 * are refused at registration, so nothing is reachable unauthenticated by accident.
 */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, services } = options;
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]'], censor: '****' },
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 16 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('principal', null);
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (PUBLIC_PREFIXES.some((p) => route.url.startsWith(p)) || route.url === '/*' || route.url === '/') {
      route.config = { ...(route.config ?? {}), access: route.config?.access ?? 'public' };
    }
    if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no access (public/authenticated/permission)`);
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, access: route.config.access });
  });
  // The cookie parser's onRequest hook must come before authenticate, which reads the session cookie.
  await app.register(cookie);
  // Both run before the body is read or validated: an anonymous caller learns nothing about a route's schema.
  app.addHook('onRequest', authenticate(services.identity));
  // authorize also sets nosniff and referrer-policy on every answer (cheaper there than an onSend hook).
  app.addHook('onRequest', authorize());
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (request.method === 'GET' && !url.startsWith('/api') && webRoot(config)) return reply.sendFile('index.html');
    return sendProblem(reply, 404, 'not_found', `没有这个地址 / no route ${request.method} ${url}`);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '数通 Shutong API', version: '0.1.0', description: '县域政务数据共享平台 / county government data-sharing platform' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      security: [{ session: [] }, { bearer: [] }, { apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(async (api) => apiRoutes(api as unknown as App, services, config), { prefix: '/api' });

  const root = webRoot(config);
  // The wildcard route '/*' serves the built console; the onRoute hook marks it public.
  if (root) await app.register(fastifyStatic, { root, prefix: '/' });
  return app as unknown as App;
}

function webRoot(_config: Config): string | undefined {
  const dir = resolve('web/dist');
  return existsSync(resolve(dir, 'index.html')) ? dir : undefined;
}

export type { TypeBoxTypeProvider };

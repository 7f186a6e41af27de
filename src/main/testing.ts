import { loadConfig } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { buildApp } from '../http/app.ts';
import type { App } from '../http/types.ts';
import type { Role } from '../identity/permissions.ts';
import type { Principal } from '../identity/principal.ts';
import type { DepartmentLevel } from '../identity/service.ts';
import { fixedClock } from '../shared/clock.ts';
import { createServices, type Services } from './services.ts';

let counter = 0;
const unique = (prefix: string) => `${prefix}${process.pid % 1000}${++counter}`;

/**
 * Test fixtures that insert real rows through the real services: `t.newDepartment()`, `t.newUser(['data_officer'])`.
 * Passwords use a low scrypt cost so that suites stay fast; everything else is as in production.
 */
export interface TestKit {
  readonly services: Services;
  readonly clock: ReturnType<typeof fixedClock>;
  app(): Promise<App>;
  newDepartment(input?: { name?: string; level?: DepartmentLevel; parentCode?: string }): Promise<{ id: string; code: string; name: string }>;
  newUser(roles: Role[], departmentCode?: string): Promise<{ username: string; password: string; principal: Principal; token: string; headers: { authorization: string } }>;
}

export function testKit(handle: DatabaseHandle, env: Record<string, string> = {}, options: { auditWriterThread?: boolean } = {}): TestKit {
  const config = loadConfig({ SHUTONG_DEMO: 'false', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/shutong-test-data', ...env });
  const clock = fixedClock(new Date('2026-11-02T02:00:00.000Z'));
  const services = createServices({ config, handle, clock, passwordCost: { N: 1024, r: 8, p: 1 }, ...options });
  let app: App | undefined;
  const kit: TestKit = {
    services,
    clock,
    async app() {
      app ??= await buildApp({ config, services, logger: false });
      return app;
    },
    async newDepartment(input = {}) {
      const code = unique('D');
      const row = await services.identity.createDepartment({ code, name: input.name ?? `测试局${code}`, level: input.level ?? '县', parentCode: input.parentCode });
      return { id: row.id, code: row.code, name: row.name };
    },
    async newUser(roles, departmentCode) {
      const dept = departmentCode ?? (await kit.newDepartment()).code;
      const username = unique('user');
      const password = 'correct horse battery';
      await services.identity.createUser({ username, displayName: `测试用户${username}`, password, departmentCode: dept, roles });
      const session = await services.identity.login(username, password, '127.0.0.1');
      return { username, password, principal: session.principal, token: session.token, headers: { authorization: `Bearer ${session.token}` } };
    },
  };
  return kit;
}

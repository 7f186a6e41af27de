import { Type } from 'typebox';
import type { Config } from '../config.ts';
import { SESSION_COOKIE } from '../http/auth.ts';
import type { App } from '../http/types.ts';
import { ROLE_LABELS, ROLES, permissionsOf, type Role } from './permissions.ts';
import { DEPARTMENT_LEVELS, type IdentityService } from './service.ts';
import { forbidden } from '../shared/errors.ts';

const Department = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), level: Type.String(), parentId: Type.Union([Type.String(), Type.Null()]), creditCode: Type.Union([Type.String(), Type.Null()]) });
const RoleName = Type.Union(ROLES.filter((r) => r !== 'citizen' && r !== 'system').map((r) => Type.Literal(r)));
const Me = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  name: Type.String(),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  departmentCode: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
});

export function identityRoutes(app: App, deps: { identity: IdentityService; config: Config }) {
  const { identity, config } = deps;
  const toDepartment = (d: { id: string; code: string; name: string; level: string; parent_id: string | null; credit_code: string | null }) => ({ id: d.id, code: d.code, name: d.name, level: d.level, parentId: d.parent_id, creditCode: d.credit_code });

  app.post('/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['identity'], summary: '登录 / sign in', body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }), response: { 200: Type.Object({ token: Type.String(), expiresAt: Type.String(), me: Me }) } },
  }, async (request, reply) => {
    const result = await identity.login(request.body.username, request.body.password, request.ip);
    reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, expires: new Date(result.expiresAt) });
    return { token: result.token, expiresAt: result.expiresAt, me: { ...result.principal, roles: [...result.principal.roles], permissions: permissionsOf(result.principal.roles) } };
  });

  app.post('/auth/logout', { config: { access: 'authenticated' }, schema: { tags: ['identity'], summary: '退出 / sign out' } }, async (request, reply) => {
    const auth = request.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : request.cookies[SESSION_COOKIE];
    if (token) await identity.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/auth/me', { config: { access: 'authenticated' }, schema: { tags: ['identity'], summary: '当前身份 / who am I', response: { 200: Me } } }, async (request) => {
    const p = request.principal!;
    return { ...p, roles: [...p.roles], permissions: permissionsOf(p.roles) };
  });

  app.get('/roles', { config: { access: 'authenticated' }, schema: { tags: ['identity'], summary: '角色 / roles' } }, async () =>
    ROLES.map((r) => ({ role: r, label: ROLE_LABELS[r], permissions: permissionsOf([r]) })));

  app.get('/departments', { config: { access: 'identity:read' }, schema: { tags: ['identity'], summary: '部门列表 / departments', response: { 200: Type.Array(Department) } } }, async () =>
    (await identity.listDepartments()).map(toDepartment));

  app.post('/departments', {
    config: { access: 'identity:manage' },
    schema: { tags: ['identity'], summary: '新建部门 / create a department', body: Type.Object({ code: Type.String(), name: Type.String(), level: Type.Union(DEPARTMENT_LEVELS.map((l) => Type.Literal(l))), parentCode: Type.Optional(Type.String()), creditCode: Type.Optional(Type.String()) }), response: { 201: Department } },
  }, async (request, reply) => reply.code(201).send(toDepartment(await identity.createDepartment(request.body))));

  app.get('/users', { config: { access: 'identity:manage' }, schema: { tags: ['identity'], summary: '用户列表 / users' } }, async () => identity.listUsers());

  app.post('/users', {
    config: { access: 'identity:manage' },
    schema: { tags: ['identity'], summary: '新建用户 / create a user', body: Type.Object({ username: Type.String(), displayName: Type.String({ minLength: 1 }), password: Type.String(), departmentCode: Type.String(), roles: Type.Array(RoleName, { minItems: 1 }) }) },
  }, async (request, reply) => reply.code(201).send(await identity.createUser({ ...request.body, roles: request.body.roles as Role[] })));

  app.get('/api-keys', { config: { access: 'apikey:manage' }, schema: { tags: ['identity'], summary: '本部门 API 密钥 / API keys' } }, async (request) => {
    const p = request.principal!;
    return identity.listApiKeys(p.roles.includes('platform_admin') ? undefined : p.departmentId ?? undefined);
  });

  app.post('/api-keys', {
    config: { access: 'apikey:manage' },
    schema: { tags: ['identity'], summary: '新建 API 密钥（只显示一次）/ create an API key (shown once)', body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), departmentCode: Type.Optional(Type.String()) }) },
  }, async (request, reply) => {
    const p = request.principal!;
    const departmentCode = request.body.departmentCode ?? p.departmentCode ?? '';
    if (departmentCode !== p.departmentCode && !p.roles.includes('platform_admin')) throw forbidden('只能为本部门创建密钥 / only for your own department');
    return reply.code(201).send(await identity.createApiKey({ departmentCode, name: request.body.name, createdBy: p.id }));
  });

  app.delete('/api-keys/:id', { config: { access: 'apikey:manage' }, schema: { tags: ['identity'], summary: '吊销 API 密钥 / revoke an API key', params: Type.Object({ id: Type.String() }) } }, async (request, reply) => {
    const p = request.principal!;
    const key = await identity.apiKeyById(request.params.id);
    if (key && key.department_id !== p.departmentId && !p.roles.includes('platform_admin')) throw forbidden('只能吊销本部门密钥 / only your own department\'s keys');
    await identity.revokeApiKey(request.params.id);
    return reply.code(204).send();
  });
}

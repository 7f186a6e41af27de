import { createHash, randomInt } from 'node:crypto';
import type { Clock } from '../shared/clock.ts';
import { AppError, conflict, invalidInput, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { isRole, type Role } from './permissions.ts';
import type { Principal } from './principal.ts';
import { DEFAULT_COST, hashPassword, newToken, tokenHash, verifyPassword, type ScryptCost } from './secrets.ts';
import type { IdentityStore } from './store.ts';
import { createLoginThrottle } from './throttle.ts';
import type { DepartmentRow } from './tables.ts';

export const DEPARTMENT_LEVELS = ['县', '乡镇街道', '村社区'] as const;
export type DepartmentLevel = (typeof DEPARTMENT_LEVELS)[number];

export interface NewDepartment {
  code: string;
  name: string;
  level: DepartmentLevel;
  parentCode?: string | undefined;
  creditCode?: string | undefined;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  departmentCode: string;
  roles: Role[];
}

export type IdentityService = ReturnType<typeof createIdentityService>;

const PRINCIPAL_CACHE_MS = 5_000;
const API_KEY_TOUCH_MS = 60_000;

export function createIdentityService(deps: { store: IdentityStore; clock: Clock; sessionTtlHours: number; passwordCost?: ScryptCost }) {
  const { store, clock } = deps;
  const passwordCost = deps.passwordCost ?? DEFAULT_COST;
  const throttle = createLoginThrottle();
  // Authentication runs on every request; a short cache keeps the exchange path off the database.
  const principalCache = new Map<string, { principal: Principal; until: number }>();
  const apiKeyTouched = new Map<string, number>();
  const nowIso = () => clock.now().toISOString();

  function cached(hash: string): Principal | undefined {
    const hit = principalCache.get(hash);
    if (hit && hit.until > clock.now().getTime()) return hit.principal;
    principalCache.delete(hash);
    return undefined;
  }

  function remember(hash: string, principal: Principal, expiresAt: number): Principal {
    principalCache.set(hash, { principal, until: Math.min(clock.now().getTime() + PRINCIPAL_CACHE_MS, expiresAt) });
    return principal;
  }

  async function departmentOrFail(code: string, path: string): Promise<DepartmentRow> {
    const dept = await store.departmentByCode(code);
    if (!dept) throw invalidInput(`部门 ${code} 不存在 / department ${code} does not exist`, [{ path, message: '未知部门 unknown department' }]);
    return dept;
  }

  return {
    async createDepartment(input: NewDepartment): Promise<DepartmentRow> {
      const problems = [];
      if (!/^[A-Za-z0-9_-]{2,32}$/.test(input.code)) problems.push({ path: '/code', message: '部门代码须为2–32位字母数字 / 2–32 letters or digits' });
      if (!input.name.trim()) problems.push({ path: '/name', message: '必填 / required' });
      if (!DEPARTMENT_LEVELS.includes(input.level)) problems.push({ path: '/level', message: `须为 ${DEPARTMENT_LEVELS.join('/')} / must be one of them` });
      if (problems.length) throw invalidInput('部门信息有误 / invalid department', problems);
      if (await store.departmentByCode(input.code)) throw conflict(`部门代码 ${input.code} 已存在 / department code exists`, {}, [{ path: '/code', message: '重复 duplicate' }]);
      const parent = input.parentCode ? await departmentOrFail(input.parentCode, '/parentCode') : undefined;
      const row: DepartmentRow = {
        id: newId(),
        code: input.code,
        name: input.name.trim(),
        level: input.level,
        parent_id: parent?.id ?? null,
        credit_code: input.creditCode ?? null,
        created_at: nowIso(),
      };
      await store.insertDepartment(row);
      return row;
    },

    listDepartments: () => store.listDepartments(),
    departmentByCode: (code: string) => store.departmentByCode(code),
    departmentById: (id: string) => store.departmentById(id),

    async createUser(input: NewUser) {
      const problems = [];
      if (!/^[A-Za-z0-9_.@-]{3,64}$/.test(input.username)) problems.push({ path: '/username', message: '用户名须为3–64位字母数字 / 3–64 letters or digits' });
      if (input.password.length < 8) problems.push({ path: '/password', message: '密码至少8位 / at least 8 characters' });
      if (input.roles.length === 0 || !input.roles.every(isRole) || input.roles.includes('citizen') || input.roles.includes('system'))
        problems.push({ path: '/roles', message: '角色无效 / invalid roles' });
      if (problems.length) throw invalidInput('用户信息有误 / invalid user', problems);
      const dept = await departmentOrFail(input.departmentCode, '/departmentCode');
      if (await store.userByUsername(input.username)) throw conflict('用户名已存在 / username taken', {}, [{ path: '/username', message: '重复 duplicate' }]);
      const row = {
        id: newId(),
        username: input.username,
        display_name: input.displayName,
        password_hash: await hashPassword(input.password, passwordCost),
        department_id: dept.id,
        roles: JSON.stringify(input.roles),
        disabled: 0,
        created_at: nowIso(),
      };
      await store.insertUser(row);
      return { id: row.id, username: row.username, displayName: row.display_name, departmentCode: dept.code, roles: input.roles };
    },

    async listUsers(departmentId?: string) {
      const rows = await store.listUsers(departmentId);
      return rows.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, departmentId: u.department_id, roles: JSON.parse(u.roles) as Role[], disabled: u.disabled === 1 }));
    },

    /** Password login; throttled per username and per client address. */
    async login(username: string, password: string, clientIp: string) {
      const now = clock.now().getTime();
      const keys = [`u:${username.toLowerCase()}`, `ip:${clientIp}`];
      const wait = throttle.retryAfterMs(keys, now);
      if (wait > 0) throw new AppError('too_many_requests', `登录失败次数过多，请 ${Math.ceil(wait / 60000)} 分钟后再试 / too many failed logins`, [], { retryAfterSeconds: Math.ceil(wait / 1000) });
      const user = await store.userByUsername(username);
      const ok = user !== undefined && user.disabled === 0 && (await verifyPassword(password, user.password_hash));
      if (!ok || !user) {
        throttle.recordFailure(keys, now);
        throw new AppError('unauthenticated', '用户名或密码错误 / wrong username or password');
      }
      throttle.reset([keys[0]!]);
      const token = newToken('sts');
      const expiresAt = new Date(now + deps.sessionTtlHours * 3_600_000).toISOString();
      await store.insertSession({ token_hash: tokenHash(token), user_id: user.id, citizen_id_number: null, created_at: nowIso(), expires_at: expiresAt });
      return { token, expiresAt, principal: await this.principalForUser(user.id) };
    },

    async logout(token: string) {
      const hash = tokenHash(token);
      principalCache.delete(hash);
      await store.deleteSession(hash);
    },

    async principalForUser(userId: string): Promise<Principal> {
      const user = await store.userById(userId);
      if (!user) throw notFound('用户不存在 / user not found');
      const dept = await store.departmentById(user.department_id);
      return { kind: 'user', id: user.id, name: user.display_name, departmentId: user.department_id, departmentCode: dept?.code ?? null, roles: JSON.parse(user.roles) as Role[] };
    },

    async authenticateSession(token: string): Promise<Principal | null> {
      const hash = tokenHash(token);
      const hit = cached(hash);
      if (hit) return hit;
      const session = await store.sessionByHash(hash);
      if (!session || session.expires_at <= nowIso()) return null;
      const expires = Date.parse(session.expires_at);
      if (session.citizen_id_number) {
        return remember(hash, { kind: 'citizen', id: session.citizen_id_number, name: maskIdNumber(session.citizen_id_number), departmentId: null, departmentCode: null, roles: ['citizen'] }, expires);
      }
      if (!session.user_id) return null;
      const user = await store.userById(session.user_id);
      if (!user || user.disabled) return null;
      return remember(hash, await this.principalForUser(user.id), expires);
    },

    async createApiKey(input: { departmentCode: string; name: string; createdBy: string | null }) {
      if (!input.name.trim()) throw invalidInput('密钥名称必填 / key name required', [{ path: '/name', message: '必填 required' }]);
      const dept = await departmentOrFail(input.departmentCode, '/departmentCode');
      const id = newId();
      const key = `stk_${id}_${newToken('k').slice(2)}`;
      await store.insertApiKey({ id, department_id: dept.id, name: input.name.trim(), key_hash: tokenHash(key), roles: JSON.stringify(['system']), created_by: input.createdBy, created_at: nowIso(), last_used_at: null, revoked_at: null });
      // The key is returned once and never again: only its hash is kept.
      return { id, key, name: input.name.trim(), departmentCode: dept.code };
    },

    listApiKeys: (departmentId?: string) => store.listApiKeys(departmentId),
    apiKeyById: (id: string) => store.apiKeyById(id),

    async revokeApiKey(id: string) {
      const key = await store.apiKeyById(id);
      if (!key) throw notFound('密钥不存在 / API key not found');
      await store.revokeApiKey(id, nowIso());
      for (const [hash, entry] of principalCache) if (entry.principal.kind === 'system' && entry.principal.id === id) principalCache.delete(hash);
    },

    /** The principal of a recently seen API key or session token, without waiting: the request hot path. */
    cachedPrincipal(token: string): Principal | undefined {
      return cached(tokenHash(token));
    },

    async authenticateApiKey(key: string): Promise<Principal | null> {
      const hash = tokenHash(key);
      const hit = cached(hash);
      if (hit) return hit;
      const match = /^stk_([0-9a-f-]{36})_/.exec(key);
      if (!match) return null;
      const row = await store.apiKeyById(match[1]!);
      if (!row || row.revoked_at || row.key_hash !== hash) return null;
      const now = clock.now().getTime();
      if ((apiKeyTouched.get(row.id) ?? 0) + API_KEY_TOUCH_MS < now) {
        apiKeyTouched.set(row.id, now);
        await store.touchApiKey(row.id, nowIso());
      }
      const dept = await store.departmentById(row.department_id);
      return remember(hash, { kind: 'system', id: row.id, name: row.name, departmentId: row.department_id, departmentCode: dept?.code ?? null, roles: JSON.parse(row.roles) as Role[] }, Number.MAX_SAFE_INTEGER);
    },

    /** Demo citizen login: a one-time code (shown on the console in the demo, sent by SMS in production). */
    async issueCitizenCode(idNumber: string): Promise<string> {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const now = clock.now();
      await store.insertCitizenCode(idNumber, sha(code), now.toISOString(), new Date(now.getTime() + 10 * 60_000).toISOString());
      return code;
    },

    async citizenLogin(idNumber: string, code: string, clientIp: string) {
      const now = clock.now().getTime();
      const keys = [`c:${idNumber}`, `ip:${clientIp}`];
      const wait = throttle.retryAfterMs(keys, now);
      if (wait > 0) throw new AppError('too_many_requests', '尝试次数过多 / too many attempts', [], { retryAfterSeconds: Math.ceil(wait / 1000) });
      const open = await store.openCitizenCode(idNumber, sha(code), nowIso());
      if (!open) {
        throttle.recordFailure(keys, now);
        throw new AppError('unauthenticated', '验证码错误或已过期 / wrong or expired code');
      }
      await store.useCitizenCode(open.id, nowIso());
      const token = newToken('stc');
      const expiresAt = new Date(now + 2 * 3_600_000).toISOString();
      await store.insertSession({ token_hash: tokenHash(token), user_id: null, citizen_id_number: idNumber, created_at: nowIso(), expires_at: expiresAt });
      return { token, expiresAt };
    },
  };
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export function maskIdNumber(id: string): string {
  return id.length > 10 ? `${id.slice(0, 6)}********${id.slice(-4)}` : '****';
}

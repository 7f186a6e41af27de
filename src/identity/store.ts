import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ApiKeyRow, DepartmentRow, SessionRow, UserRow } from './tables.ts';

export type IdentityStore = ReturnType<typeof createIdentityStore>;

export function createIdentityStore(db: Kysely<DB>) {
  return {
    insertDepartment: (row: DepartmentRow) => db.insertInto('departments').values(row).execute(),
    listDepartments: () => db.selectFrom('departments').selectAll().orderBy('code').execute(),
    departmentById: (id: string) => db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst(),
    departmentByCode: (code: string) => db.selectFrom('departments').selectAll().where('code', '=', code).executeTakeFirst(),

    insertUser: (row: UserRow) => db.insertInto('users').values(row).execute(),
    userByUsername: (username: string) => db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(),
    userById: (id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    listUsers: (departmentId?: string) => {
      let q = db.selectFrom('users').selectAll().orderBy('username');
      if (departmentId) q = q.where('department_id', '=', departmentId);
      return q.execute();
    },
    setUserDisabled: (id: string, disabled: boolean) =>
      db.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', id).execute(),

    insertSession: (row: SessionRow) => db.insertInto('sessions').values(row).execute(),
    sessionByHash: (tokenHash: string) => db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    deleteSession: (tokenHash: string) => db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute(),
    deleteExpiredSessions: (nowIso: string) => db.deleteFrom('sessions').where('expires_at', '<', nowIso).execute(),

    insertApiKey: (row: ApiKeyRow) => db.insertInto('api_keys').values(row).execute(),
    apiKeyById: (id: string) => db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst(),
    listApiKeys: (departmentId?: string) => {
      let q = db
        .selectFrom('api_keys')
        .select(['id', 'department_id', 'name', 'roles', 'created_by', 'created_at', 'last_used_at', 'revoked_at'])
        .orderBy('created_at', 'desc');
      if (departmentId) q = q.where('department_id', '=', departmentId);
      return q.execute();
    },
    revokeApiKey: (id: string, at: string) =>
      db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute(),
    touchApiKey: (id: string, at: string) => db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute(),

    insertCitizenCode: (idNumber: string, codeHash: string, createdAt: string, expiresAt: string) =>
      db.insertInto('citizen_codes').values({ id_number: idNumber, code_hash: codeHash, created_at: createdAt, expires_at: expiresAt, used_at: null }).execute(),
    openCitizenCode: (idNumber: string, codeHash: string, nowIso: string) =>
      db
        .selectFrom('citizen_codes')
        .select('id')
        .where('id_number', '=', idNumber)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', nowIso)
        .executeTakeFirst(),
    useCitizenCode: (id: number, at: string) => db.updateTable('citizen_codes').set({ used_at: at }).where('id', '=', id).execute(),
  };
}

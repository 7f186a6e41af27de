import type { Generated } from 'kysely';

export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  level: string;
  parent_id: string | null;
  credit_code: string | null;
  created_at: string;
}

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  department_id: string;
  /** JSON array of role names. */
  roles: string;
  disabled: number;
  created_at: string;
}

export interface SessionRow {
  /** SHA-256 of the session token; the token itself is never stored. */
  token_hash: string;
  user_id: string | null;
  /** Set for citizen sessions, which belong to a person rather than a staff account. */
  citizen_id_number: string | null;
  created_at: string;
  expires_at: string;
}

export interface ApiKeyRow {
  id: string;
  department_id: string;
  name: string;
  key_hash: string;
  /** JSON array of role names the key acts with (usually ["system"]). */
  roles: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CitizenCodeRow {
  id: Generated<number>;
  id_number: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface IdentityTables {
  departments: DepartmentRow;
  users: UserRow;
  sessions: SessionRow;
  api_keys: ApiKeyRow;
  citizen_codes: CitizenCodeRow;
}

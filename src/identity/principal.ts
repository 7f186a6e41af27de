import type { Role } from './permissions.ts';

/** Who is making a request: a staff member, a department system (API key) or a citizen. */
export interface Principal {
  readonly kind: 'user' | 'system' | 'citizen';
  /** User id, API key id, or (for citizens) the ID number. */
  readonly id: string;
  readonly name: string;
  readonly departmentId: string | null;
  readonly departmentCode: string | null;
  readonly roles: readonly Role[];
}

/**
 * Roles a person or system can hold, and what each may do. Routes declare a permission;
 * the HTTP layer grants it when any of the principal's roles carries it.
 */
export const ROLES = ['platform_admin', 'data_officer', 'staff', 'auditor', 'grid_worker', 'system', 'citizen'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  platform_admin: { zh: '数据主管部门管理员', en: 'Platform administrator' },
  data_officer: { zh: '部门数据专员', en: 'Department data officer' },
  staff: { zh: '部门工作人员', en: 'Department staff' },
  auditor: { zh: '审计员', en: 'Auditor' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  system: { zh: '部门业务系统', en: 'Department system' },
  citizen: { zh: '群众', en: 'Citizen' },
};

export const PERMISSIONS = {
  'catalog:read': ['platform_admin', 'data_officer', 'staff', 'auditor', 'grid_worker', 'system'],
  'catalog:write': ['platform_admin', 'data_officer'],
  'catalog:review': ['platform_admin'],
  'standards:write': ['platform_admin'],
  'identity:read': ['platform_admin', 'data_officer', 'staff', 'auditor', 'grid_worker'],
  'identity:manage': ['platform_admin'],
  'apikey:manage': ['platform_admin', 'data_officer'],
  'ingest:submit': ['platform_admin', 'data_officer', 'staff', 'system'],
  'ingest:read': ['platform_admin', 'data_officer', 'staff', 'auditor'],
  'objection:raise': ['platform_admin', 'data_officer', 'staff', 'system'],
  'objection:resolve': ['platform_admin', 'data_officer'],
  'calendar:manage': ['platform_admin'],
  'registry:read': ['platform_admin', 'data_officer', 'staff', 'grid_worker', 'system'],
  'registry:review': ['platform_admin', 'data_officer'],
  'exchange:apply': ['platform_admin', 'data_officer'],
  'exchange:decide': ['platform_admin', 'data_officer'],
  'exchange:use': ['platform_admin', 'data_officer', 'staff', 'grid_worker', 'system'],
  'exchange:admin': ['platform_admin'],
  'audit:read': ['platform_admin', 'auditor'],
  'dashboard:read': ['platform_admin', 'data_officer', 'staff', 'auditor', 'grid_worker'],
  'citizen:self': ['citizen'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => rolesGrant(roles, p));
}

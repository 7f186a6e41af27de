import { demoDepartments, demoResources } from '../demo/county-catalog.ts';
import type { Principal } from '../identity/principal.ts';
import type { Role } from '../identity/permissions.ts';
import type { DepartmentLevel } from '../identity/service.ts';
import type { Services } from './services.ts';

export const DEMO_PASSWORD = 'Shutong@2026';

/** Data elements whose authoritative source (一数一源) the demo county assigns, by provider department code. */
const AUTHORITIES: ReadonlyArray<{ element: string; resourceHint: string }> = [
  { element: '公民身份号码', resourceHint: '人口' },
  { element: '姓名', resourceHint: '人口' },
  { element: '性别', resourceHint: '人口' },
  { element: '民族', resourceHint: '人口' },
  { element: '统一社会信用代码', resourceHint: '企业' },
];

/**
 * Loads the demo county into an empty platform: departments, one account per role and department,
 * and the catalog (registered, reviewed and published through the same service calls a person makes).
 * Returns the logins to print.
 */
export async function seedDemoCounty(services: Services, log: (message: string) => void = () => {}) {
  const { identity, catalog } = services;
  for (const d of demoDepartments) {
    await identity.createDepartment({ code: d.code, name: d.name, level: d.level as DepartmentLevel, parentCode: d.parentCode, creditCode: d.creditCode });
  }
  const admin = demoDepartments.find((d) => d.level === '县' && /数据/.test(d.name)) ?? demoDepartments[0]!;
  const logins: Array<{ username: string; role: string; department: string }> = [];
  const addUser = async (username: string, displayName: string, departmentCode: string, roles: Role[]) => {
    await identity.createUser({ username, displayName, password: DEMO_PASSWORD, departmentCode, roles });
    logins.push({ username, role: roles.join(','), department: demoDepartments.find((d) => d.code === departmentCode)?.name ?? departmentCode });
  };
  await addUser('admin', '数据局管理员', admin.code, ['platform_admin']);
  await addUser('auditor', '审计员', admin.code, ['auditor']);
  for (const d of demoDepartments) {
    if (d.code === admin.code || d.level !== '县') continue;
    await addUser(d.code.toLowerCase(), `${d.name}数据专员`, d.code, ['data_officer']);
  }
  const village = demoDepartments.find((d) => d.level === '村社区');
  if (village) await addUser('grid01', `${village.name}网格员`, village.code, ['grid_worker']);
  const township = demoDepartments.find((d) => d.level === '乡镇街道');
  if (township) await addUser(`${township.code.toLowerCase()}`, `${township.name}工作人员`, township.code, ['staff']);
  log(`部门 ${demoDepartments.length} 个，账号 ${logins.length} 个 / departments and accounts created`);

  const actor: Principal = await identity.principalForUser((await identity.listUsers()).find((u) => u.username === 'admin')!.id);
  for (const seed of demoResources) {
    const { resource } = await catalog.create({ ...seed, items: seed.items.map((i) => ({ ...i })) }, actor);
    await catalog.submit(resource.code, actor);
    await catalog.review(resource.code, actor, { approve: true, comment: '示范数据 / demo' });
    await catalog.publish(resource.code, actor);
  }
  log(`信息资源 ${demoResources.length} 项已发布 / resources published`);

  const published = await catalog.published();
  const police = demoDepartments.find((d) => /公安/.test(d.name));
  const market = demoDepartments.find((d) => /市场监管/.test(d.name));
  for (const { element, resourceHint } of AUTHORITIES) {
    const dept = resourceHint === '企业' ? market : police;
    const resource = published.find((r) => r.provider.departmentCode === dept?.code && r.name.includes(resourceHint) && r.items.some((i) => i.element?.name === element));
    if (dept && resource) await catalog.claimAuthority({ element, departmentCode: dept.code, resourceCode: resource.code }, actor);
  }
  return logins;
}

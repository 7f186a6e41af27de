import type { CommandRegistrar } from '../main/cli-support.ts';
import { CliError } from '../main/cli-support.ts';
import { withServices } from '../main/cli-runtime.ts';
import { isRole, type Role } from './permissions.ts';
import { DEPARTMENT_LEVELS, type DepartmentLevel } from './service.ts';

export const registerIdentityCommands: CommandRegistrar = (program) => {
  const dept = program.command('department').description('部门管理 / departments');
  dept
    .command('add')
    .description('新建部门 / add a department')
    .requiredOption('--code <code>', '部门代码 / department code')
    .requiredOption('--name <name>', '部门名称 / name')
    .option('--level <level>', `层级 ${DEPARTMENT_LEVELS.join('/')} / level`, '县')
    .option('--parent <code>', '上级部门代码 / parent department code')
    .option('--credit-code <uscc>', '统一社会信用代码 / unified social credit code')
    .action(async (o: { code: string; name: string; level: string; parent?: string; creditCode?: string }) => {
      if (!DEPARTMENT_LEVELS.includes(o.level as DepartmentLevel)) throw new CliError(`--level 须为 ${DEPARTMENT_LEVELS.join('/')} / invalid level`);
      await withServices(async ({ identity }) => {
        const row = await identity.createDepartment({ code: o.code, name: o.name, level: o.level as DepartmentLevel, parentCode: o.parent, creditCode: o.creditCode });
        process.stdout.write(`已创建部门 created ${row.code} ${row.name}\n`);
      });
    });
  dept.command('list').description('部门列表 / list departments').action(async () => {
    await withServices(async ({ identity }) => {
      for (const d of await identity.listDepartments()) process.stdout.write(`${d.code}\t${d.level}\t${d.name}\n`);
    });
  });

  program
    .command('user')
    .description('用户管理 / users')
    .command('add')
    .description('新建用户（密码从环境变量 SHUTONG_PASSWORD 读取）/ add a user (password from SHUTONG_PASSWORD)')
    .requiredOption('--username <name>', '用户名 / username')
    .requiredOption('--department <code>', '部门代码 / department code')
    .requiredOption('--roles <roles>', '角色，逗号分隔 / comma-separated roles: platform_admin,data_officer,staff,auditor,grid_worker')
    .option('--display-name <name>', '显示名 / display name')
    .action(async (o: { username: string; department: string; roles: string; displayName?: string }) => {
      const roles = o.roles.split(',').map((r) => r.trim());
      const bad = roles.filter((r) => !isRole(r));
      if (bad.length) throw new CliError(`未知角色 unknown roles: ${bad.join(', ')}`);
      // Passwords never travel on the command line, where they would land in shell history and ps output.
      const password = process.env.SHUTONG_PASSWORD;
      if (!password) throw new CliError('请通过环境变量 SHUTONG_PASSWORD 提供密码 / set SHUTONG_PASSWORD');
      await withServices(async ({ identity }) => {
        const user = await identity.createUser({ username: o.username, displayName: o.displayName ?? o.username, password, departmentCode: o.department, roles: roles as Role[] });
        process.stdout.write(`已创建用户 created ${user.username} (${user.roles.join(',')})\n`);
      });
    });

  const keys = program.command('apikey').description('部门系统 API 密钥 / API keys for department systems');
  keys
    .command('create')
    .description('新建密钥（只显示一次）/ create a key (shown once)')
    .requiredOption('--department <code>', '部门代码 / department code')
    .requiredOption('--name <name>', '系统名称 / system name')
    .action(async (o: { department: string; name: string }) => {
      await withServices(async ({ identity }) => {
        const key = await identity.createApiKey({ departmentCode: o.department, name: o.name, createdBy: 'cli-operator' });
        process.stderr.write('请妥善保存，此密钥不会再次显示 / store it now: it will not be shown again\n');
        process.stdout.write(`${key.key}\n`);
      });
    });
  keys
    .command('revoke')
    .description('吊销密钥 / revoke a key')
    .argument('<id>', '密钥编号 / key id')
    .action(async (id: string) => {
      await withServices(async ({ identity }) => {
        await identity.revokeApiKey(id);
        process.stdout.write(`已吊销 revoked ${id}\n`);
      });
    });
};

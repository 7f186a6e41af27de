import { CliError, type CommandRegistrar } from '../main/cli-support.ts';
import { CLI_OPERATOR, withServices } from '../main/cli-runtime.ts';
import { AppError } from '../shared/errors.ts';

const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

const STATES = ['pending', 'overdue', 'answered', 'escalated', 'all'] as const;

function positive(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new CliError(`${name} 应为正整数 / ${name} must be a positive integer`);
    return Number(value);
  };
}

/** Runs a command; domain errors become CLI errors with the same bilingual message. */
async function run(fn: Parameters<typeof withServices>[0]): Promise<void> {
  try {
    await withServices(fn);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.fields.length ? `${error.message}: ${error.fields.map((f) => `${f.path} ${f.message}`).join('; ')}` : error.message);
    throw error;
  }
}

export const registerExchangeCommands: CommandRegistrar = (program) => {
  const exchange = program.command('exchange').description('数据共享交换 / governed data exchange (grants, applications, monitoring)');

  exchange
    .command('applications')
    .description('共享申请：待审批、逾期、已答复、协调中 / applications: pending, overdue, answered, escalated')
    .option('--state <state>', `状态 ${STATES.join('/')} / state`, 'pending')
    .option('--department <code>', '只看该部门（申请方或提供方）/ only this department (consumer or provider)')
    .action(async (o: { state: string; department?: string }) => {
      if (!STATES.includes(o.state as (typeof STATES)[number])) throw new CliError(`--state 须为 ${STATES.join('/')} / unknown state`);
      await run(async ({ exchange: x }) => {
        const list = await x.applications.list(CLI_OPERATOR, 'both', o.state as (typeof STATES)[number]);
        printJson(o.department ? list.filter((a) => a.consumer.code === o.department || a.provider.code === o.department) : list);
      });
    });

  exchange
    .command('grants')
    .description('共享授权列表 / grants')
    .option('--department <code>', '只看该部门（使用方或提供方）/ only this department (consumer or provider)')
    .action(async (o: { department?: string }) => {
      await run(async ({ exchange: x }) => {
        const list = await x.grants.list(CLI_OPERATOR, 'all');
        printJson(o.department ? list.filter((g) => g.consumer.code === o.department || g.provider.code === o.department) : list);
      });
    });

  exchange
    .command('revoke')
    .description('撤销授权（运行中的服务在 2 秒内生效）/ revoke a grant (a running server picks it up within 2 s)')
    .requiredOption('--grant <id>', '授权编号 / grant id')
    .requiredOption('--reason <text>', '撤销理由 / reason')
    .action(async (o: { grant: string; reason: string }) => {
      await run(async ({ exchange: x }) => printJson(await x.grants.revoke(CLI_OPERATOR, o.grant, o.reason)));
    });

  exchange
    .command('stats')
    .description('运行监测：调用量、失败、时延分位数 / monitoring: calls, failures, latency percentiles')
    .option('--department <code>', '部门代码 / department code')
    .option('--grant <id>', '授权编号 / grant id')
    .option('--from <iso>', '起始时间（含）/ from (ISO time, inclusive)')
    .option('--to <iso>', '截止时间（不含）/ to (ISO time, exclusive)')
    .action(async (o: { department?: string; grant?: string; from?: string; to?: string }) => {
      await run(async ({ exchange: x }) => printJson(await x.stats(CLI_OPERATOR, { departmentCode: o.department, grantId: o.grant, from: o.from, to: o.to })));
    });

  exchange
    .command('settings')
    .description('查看或修改交换设置 / show or change exchange settings')
    .option('--decision-days <n>', '提供方答复期限（工作日）/ working days to answer an application', positive('--decision-days'))
    .option('--subscription-days <n>', '无条件共享订阅默认有效天数 / default validity of a subscription (days)', positive('--subscription-days'))
    .option('--max-grant-days <n>', '授权最长有效天数 / longest validity of a grant (days)', positive('--max-grant-days'))
    .action(async (o: { decisionDays?: number; subscriptionDays?: number; maxGrantDays?: number }) => {
      const patch = { ...(o.decisionDays ? { decisionWorkingDays: o.decisionDays } : {}), ...(o.subscriptionDays ? { subscriptionDays: o.subscriptionDays } : {}), ...(o.maxGrantDays ? { maxGrantDays: o.maxGrantDays } : {}) };
      await run(async ({ exchange: x }) => printJson(Object.keys(patch).length ? await x.settings.update(CLI_OPERATOR, patch) : await x.settings.get()));
    });

  exchange
    .command('sources')
    .description('数据源与资源绑定 / lookup sources and resource bindings')
    .action(async () => {
      await run(async ({ exchange: x }) => printJson(await x.listSources()));
    });

  exchange
    .command('bind')
    .description('为资源绑定数据源（如 tracker 数据使用记录、基础库）/ serve a resource from a named source')
    .requiredOption('--resource <code>', '资源代码，如 101001/000001 / resource code')
    .requiredOption('--source <name>', '数据源名称 / source name (see `exchange sources`)')
    .action(async (o: { resource: string; source: string }) => {
      await run(async ({ exchange: x }) => printJson(await x.bindSource(CLI_OPERATOR, o.resource, o.source)));
    });
};

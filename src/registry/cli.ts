import { progress, type CommandRegistrar } from '../main/cli-support.ts';
import { withServices } from '../main/cli-runtime.ts';

const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

export const registerRegistryCommands: CommandRegistrar = (program) => {
  const registry = program.command('registry').description('基础库（人口库、法人库、房屋库）/ base registries (persons, businesses, houses)');

  registry
    .command('sync')
    .description('关联归集变更日志中的新数据，更新主记录与差异 / link new aggregated records, update golden records and discrepancies')
    .action(async () => {
      await withServices(async ({ registry: service }) => {
        const report = await service.sync((stage, done, total) => progress(stage, done, total));
        if (process.stderr.isTTY) process.stderr.write('\n');
        printJson(report);
      });
    });

  registry
    .command('status')
    .description('基础库概况：实体数、同步位置、待核对、差异 / counts, sync position, review queue, discrepancies')
    .action(async () => {
      await withServices(async ({ registry: service }) => printJson(await service.status()));
    });
};

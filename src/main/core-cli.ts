import { loadConfig } from '../config.ts';
import type { CommandRegistrar } from './cli-support.ts';
import { withServices } from './cli-runtime.ts';

export const registerCoreCommands: CommandRegistrar = (program) => {
  program
    .command('serve')
    .description('启动平台 / start the platform (same as npm start)')
    .action(async () => {
      const { startServer } = await import('./server.ts');
      await startServer();
    });

  program
    .command('migrate')
    .description('执行数据库迁移 / apply database migrations (DATABASE_URL or ./data/shutong.db)')
    .action(async () => {
      const config = loadConfig(process.env);
      const { openConfiguredDatabase } = await import('./runtime.ts');
      const handle = await openConfiguredDatabase(config);
      await handle.close();
      process.stdout.write(`迁移完成 / migrations applied (${config.databaseUrl ? 'PostgreSQL' : 'SQLite'})\n`);
    });

  program
    .command('seed-demo')
    .description('向空库载入示范县 / load the demo county into an empty store')
    .action(async () => {
      await withServices(async (services) => {
        if ((await services.identity.listDepartments()).length > 0) {
          process.stderr.write('数据库非空，已跳过 / store is not empty; nothing loaded\n');
          return;
        }
        const { seedDemoCounty } = await import('./demo-seed.ts');
        const logins = await seedDemoCounty(services, (m) => process.stderr.write(`${m}\n`));
        process.stdout.write(`已载入，账号 ${logins.length} 个 / loaded, ${logins.length} accounts\n`);
      });
    });
};

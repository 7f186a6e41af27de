import { loadConfig, maskSecret } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { seedDemoCounty, DEMO_PASSWORD } from './demo-seed.ts';
import { openRuntime } from './runtime.ts';
import { join } from 'node:path';
import type { Services } from './services.ts';

/** Generates the demo county's department files and imports them, as the departments would hand them over. */
async function loadDemoCountyData(services: Services, persons: number, dir: string): Promise<void> {
  const { generateDemoCounty } = await import('../demo/index.ts');
  const { loadDemoData } = await import('../ingest/demo-load.ts');
  process.stderr.write(`  生成示范县 ${persons} 人的部门数据 / generating department files for ${persons} persons…\n`);
  await generateDemoCounty({ persons, seed: 1, out: dir });
  const results = await loadDemoData(services, dir, { log: (m) => process.stderr.write(`  ${m}\n`) });
  process.stderr.write(`  已归集 ${results.filter((r) => r.report).length} 个部门文件 / imported department files\n`);
}

/** Starts the platform: migrates, loads the demo county on an empty store, serves the API and console. */
export async function startServer(): Promise<void> {
  const config = loadConfig(process.env);
  const services = await openRuntime(config, undefined, { auditWriterThread: config.auditWriterThread });
  void services.ingest.warmUp();
  const store = config.databaseUrl ? `PostgreSQL ${maskSecret(config.databaseUrl)}` : `SQLite ${config.dataDir}/shutong.db`;
  let logins: Array<{ username: string; role: string; department: string }> = [];
  let demoImported = false;
  if (config.loadDemo && (await services.identity.listDepartments()).length === 0) {
    process.stderr.write('首次启动：正在载入示范县数据 / first start: loading the demo county…\n');
    logins = await seedDemoCounty(services, (message) => process.stderr.write(`  ${message}\n`));
    if (config.demoPersons > 0) {
      await loadDemoCountyData(services, config.demoPersons, join(config.dataDir, 'demo-county'));
      demoImported = true;
    }
  } else if (config.loadDemo) {
    logins = (await services.identity.listUsers()).map((u) => ({ username: u.username, role: u.roles.join(','), department: '' }));
  }
  const app = await buildApp({ config, services });
  const shutdown = async () => {
    await app.close();
    await services.closeAudit();
    await services.handle.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  // The first registry build links every imported record; it runs after start so the console is usable at once.
  if (demoImported) {
    void services.registry.sync().catch((error: unknown) => process.stderr.write(`registry sync failed: ${String(error)}\n`));
  }
  const lines = [
    '',
    `数通 Shutong 已启动 / is running: ${config.publicUrl}`,
    `  存储 store: ${store}`,
    `  接口文档 API docs: ${config.publicUrl}/docs`,
  ];
  if (logins.length > 0) {
    lines.push(`  示范账号（密码均为 ${DEMO_PASSWORD}）/ demo logins (password ${DEMO_PASSWORD}):`);
    for (const l of logins.slice(0, 14)) lines.push(`    ${l.username.padEnd(14)} ${l.role}${l.department ? `  ${l.department}` : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await startServer();

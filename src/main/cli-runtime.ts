import { loadConfig, ConfigError } from '../config.ts';
import type { Principal } from '../identity/principal.ts';
import { CliError } from './cli-support.ts';
import type { Services } from './services.ts';

/** Whoever runs the CLI on the server acts as the platform operator; their actions are recorded as such. */
export const CLI_OPERATOR: Principal = { kind: 'user', id: 'cli-operator', name: '命令行操作员 / CLI operator', departmentId: null, departmentCode: null, roles: ['platform_admin'] };

/** Opens the configured database for one CLI command and closes it afterwards. */
export async function withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2);
    throw error;
  }
  // Loaded on demand: commands that need no database (validate, link, demo generate) start faster without it.
  const { openRuntime } = await import('./runtime.ts');
  const services = await openRuntime(config);
  try {
    return await fn(services);
  } finally {
    // Closing the audit service signs a final checkpoint over what this command appended.
    await services.audit.close();
    await services.handle.close();
  }
}

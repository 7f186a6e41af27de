import { join } from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { createServices, type Services } from './services.ts';

/** Opens the configured store (PostgreSQL via DATABASE_URL, else SQLite under the data dir) and migrates it. */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  const handle = config.databaseUrl
    ? await openDatabase({ engine: 'postgres', url: config.databaseUrl })
    : await openDatabase({ engine: 'sqlite', file: join(config.dataDir, 'shutong.db') });
  await migrateToLatest(handle);
  return handle;
}

export async function openRuntime(config: Config, clock: Clock = systemClock, options: { auditWriterThread?: boolean } = {}): Promise<Services> {
  const handle = await openConfiguredDatabase(config);
  return createServices({ config, handle, clock, ...options });
}

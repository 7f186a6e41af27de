import { Migrator, type MigrationResultSet } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import { allMigrations } from './migrations.ts';

export async function migrateToLatest(handle: DatabaseHandle): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => allMigrations },
    // Modules add migrations independently; a new module's block may sort before one already applied.
    allowUnorderedMigrations: true,
    // Kysely looks for its lock table in every schema; pin it to ours so parallel test schemas do not collide.
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}

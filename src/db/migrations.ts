import type { Migration } from 'kysely';
import { identityMigrations } from '../identity/migrations.ts';
import { catalogMigrations } from '../catalog/migrations.ts';
import { ingestMigrations } from '../ingest/migrations.ts';
import { registryMigrations } from '../registry/migrations.ts';
import { calendarMigrations } from '../calendar/migrations.ts';
import { auditMigrations } from '../audit/migrations.ts';
import { exchangeMigrations } from '../exchange/migrations.ts';
import { trackerMigrations } from '../tracker/migrations.ts';

/**
 * Every module's migrations. Names start with the module's number block
 * (identity 01xx, catalog 02xx, ingest 03xx, registry 04xx, exchange 05xx, audit 06xx, …)
 * so that the applied order is stable as modules add their own.
 */
export const allMigrations: Record<string, Migration> = {
  ...identityMigrations,
  ...catalogMigrations,
  ...ingestMigrations,
  ...registryMigrations,
  ...calendarMigrations,
  ...auditMigrations,
  ...exchangeMigrations,
  ...trackerMigrations,
};

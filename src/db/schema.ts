import type { IdentityTables } from '../identity/tables.ts';
import type { CatalogTables } from '../catalog/tables.ts';
import type { IngestTables } from '../ingest/tables.ts';
import type { RegistryTables } from '../registry/tables.ts';
import type { CalendarTables } from '../calendar/tables.ts';
import type { AuditTables } from '../audit/tables.ts';
import type { ExchangeTables } from '../exchange/tables.ts';
import type { TrackerTables } from '../tracker/tables.ts';

/**
 * The one typed schema: each module declares its own tables and they are joined here.
 * Timestamps are ISO-8601 text and booleans 0/1 integers, so both engines read the same values.
 */
export interface DB extends IdentityTables, CatalogTables, IngestTables, RegistryTables, CalendarTables, AuditTables, ExchangeTables, TrackerTables {}

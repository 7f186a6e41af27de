import type { CommandRegistrar } from './cli-support.ts';
import { registerCoreCommands } from './core-cli.ts';
import { registerIdentityCommands } from '../identity/cli.ts';
import { registerCatalogCommands } from '../catalog/cli.ts';
import { registerIngestCommands } from '../ingest/cli.ts';
import { registerStandardsCommands } from '../standards/cli.ts';
import { registerAuditCommands } from '../audit/cli.ts';
import { registerExchangeCommands } from '../exchange/cli.ts';
import { registerLinkageCommands } from '../linkage/cli.ts';
import { registerDemoCommands } from '../demo/cli.ts';
import { registerRegistryCommands } from '../registry/cli.ts';

// Every module's CLI commands, in the order `--help` lists them.
export const registerCommands: CommandRegistrar[] = [
  registerCoreCommands,
  registerIdentityCommands,
  registerCatalogCommands,
  registerIngestCommands,
  registerStandardsCommands,
  registerAuditCommands,
  registerExchangeCommands,
  registerLinkageCommands,
  registerDemoCommands,
  registerRegistryCommands,
];

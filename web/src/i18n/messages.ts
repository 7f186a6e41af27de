import { adminMessages } from './messages-admin.ts';
import { auditMessages } from './messages-audit.ts';
import { catalogMessages } from './messages-catalog.ts';
import { commonMessages } from './messages-common.ts';
import { ingestMessages } from './messages-ingest.ts';
import { registryMessages } from './messages-registry.ts';
import { sharingMessages } from './messages-sharing.ts';
import { vocabMessages } from './messages-vocab.ts';

/** Every visible string of the console, as [中文, English]; keys are checked at compile time. */
export const MESSAGES = { ...commonMessages, ...vocabMessages, ...catalogMessages, ...adminMessages, ...ingestMessages, ...registryMessages, ...sharingMessages, ...auditMessages } as const;

export type MessageKey = keyof typeof MESSAGES;

/**
 * Tamper-evident audit log: RFC 9162 Merkle tree, C2SP signed-note checkpoints, proofs and verification.
 *
 * @example
 * const audit = createAuditService({ store: createAuditStore(handle), clock, origin: config.auditOrigin });
 * const { index } = await audit.appendEntry({ actor, action: 'exchange.query', subject, purpose, items,
 *   outcome: { decision: 'refused', reason: '超出授权范围' }, requestId });
 */
export { createAuditService, type AuditService, type AuditServiceOptions, type InclusionProofJson, type ConsistencyProofJson } from './service.ts';
export { createAuditStore, type AuditStore, type EntryFilter } from './store.ts';
export { auditMigrations } from './migrations.ts';
export type { AuditTables } from './tables.ts';
export type { AuditActor, AuditEntry, AuditEntryInput, AuditOutcome, ActorKind, Decision, JsonValue } from './entry.ts';
export { encodeEntry, decodeEntry, canonicalJson } from './entry.ts';
export type { VerifyReport, BadEntry, TamperKind, VerifyOptions } from './verify.ts';
export { leafHash, nodeHash, verifyInclusion, verifyConsistency, EMPTY_ROOT } from './merkle.ts';
export { MemoryTree } from './memory-tree.ts';
export { Frontier } from './frontier.ts';
export { openNote, signNote, parseVerifierKey, generateSigner, NoteError, type NoteSigner, type NoteVerifier } from './note.ts';
export { openCheckpoint, parseCheckpoint, formatCheckpoint, signCheckpoint, type Checkpoint } from './checkpoint.ts';
export { startAuditWriter, type AuditWriter, type AuditWriterOptions } from './writer.ts';

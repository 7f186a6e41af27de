import { HASH_SIZE } from './merkle.ts';
import { NoteError, openNote, signNote, type NoteSigner, type NoteVerifier } from './note.ts';

/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint) bodies: origin line, decimal tree size (no leading
 * zeroes), base64 root hash, then optional non-empty extension lines; signed as a C2SP note whose key name
 * is the origin.
 *
 * @example
 * const note = signCheckpoint({ origin: 'shutong.example.gov.cn/audit', size: 8, rootHash }, signer);
 * openCheckpoint(note, verifier).size; // 8
 */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Buffer;
  readonly extensions?: readonly string[];
}

const bad = (why: string): NoteError => new NoteError(`检查点格式错误 / malformed checkpoint: ${why}`);

export function formatCheckpoint(cp: Checkpoint): string {
  if (cp.origin.length === 0 || cp.origin.includes('\n')) throw bad('origin');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw bad('size');
  if (cp.rootHash.length !== HASH_SIZE) throw bad('root hash');
  const ext = cp.extensions ?? [];
  if (ext.some((l) => l.length === 0 || l.includes('\n'))) throw bad('extension lines must be non-empty single lines');
  return [cp.origin, String(cp.size), cp.rootHash.toString('base64'), ...ext].join('\n') + '\n';
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw bad('text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (!origin || sizeLine === undefined || rootLine === undefined) throw bad('needs origin, size and root hash lines');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw bad('size must be decimal without leading zeroes');
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw bad('size too large');
  const rootHash = Buffer.from(rootLine, 'base64');
  if (rootHash.length !== HASH_SIZE || rootHash.toString('base64') !== rootLine) throw bad('root hash must be base64 of 32 bytes');
  if (extensions.some((l) => l.length === 0)) throw bad('extension lines must be non-empty');
  return extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash };
}

/** The signed note for a checkpoint; the log signs with a key named after its origin. */
export function signCheckpoint(cp: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(cp), signer);
}

/** Verifies the note with `verifier` and parses its text; the origin must be the verifier's name. */
export function openCheckpoint(note: string, verifier: NoteVerifier): Checkpoint {
  const opened = openNote(note, [verifier]);
  const cp = parseCheckpoint(opened.text);
  if (cp.origin !== verifier.name) throw bad(`origin ${cp.origin} is not the log key's name ${verifier.name}`);
  return cp;
}

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys, byte-compatible with golang.org/x/mod/sumdb/note:
 *
 * - key ID     = SHA-256(name || 0x0A || 0x01 || 32-byte public key)[:4]
 * - verifier   = `<name>+<8 hex digits of key ID>+<base64(0x01 || public key)>`
 * - signer     = `PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 || 32-byte seed)>`
 * - note       = text (ending in "\n") + "\n" + one line per signature:
 *                `— <name> <base64(key ID || 64-byte signature)>\n` (U+2014 EM DASH, space)
 *
 * @example
 * const signer = generateSigner('shutong.example.gov.cn/audit');
 * const note = signNote('hello\n', signer);
 * openNote(note, [parseVerifierKey(signer.verifierKey)]).text; // 'hello\n'
 */

const ALG_ED25519 = 0x01;
const SIG_PREFIX = '\u2014 ';
// DER wrappers that turn a raw 32-byte Ed25519 seed / public key into PKCS#8 / SPKI for node:crypto.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

export interface NoteVerifier {
  readonly name: string;
  /** Big-endian key ID. */
  readonly keyId: number;
  readonly publicKey: Buffer;
  readonly verifierKey: string;
}

export interface NoteSigner extends NoteVerifier {
  readonly seed: Buffer;
  readonly signerKey: string;
}

/** Non-empty, no Unicode space, no '+' (the same rule as Go's isValidName). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[+\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(name) && !hasLoneSurrogate(name);
}

function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

export function keyId(name: string, publicKey: Uint8Array): number {
  const h = createHash('sha256').update(name, 'utf8').update(Buffer.from([0x0a, ALG_ED25519])).update(publicKey).digest();
  return h.readUInt32BE(0);
}

const hex8 = (id: number): string => id.toString(16).padStart(8, '0');

export function verifierFromPublicKey(name: string, publicKey: Uint8Array): NoteVerifier {
  if (!isValidKeyName(name)) throw new NoteError(`无效的密钥名 / invalid key name: ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new NoteError('Ed25519 公钥应为 32 字节 / Ed25519 public key must be 32 bytes');
  const pub = Buffer.from(publicKey);
  const id = keyId(name, pub);
  const verifierKey = `${name}+${hex8(id)}+${Buffer.concat([Buffer.from([ALG_ED25519]), pub]).toString('base64')}`;
  return Object.freeze({ name, keyId: id, publicKey: pub, verifierKey });
}

export function signerFromSeed(name: string, seed: Uint8Array): NoteSigner {
  if (seed.length !== 32) throw new NoteError('Ed25519 私钥种子应为 32 字节 / Ed25519 seed must be 32 bytes');
  const priv = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' });
  const v = verifierFromPublicKey(name, spki.subarray(spki.length - 32));
  const signerKey = `PRIVATE+KEY+${name}+${hex8(v.keyId)}+${Buffer.concat([Buffer.from([ALG_ED25519]), seed]).toString('base64')}`;
  return Object.freeze({ ...v, seed: Buffer.from(seed), signerKey });
}

export function generateSigner(name: string): NoteSigner {
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return signerFromSeed(name, der.subarray(der.length - 32));
}

/** Strict base64 (RFC 4648 §4, padded), as Go's StdEncoding: Node's decoder alone is too forgiving. */
function decodeBase64(s: string): Buffer | undefined {
  if (s.length === 0 || s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  const out = Buffer.from(s, 'base64');
  return out.toString('base64') === s ? out : undefined;
}

function chop(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

/** Parses `name+hash+base64key`, checking the key hash against the key as Go's NewVerifier does. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const [name, rest] = chop(vkey, '+');
  const [hash16, key64] = chop(rest, '+');
  const key = decodeBase64(key64);
  if (!/^[0-9a-fA-F]{8}$/.test(hash16) || !key || !isValidKeyName(name)) throw new NoteError('验证密钥格式错误 / malformed verifier key');
  if (key[0] !== ALG_ED25519) throw new NoteError('未知签名算法 / unknown verifier algorithm');
  if (key.length !== 33) throw new NoteError('验证密钥格式错误 / malformed verifier key');
  const v = verifierFromPublicKey(name, key.subarray(1));
  if (v.keyId !== Number.parseInt(hash16, 16)) throw new NoteError('验证密钥哈希不符 / invalid verifier hash');
  return v;
}

export function parseSignerKey(skey: string): NoteSigner {
  const [p1, r1] = chop(skey, '+');
  const [p2, r2] = chop(r1, '+');
  const [name, r3] = chop(r2, '+');
  const [hash16, key64] = chop(r3, '+');
  const key = decodeBase64(key64);
  if (p1 !== 'PRIVATE' || p2 !== 'KEY' || !/^[0-9a-fA-F]{8}$/.test(hash16) || !key || !isValidKeyName(name)) {
    throw new NoteError('签名密钥格式错误 / malformed signer key');
  }
  if (key[0] !== ALG_ED25519 || key.length !== 33) throw new NoteError('签名密钥格式错误 / malformed signer key');
  const s = signerFromSeed(name, key.subarray(1));
  if (s.keyId !== Number.parseInt(hash16, 16)) throw new NoteError('签名密钥哈希不符 / invalid signer hash');
  return s;
}

// Decoding the PKCS #8 key costs more than the signature itself, and the writer signs a checkpoint every second.
const privateKeys = new WeakMap<NoteSigner, KeyObject>();

function privateKeyOf(signer: NoteSigner): KeyObject {
  let key = privateKeys.get(signer);
  if (!key) privateKeys.set(signer, (key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, signer.seed]), format: 'der', type: 'pkcs8' })));
  return key;
}

function publicKeyOf(v: NoteVerifier): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, v.publicKey]), format: 'der', type: 'spki' });
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteError('签名文本须以换行结束 / note text must end with a newline');
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text) || hasLoneSurrogate(text)) throw new NoteError('签名文本含控制字符 / note text has control characters');
}

/** Signs `text` (which must end in "\n") and returns the whole note. */
export function signNote(text: string, ...signers: NoteSigner[]): string {
  checkText(text);
  const body = Buffer.from(text, 'utf8');
  const lines = signers.map((s) => {
    const sig = sign(null, body, privateKeyOf(s));
    const id = Buffer.alloc(4);
    id.writeUInt32BE(s.keyId);
    return `${SIG_PREFIX}${s.name} ${Buffer.concat([id, sig]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly base64: string;
}

export interface OpenedNote {
  readonly text: string;
  readonly verified: readonly NoteSignature[];
  readonly unverified: readonly NoteSignature[];
}

/**
 * Parses a note and checks its signatures as Go's note.Open: the text ends at the last blank line;
 * signatures from unknown keys are set aside; a known key's bad signature rejects the note; at least one
 * known key must have signed.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note) || hasLoneSurrogate(note)) throw new NoteError('签名笔记格式错误 / malformed note');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('签名笔记格式错误 / malformed note');
  const text = note.slice(0, split + 1);
  const sigs = note.slice(split + 2);
  if (sigs.length === 0 || !sigs.endsWith('\n')) throw new NoteError('签名笔记格式错误 / malformed note');
  const body = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  const lines = sigs.slice(0, -1).split('\n');
  if (lines.length > 100) throw new NoteError('签名过多 / too many signatures');
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX)) throw new NoteError('签名笔记格式错误 / malformed note');
    const [name, b64] = chop(line.slice(SIG_PREFIX.length), ' ');
    const raw = decodeBase64(b64);
    if (!raw || !isValidKeyName(name) || raw.length < 5) throw new NoteError('签名笔记格式错误 / malformed note');
    const id = raw.readUInt32BE(0);
    const sig: NoteSignature = { name, keyId: id, base64: b64 };
    const known = verifiers.filter((v) => v.name === name && v.keyId === id);
    if (known.length === 0) {
      unverified.push(sig);
      continue;
    }
    if (known.length > 1) throw new NoteError(`密钥不唯一 / ambiguous key ${name}+${hex8(id)}`);
    const key = `${name}+${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!verify(null, body, publicKeyOf(known[0]!), raw.subarray(4))) {
      throw new NoteError(`签名无效 / invalid signature for key ${name}+${hex8(id)}`);
    }
    verified.push(sig);
  }
  if (verified.length === 0) throw new NoteError('没有可验证的签名 / note has no verifiable signatures');
  return { text, verified, unverified };
}

/**
 * Checks an audit entry's RFC 9162 inclusion proof in the browser, with SubtleCrypto only:
 * the leaf hash from the entry text, the root from the audit path, that root against the signed
 * checkpoint, and the checkpoint's Ed25519 signature (C2SP signed note) against the published key.
 * Nothing here trusts the server's own verdict.
 *
 * @example
 * const report = await verifyInclusion({ proof, checkpoint: noteText, verifierKey });
 * report.ok; // true when every step held
 */
export interface InclusionProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leaf: string;
  readonly leafHash: string;
  readonly rootHash: string;
  readonly auditPath: readonly string[];
  readonly checkpoint: string | null;
}

export interface ParsedCheckpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The signed text: every line before the blank line, each ending in "\n". */
  readonly text: string;
  readonly signatures: ReadonlyArray<{ name: string; keyId: number; signature: Uint8Array }>;
}

export type StepName = 'leaf' | 'path' | 'root' | 'signature';

export interface VerifyStep {
  readonly step: StepName;
  readonly ok: boolean;
  /** What was compared, for a person to read (hex and numbers). */
  readonly detail: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly steps: readonly VerifyStep[];
  readonly checkpoint: ParsedCheckpoint | null;
  readonly computedRoot: string | null;
}

const encoder = new TextEncoder();

export function hexOf(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function bytesOfHex(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error(`not hex: ${hex.slice(0, 20)}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Strict padded base64, as the C2SP formats require. */
export function bytesOfBase64(b64: string): Uint8Array {
  if (b64.length === 0 || b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new Error('not base64');
  const bin = atob(b64);
  const out = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  if (btoa(bin) !== b64) throw new Error('not canonical base64');
  return out;
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

/** RFC 9162 §2.1.1: leaf hash = SHA-256(0x00 ‖ leaf bytes). */
export const leafHash = (leafText: string) => sha256(Uint8Array.of(0), encoder.encode(leafText));
const nodeHash = (left: Uint8Array, right: Uint8Array) => sha256(Uint8Array.of(1), left, right);

/**
 * RFC 9162 §2.1.3.2: the root a leaf and its inclusion path imply, or null when the path cannot be
 * a path for this index and size.
 */
export async function rootFromPath(leaf: Uint8Array, index: number, size: number, path: readonly Uint8Array[]): Promise<Uint8Array | null> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** Parses a C2SP signed note holding a tlog checkpoint (origin, size, base64 root). */
export function parseCheckpointNote(note: string): ParsedCheckpoint {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('检查点缺少签名 / checkpoint has no signature block');
  const text = note.slice(0, split + 1);
  const [origin, sizeLine, rootLine] = text.slice(0, -1).split('\n');
  if (!origin || !sizeLine || !/^(0|[1-9]\d*)$/.test(sizeLine) || !rootLine) throw new Error('检查点格式错误 / malformed checkpoint');
  const rootHash = bytesOfBase64(rootLine);
  if (rootHash.length !== 32) throw new Error('检查点根哈希长度错误 / root hash is not 32 bytes');
  const signatures = note.slice(split + 2).split('\n').filter(Boolean).map((line) => {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) throw new Error('签名行格式错误 / malformed signature line');
    const raw = bytesOfBase64(m[2]!);
    if (raw.length < 5) throw new Error('签名过短 / signature too short');
    const keyId = ((raw[0]! << 24) | (raw[1]! << 16) | (raw[2]! << 8) | raw[3]!) >>> 0;
    return { name: m[1]!, keyId, signature: raw.slice(4) };
  });
  return { origin, size: Number(sizeLine), rootHash, text, signatures };
}

/** Parses `name+hex keyID+base64(0x01 ‖ Ed25519 public key)` and checks the key ID against the key. */
export async function parseVerifierKey(vkey: string): Promise<{ name: string; keyId: number; publicKey: Uint8Array }> {
  // Only the first two '+' separate fields: the base64 key may contain '+' itself.
  const v = vkey.trim();
  const a = v.indexOf('+');
  const b = v.indexOf('+', a + 1);
  const [name, idHex, b64] = a < 0 || b < 0 ? [] : [v.slice(0, a), v.slice(a + 1, b), v.slice(b + 1)];
  if (!name || !idHex || !b64 || !/^[0-9a-f]{8}$/i.test(idHex)) throw new Error('验证密钥格式错误 / malformed verifier key');
  const key = bytesOfBase64(b64);
  if (key.length !== 33 || key[0] !== 0x01) throw new Error('不是 Ed25519 验证密钥 / not an Ed25519 verifier key');
  const publicKey = key.slice(1);
  const h = await sha256(encoder.encode(name), Uint8Array.of(0x0a, 0x01), publicKey);
  const keyId = ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
  if (keyId !== Number.parseInt(idHex, 16)) throw new Error('验证密钥哈希不符 / verifier key hash mismatch');
  return { name, keyId, publicKey };
}

async function signatureHolds(cp: ParsedCheckpoint, verifierKey: string): Promise<VerifyStep> {
  try {
    const key = await parseVerifierKey(verifierKey);
    const sig = cp.signatures.find((s) => s.name === key.name && s.keyId === key.keyId);
    if (!sig) return { step: 'signature', ok: false, detail: `no signature by ${key.name}` };
    if (cp.origin !== key.name) return { step: 'signature', ok: false, detail: `origin ${cp.origin} ≠ key ${key.name}` };
    const pub = await crypto.subtle.importKey('raw', new Uint8Array(key.publicKey), { name: 'Ed25519' }, false, ['verify']);
    const ok = await crypto.subtle.verify({ name: 'Ed25519' }, pub, new Uint8Array(sig.signature), encoder.encode(cp.text));
    return { step: 'signature', ok, detail: `Ed25519 ${key.name} key ${key.keyId.toString(16).padStart(8, '0')}` };
  } catch (error) {
    return { step: 'signature', ok: false, detail: (error as Error).message };
  }
}

/**
 * Verifies that `proof.leaf` is entry `proof.leafIndex` of the log whose signed checkpoint is `checkpoint`
 * (the checkpoint's size must equal the proof's tree size).
 */
export async function verifyInclusion(input: { proof: InclusionProof; checkpoint: string; verifierKey: string }): Promise<VerifyReport> {
  const { proof } = input;
  const steps: VerifyStep[] = [];
  const leaf = await leafHash(proof.leaf);
  steps.push({ step: 'leaf', ok: hexOf(leaf) === proof.leafHash.toLowerCase(), detail: hexOf(leaf) });
  let root: Uint8Array | null = null;
  try {
    root = await rootFromPath(leaf, proof.leafIndex, proof.treeSize, proof.auditPath.map(bytesOfHex));
  } catch {
    root = null;
  }
  steps.push({ step: 'path', ok: root !== null, detail: `index ${proof.leafIndex}, size ${proof.treeSize}, ${proof.auditPath.length} hashes` });
  let cp: ParsedCheckpoint | null = null;
  try {
    cp = parseCheckpointNote(input.checkpoint);
  } catch (error) {
    steps.push({ step: 'root', ok: false, detail: (error as Error).message });
    return { ok: false, steps, checkpoint: null, computedRoot: root ? hexOf(root) : null };
  }
  const sameRoot = root !== null && cp.size === proof.treeSize && hexOf(root) === hexOf(cp.rootHash);
  steps.push({ step: 'root', ok: sameRoot, detail: `${root ? hexOf(root) : '—'} / checkpoint ${cp.size}: ${hexOf(cp.rootHash)}` });
  steps.push(await signatureHolds(cp, input.verifierKey));
  return { ok: steps.every((s) => s.ok), steps, checkpoint: cp, computedRoot: root ? hexOf(root) : null };
}

import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { Clock } from '../shared/clock.ts';
import { generateSigner, signerFromSeed, type NoteSigner } from './note.ts';
import type { AuditStore } from './store.ts';

/**
 * The log's Ed25519 signing key, generated on first use and kept in audit_keys. With a key secret the seed
 * is sealed with AES-256-GCM under a scrypt-derived key; without one it is stored as is (marked `plain:`).
 * The seed is never logged or returned by any API: only the verifier key is published.
 */
export function sealSeed(seed: Buffer, secret: string | undefined): string {
  if (!secret) return `plain:${seed.toString('base64')}`;
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', scryptSync(secret, salt, 32), iv);
  const ct = Buffer.concat([cipher.update(seed), cipher.final()]);
  return ['aes-256-gcm', salt, iv, cipher.getAuthTag(), ct].map((p) => (typeof p === 'string' ? p : p.toString('base64'))).join(':');
}

export function openSeed(sealed: string, secret: string | undefined): Buffer {
  const parts = sealed.split(':');
  if (parts[0] === 'plain' && parts[1]) return Buffer.from(parts[1], 'base64');
  if (parts[0] !== 'aes-256-gcm' || parts.length !== 5) throw new Error('审计签名密钥格式无法识别 / unrecognised audit signing key format');
  if (!secret) throw new Error('审计签名密钥已加密，需要配置密钥口令 / the audit signing key is encrypted and no key secret is configured');
  const [salt, iv, tag, ct] = parts.slice(1).map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer, Buffer];
  const decipher = createDecipheriv('aes-256-gcm', scryptSync(secret, salt, 32), iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new Error('审计签名密钥口令错误 / wrong key secret for the audit signing key');
  }
}

/** The signer for `origin`, creating and storing one if the log has none yet (first writer wins). */
export async function loadOrCreateSigner(store: AuditStore, origin: string, secret: string | undefined, clock: Clock): Promise<NoteSigner> {
  let row = await store.keyByName(origin);
  if (!row) {
    const signer = generateSigner(origin);
    await store.insertKey({ name: origin, verifier_key: signer.verifierKey, private_key: sealSeed(signer.seed, secret), created_at: clock.now().toISOString() });
    row = await store.keyByName(origin);
    if (!row) throw new Error('could not store the audit signing key');
  }
  const signer = signerFromSeed(origin, openSeed(row.private_key, secret));
  if (signer.verifierKey !== row.verifier_key) throw new Error('审计签名密钥与公布的验证密钥不符 / audit signing key does not match its published verifier key');
  return signer;
}

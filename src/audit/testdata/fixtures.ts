import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import type { AuditEntryInput } from '../entry.ts';

/** A varied, realistic entry for index i (exchange calls, grant decisions, admin actions). */
export function sampleEntry(i: number): AuditEntryInput {
  const kind = i % 3;
  return {
    actor: kind === 2 ? { kind: 'user', id: `admin-${i % 5}`, department: '县数据局' } : { kind: 'api_key', id: `key-${i % 7}`, department: ['县民政局', '县人社局', '县卫健委'][i % 3]! },
    action: kind === 0 ? 'exchange.query' : kind === 1 ? 'grant.decide' : 'admin.user.create',
    resource: `resource:${i % 11}`,
    subject: kind === 0 ? `1101011990030${String(7000 + (i % 1000)).padStart(5, '0')}` : null,
    purpose: kind === 0 ? '低保资格复核 / subsistence allowance review' : null,
    items: kind === 0 ? ['姓名', '身份证号', '户籍地址'] : [],
    outcome: i % 10 === 3 ? { decision: 'refused', reason: '超出授权范围 / outside the grant' } : { decision: 'allowed', reason: null },
    requestId: `req-${i}`,
    details: { rows: i % 4, note: `第 ${i} 次` },
  };
}

/** Verifies a signed note using only the published verifier-key string, parsed here from scratch. */
export function independentlyVerifyNote(note: string, vkey: string): boolean {
  // Only the first two '+' separate fields: base64 may contain '+'.
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  const [name, hash, key64] = [vkey.slice(0, first), vkey.slice(first + 1, second), vkey.slice(second + 1)];
  const key = Buffer.from(key64, 'base64');
  assert.equal(key[0], 1, 'Ed25519 algorithm byte');
  const pub = key.subarray(1);
  const id = createHash('sha256').update(Buffer.concat([Buffer.from(name), Buffer.from([0x0a, 0x01]), pub])).digest().subarray(0, 4);
  assert.equal(id.toString('hex'), hash, 'key hash');
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const line = note.slice(split + 2).split('\n').find((l) => l.startsWith(`\u2014 ${name} `));
  if (!line) return false;
  const sig = Buffer.from(line.slice(`\u2014 ${name} `.length), 'base64');
  if (!sig.subarray(0, 4).equals(id)) return false;
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub]);
  return verify(null, Buffer.from(text), createPublicKey({ key: spki, format: 'der', type: 'spki' }), sig.subarray(4));
}

/** Size and root of a checkpoint body (origin, size, base64 root), read without the code under test. */
export function checkpointBody(note: string): { origin: string; size: number; root: Buffer } {
  const [origin, size, root] = note.split('\n') as [string, string, string];
  return { origin, size: Number(size), root: Buffer.from(root, 'base64') };
}

// The console's in-browser proof checker (web/src/pages/audit/verify.ts, SubtleCrypto only) against
// proofs and checkpoints made by the audit module itself. Lives in web/e2e because scripts/run-tests.js
// collects web tests from there; it needs no server and no browser (Node has SubtleCrypto too).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeEntry, generateSigner, leafHash as serverLeafHash, MemoryTree, signCheckpoint, type AuditEntry } from '../../src/audit/index.ts';
import { sampleEntry } from '../../src/audit/testdata/fixtures.ts';
import { verifyInclusion, type InclusionProof } from '../src/pages/audit/verify.ts';

const ORIGIN = 'shutong.example.gov.cn/audit';

function entryAt(i: number): string {
  const input = sampleEntry(i);
  const entry: AuditEntry = {
    seq: i, time: '2026-11-02T02:00:00.000Z', actor: { kind: input.actor.kind, id: input.actor.id, department: input.actor.department ?? null },
    action: input.action, resource: input.resource ?? null, subject: input.subject ?? null, purpose: input.purpose ?? null,
    items: [...(input.items ?? [])], outcome: { decision: input.outcome.decision, reason: input.outcome.reason ?? null }, requestId: input.requestId ?? null, details: input.details ?? {},
  };
  return encodeEntry(entry);
}

function log(size: number) {
  const leaves = Array.from({ length: size }, (_, i) => entryAt(i));
  const tree = new MemoryTree();
  for (const l of leaves) tree.append(serverLeafHash(l));
  const signer = generateSigner(ORIGIN);
  const checkpoint = signCheckpoint({ origin: ORIGIN, size, rootHash: tree.root() }, signer);
  const proof = (index: number): InclusionProof => ({
    leafIndex: index, treeSize: size, leaf: leaves[index]!, leafHash: serverLeafHash(leaves[index]!).toString('hex'),
    rootHash: tree.root().toString('hex'), auditPath: tree.inclusionProof(index).map((h) => h.toString('hex')), checkpoint,
  });
  return { proof, checkpoint, verifierKey: signer.verifierKey, signer, tree };
}

describe('in-browser inclusion proof check', () => {
  it('accepts every entry of logs of many sizes', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 70 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1))), async ([size, index]) => {
      const l = log(size);
      const report = await verifyInclusion({ proof: l.proof(index), checkpoint: l.checkpoint, verifierKey: l.verifierKey });
      assert.ok(report.ok, JSON.stringify(report.steps));
      assert.equal(report.checkpoint?.size, size);
    }), { numRuns: 40 });
  });

  it('refuses an edited entry, a wrong path, another log\'s checkpoint and a forged signature', async () => {
    const l = log(13);
    const good = l.proof(6);
    const edited = { ...good, leaf: good.leaf.replace('低保资格复核', '低保资格复查') };
    const step = async (proof: InclusionProof, checkpoint = l.checkpoint, key = l.verifierKey) => {
      const r = await verifyInclusion({ proof, checkpoint, verifierKey: key });
      return Object.fromEntries(r.steps.map((s) => [s.step, s.ok]));
    };
    assert.deepEqual(await step(edited), { leaf: false, path: true, root: false, signature: true });
    const path = [...good.auditPath];
    path[1] = path[1]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    assert.equal((await step({ ...good, auditPath: path })).root, false);
    assert.deepEqual(await step(good, log(13).checkpoint), { leaf: true, path: true, root: true, signature: false }, 'the same entries signed by another key: the root matches, the signature does not');
    assert.equal((await step(good, l.checkpoint, log(1).verifierKey)).signature, false, 'a checkpoint is only trusted with the log\'s own key');
    assert.equal((await step(good, log(14).checkpoint)).root, false, 'a checkpoint of another size');
    const forged = l.checkpoint.replace(/\n13\n/, '\n14\n');
    assert.equal((await step(good, forged)).signature, false);
    assert.equal((await step({ ...good, leafIndex: 13 })).path, false, 'an index outside the tree has no path');
  });
});

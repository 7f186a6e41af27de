import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EMPTY_ROOT, consistencyProof, inclusionProof, inclusionRanges, leafHash, nodeHash, rootOf, splitPoint, verifyConsistency, verifyInclusion } from './merkle.ts';
import { Frontier, type CompleteSubtree } from './frontier.ts';
import { MemoryTree } from './memory-tree.ts';
import { pythonVerify, type PythonCheck } from './testdata/python-verifier.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const hd = (s: string): Buffer => Buffer.from(s, 'hex');

// The 8-leaf test tree of certificate-transparency-go / transparency-dev/merkle (testonly/constants.go).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hd);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
// transparency-dev/merkle proof/verify_test.go; indexes there are 1-based leaf numbers, here 0-based.
const INCLUSION: Array<[number, number, string[]]> = [
  [0, 1, []],
  [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];
const CONSISTENCY: Array<[number, number, string[]]> = [
  [1, 1, []],
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [6, 7, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
];

const leafHashes = LEAVES.map(leafHash);

function treeOf(n: number): { tree: MemoryTree; leaves: Buffer[] } {
  const tree = new MemoryTree();
  const leaves: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const h = leafHash(Buffer.from(`entry ${i}`));
    leaves.push(h);
    tree.append(h);
  }
  return { tree, leaves };
}

// A literal, recursive transcription of RFC 9162 §2.1.3.1 and §2.1.4.1 to cross-check the iterative code.
function refPath(m: number, d: Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  const k = splitPoint(d.length);
  return m < k ? [...refPath(m, d.slice(0, k)), rootOf(d.slice(k))] : [...refPath(m - k, d.slice(k)), rootOf(d.slice(0, k))];
}
function refSubproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [rootOf(d)];
  const k = splitPoint(d.length);
  return m <= k ? [...refSubproof(m, d.slice(0, k), b), rootOf(d.slice(k))] : [...refSubproof(m - k, d.slice(k), false), rootOf(d.slice(0, k))];
}

/** Which side each proof element sits on, leaf level first. */
const shapeOf = (i: number, n: number): string => inclusionRanges(i, n).map(([s]) => (s < i ? 'L' : 'R')).join('');

describe('RFC 9162 Merkle tree', () => {
  it('hashes leaves and nodes with the 0x00 / 0x01 prefixes', () => {
    assert.equal(hex(leafHash(Buffer.from('L123456'))), '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56');
    assert.equal(hex(nodeHash(Buffer.from('N123'), Buffer.from('N456'))), 'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb');
    assert.equal(hex(EMPTY_ROOT), ROOTS[0]);
  });

  it('reproduces the known roots of the 8-leaf test tree for every size', () => {
    const frontier = new Frontier();
    const tree = new MemoryTree();
    assert.equal(hex(frontier.root()), ROOTS[0]);
    for (let n = 1; n <= 8; n++) {
      frontier.append(leafHashes[n - 1]!);
      tree.append(leafHashes[n - 1]!);
      assert.equal(hex(rootOf(leafHashes.slice(0, n))), ROOTS[n], `rootOf size ${n}`);
      assert.equal(hex(frontier.root()), ROOTS[n], `frontier size ${n}`);
      assert.equal(hex(tree.root(n)), ROOTS[n], `memory tree size ${n}`);
    }
  });

  it('produces and accepts the known inclusion proofs, and rejects corrupted ones', () => {
    const tree = new MemoryTree();
    for (const h of leafHashes) tree.append(h);
    for (const [index, size, path] of INCLUSION) {
      assert.deepEqual(tree.inclusionProof(index, size).map(hex), path, `proof ${index}/${size}`);
      const root = hd(ROOTS[size]!);
      const proof = path.map(hd);
      assert.ok(verifyInclusion(leafHashes[index]!, index, size, proof, root));
      assert.ok(!verifyInclusion(leafHashes[index]!, index + 1, size, proof, root), 'index + 1');
      assert.ok(!verifyInclusion(leafHashes[index]!, index, size * 2, proof, root), 'size * 2');
      assert.ok(!verifyInclusion(leafHash(Buffer.from('WrongLeaf')), index, size, proof, root), 'wrong leaf');
      assert.ok(!verifyInclusion(leafHashes[index]!, index, size, [...proof, root], root), 'trailing garbage');
      for (let i = 0; i < proof.length; i++) {
        const bad = proof.map((p) => Buffer.from(p));
        bad[i]![0]! ^= 8;
        assert.ok(!verifyInclusion(leafHashes[index]!, index, size, bad, root), `flipped bit in proof[${i}]`);
      }
    }
  });

  it('produces and accepts the known consistency proofs, and rejects corrupted ones', () => {
    const tree = new MemoryTree();
    for (const h of leafHashes) tree.append(h);
    for (const [m, n, path] of CONSISTENCY) {
      assert.deepEqual(tree.consistencyProof(m, n).map(hex), path, `proof ${m}→${n}`);
      const [r1, r2] = [hd(ROOTS[m]!), hd(ROOTS[n]!)];
      const proof = path.map(hd);
      assert.ok(verifyConsistency(m, n, r1, r2, proof));
      if (proof.length === 0) continue;
      assert.ok(!verifyConsistency(m, n, r2, r1, proof), 'swapped roots');
      assert.ok(!verifyConsistency(m + 1, n, r1, r2, proof), 'size1 + 1');
      assert.ok(!verifyConsistency(m, n, r1, r2, []), 'empty proof');
      assert.ok(!verifyConsistency(m, n, r1, r2, proof.slice(0, -1)), 'truncated');
      assert.ok(!verifyConsistency(m, n, r1, r2, [...proof, r1]), 'trailing root');
    }
  });

  it('matches the literal recursive RFC definitions of PATH and PROOF for every index and size up to 40', () => {
    const { tree, leaves } = treeOf(40);
    for (let n = 1; n <= 40; n++) {
      for (let m = 0; m < n; m++) assert.deepEqual(tree.inclusionProof(m, n), refPath(m, leaves.slice(0, n)), `PATH(${m}, ${n})`);
      for (let m = 1; m < n; m++) assert.deepEqual(tree.consistencyProof(m, n), refSubproof(m, leaves.slice(0, n), true), `PROOF(${m}, ${n})`);
    }
  });

  it('inclusion proofs verify for random sizes and indexes and fail for a changed leaf, index or size', () => {
    const { tree, leaves } = treeOf(600);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1), fc.integer({ min: 1, max: 600 }), fc.nat(599))), ([n, i, otherSize, otherIndex]) => {
        const root = tree.root(n);
        const proof = tree.inclusionProof(i, n);
        assert.ok(verifyInclusion(leaves[i]!, i, n, proof, root));
        assert.ok(!verifyInclusion(leafHash(Buffer.from('tampered')), i, n, proof, root));
        if (otherIndex !== i && n > 1) assert.ok(!verifyInclusion(leaves[i]!, otherIndex, n, proof, root));
        // The root binds the size only through the path's shape (e.g. index 0 in sizes 513 and 519 share it).
        const sameShape = otherSize > i && shapeOf(i, otherSize) === shapeOf(i, n);
        if (otherSize !== n) assert.equal(verifyInclusion(leaves[i]!, i, otherSize, proof, root), sameShape);
      }),
      { numRuns: 300 },
    );
  });

  it('consistency proofs verify for all m ≤ n and fail when the old root is wrong', () => {
    const { tree } = treeOf(600);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }).chain((n) => fc.tuple(fc.nat(n), fc.constant(n))), ([m, n]) => {
        const proof = tree.consistencyProof(m, n);
        assert.ok(verifyConsistency(m, n, tree.root(m), tree.root(n), proof));
        if (m > 0 && m < n) {
          assert.ok(!verifyConsistency(m, n, tree.root(m - 1), tree.root(n), proof), 'old root of another size');
          assert.ok(!verifyConsistency(m, n, leafHash(Buffer.from('x')), tree.root(n), proof), 'random old root');
          assert.ok(!verifyConsistency(m, n, tree.root(m), tree.root(n - 1), proof), 'wrong new root');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the frontier root equal to the recursive MTH and reports each complete subtree once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (n) => {
        const seen: CompleteSubtree[] = [];
        const f = new Frontier(0, [], (s) => seen.push(s));
        const { leaves } = treeOf(n);
        for (const h of leaves) f.append(h);
        assert.deepEqual(f.root(), rootOf(leaves));
        for (const s of seen) assert.deepEqual(s.hash, rootOf(leaves, s.index * 2 ** s.level, (s.index + 1) * 2 ** s.level));
        // A restored frontier continues identically.
        const g = new Frontier(f.size, f.roots());
        const extra = leafHash(Buffer.from('next'));
        f.append(extra);
        g.append(extra);
        assert.deepEqual(g.root(), f.root());
      }),
      { numRuns: 100 },
    );
  });

  it('produces proofs that an independent Python RFC 9162 verifier accepts, and corrupted ones it rejects', () => {
    const { tree, leaves } = treeOf(70);
    const checks: PythonCheck[] = [];
    const expected: boolean[] = [];
    const add = (c: PythonCheck, ok: boolean): void => {
      checks.push(c);
      expected.push(ok);
    };
    for (let n = 1; n <= 70; n++) {
      const root = hex(tree.root(n));
      for (let i = 0; i < n; i++) {
        const path = tree.inclusionProof(i, n).map(hex);
        add({ kind: 'inclusion', leaf_hash: hex(leaves[i]!), index: i, size: n, path, root }, true);
        if (n > 1) add({ kind: 'inclusion', leaf_hash: hex(leaves[(i + 1) % n]!), index: i, size: n, path, root }, false);
      }
      for (let m = 0; m <= n; m++) {
        const path = tree.consistencyProof(m, n).map(hex);
        add({ kind: 'consistency', from: m, to: n, old_root: hex(tree.root(m)), new_root: root, path }, true);
        if (m > 0 && m < n) add({ kind: 'consistency', from: m, to: n, old_root: hex(tree.root(m - 1)), new_root: root, path }, false);
      }
    }
    for (let n = 0; n <= 8; n++) add({ kind: 'root', leaves: LEAVES.slice(0, n).map(hex), root: hex(rootOf(leafHashes.slice(0, n))) }, true);
    const results = pythonVerify(checks);
    assert.equal(results.length, checks.length);
    const wrong = results.flatMap((r, i) => (r === expected[i] ? [] : [checks[i]]));
    assert.deepEqual(wrong, []);
  });

  it('proves through the generic API against any subtree hasher', () => {
    const { leaves } = treeOf(13);
    const mth = (s: number, e: number): Buffer => rootOf(leaves, s, e);
    assert.ok(verifyInclusion(leaves[9]!, 9, 13, inclusionProof(9, 13, mth), rootOf(leaves)));
    assert.ok(verifyConsistency(5, 13, rootOf(leaves, 0, 5), rootOf(leaves), consistencyProof(5, 13, mth)));
    assert.throws(() => inclusionProof(13, 13, mth), RangeError);
    assert.throws(() => consistencyProof(14, 13, mth), RangeError);
  });
});

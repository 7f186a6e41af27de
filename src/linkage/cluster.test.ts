import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clusterRecords, type EdgeList } from './cluster.ts';

/** Weights from a symmetric table; pairs not listed weigh `otherwise`. */
function weights(table: Record<string, number>, otherwise = -30): (i: number, j: number) => number {
  return (i, j) => table[`${Math.min(i, j)}-${Math.max(i, j)}`] ?? otherwise;
}

function edgesAbove(size: number, w: (i: number, j: number) => number): EdgeList {
  const a: number[] = [];
  const b: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) if (w(i, j) > 0) a.push(i), b.push(j), ws.push(w(i, j));
  return { a: Int32Array.from(a), b: Int32Array.from(b), w: Float64Array.from(ws), count: a.length };
}

describe('clustering', () => {
  it('does not chain A~B and B~C into one cluster when A and C are strongly different', () => {
    const w = weights({ '0-1': 20, '1-2': 18, '0-2': -45 });
    const c = clusterRecords({ size: 3, edges: edgesAbove(3, w), weight: w });
    assert.equal(c.clusterOf[0], c.clusterOf[1]);
    assert.notEqual(c.clusterOf[1], c.clusterOf[2]);
  });

  it('does join A, B and C when A and C are only mildly different (transitive evidence wins)', () => {
    const w = weights({ '0-1': 20, '1-2': 18, '0-2': -6 });
    const c = clusterRecords({ size: 3, edges: edgesAbove(3, w), weight: w });
    assert.equal(c.clusterCount, 1);
    assert.ok(c.confidence[0]! > 0.99);
  });

  it('keeps two tight groups apart despite one bridging edge, unlike connected components', () => {
    const table: Record<string, number> = { '0-1': 25, '0-2': 25, '1-2': 25, '3-4': 25, '3-5': 25, '4-5': 25, '2-3': 12 };
    const w = weights(table, -20);
    const c = clusterRecords({ size: 6, edges: edgesAbove(6, w), weight: w });
    assert.equal(c.clusterCount, 2);
    assert.deepEqual(c.members.map((m) => [...m]), [[0, 1, 2], [3, 4, 5]]);
    // The bridge that was not followed lowers both clusters' confidence.
    assert.ok(c.confidence[0]! < 0.01);
  });

  it('obeys reviewer decisions over the model', () => {
    const w = weights({ '0-1': 30 });
    const c = clusterRecords({ size: 2, edges: edgesAbove(2, w), weight: w, constraint: () => -1 });
    assert.equal(c.clusterCount, 2);
  });
});

describe('clustering output', () => {
  it('lists every record in exactly one cluster, the same way in clusterOf, memberStart / memberList and members', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 14 }), fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 91, maxLength: 91 }), (size, table) => {
        const w = (i: number, j: number) => table[(Math.min(i, j) * 13 + Math.max(i, j)) % table.length]!;
        const c = clusterRecords({ size, edges: edgesAbove(size, w), weight: w });
        const seen = new Int32Array(size);
        for (let k = 0; k < c.clusterCount; k++) {
          const list = [...c.memberList.subarray(c.memberStart[k]!, c.memberStart[k + 1]!)];
          assert.ok(list.length > 0);
          assert.deepEqual(list, [...list].sort((x, y) => x - y));
          assert.deepEqual([...c.members[k]!], list);
          for (const x of list) {
            assert.equal(c.clusterOf[x], k);
            seen[x]!++;
          }
          assert.ok(c.confidence[k]! >= 0 && c.confidence[k]! <= 1);
        }
        assert.ok(seen.every((n) => n === 1));
        for (let p = 0; p < c.within.count; p++) assert.equal(c.clusterOf[c.within.a[p]!], c.clusterOf[c.within.b[p]!]);
      }),
    );
  });
});

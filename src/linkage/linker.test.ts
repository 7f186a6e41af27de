import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createLinker, type IncomingRecord } from './linker.ts';
import { estimateModel, personModel } from './models.ts';
import { syntheticPeople } from './testing/synthetic-people.ts';
import type { LinkageParams } from './train.ts';

const fields = personModel();
const { records, personOf } = syntheticPeople({ persons: 150, seed: 11 });
let params: LinkageParams;

before(async () => {
  params = await estimateModel(fields, records);
});

/** Pairwise F1 of entity assignments against the generator's truth. */
function f1(entityOf: (id: string) => string | undefined): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let x = 0; x < records.length; x++) {
    for (let y = x + 1; y < records.length; y++) {
      const a = records[x]!.id;
      const b = records[y]!.id;
      const same = personOf.get(a) === personOf.get(b);
      const linked = entityOf(a) === entityOf(b);
      if (same && linked) tp++;
      else if (linked) fp++;
      else if (same) fn++;
    }
  }
  return (2 * tp) / (2 * tp + fp + fn);
}

describe('incremental linker', () => {
  it('builds entities batch by batch and reports links of new records to existing ones', async () => {
    const linker = await createLinker({ fields, params, prefix: 'P' });
    const first = linker.addRecords(records.slice(0, 200));
    const second = linker.addRecords(records.slice(200));
    assert.equal(linker.size, records.length);
    assert.ok(second.links.length > 0);
    for (const l of second.links) assert.ok(l.probability >= 0.5);
    assert.ok(first.events.some((e) => e.type === 'created') && second.events.some((e) => e.type === 'joined'));
    assert.ok(f1((id) => linker.entityOf(id)) >= 0.97, `F1 ${f1((id) => linker.entityOf(id))}`);
    assert.match(linker.entityOf(records[0]!.id)!, /^P\d{8}$/);
  });

  it('keeps every unchanged record in its entity across runs, and places a new copy in the right one', async () => {
    const one = await createLinker({ fields, params, prefix: 'P' });
    one.addRecords(records);
    const state = JSON.parse(JSON.stringify(one.exportState())) as ReturnType<typeof one.exportState>;
    const two = await createLinker({ fields, params, prefix: 'P', state });
    const reversed = [...records].reverse();
    const restored = two.addRecords(reversed);
    for (const r of records) assert.equal(two.entityOf(r.id), one.entityOf(r.id));
    assert.deepEqual(restored.events, [], 'restoring the previous run is no news');
    const base = records.find((r) => r.values.id_number !== undefined && r.values.birth_date !== undefined)!;
    const copy: IncomingRecord = { id: 'new-1', values: { ...base.values, phone: undefined, name: base.values.name } };
    const r = two.addRecords([copy]);
    assert.equal(two.entityOf('new-1'), one.entityOf(base.id));
    assert.ok(r.links.some((l) => l.otherId === base.id));
    assert.equal(r.events[0]?.type, 'joined');
  });

  it('lets a reviewer split an entity and merge two, and remembers the decisions', async () => {
    const linker = await createLinker({ fields, params, prefix: 'P' });
    linker.addRecords(records);
    const entity = linker.entityOf(records.find((r) => linker.members(linker.entityOf(r.id)!).length >= 2)!.id)!;
    const [a, b] = linker.members(entity);
    const split = linker.decide(a!, b!, 'non_match');
    assert.notEqual(linker.entityOf(a!), linker.entityOf(b!));
    assert.equal(split.events[0]?.type, 'split');
    assert.equal(split.events[0]?.from?.[0], entity);
    // A further record like both does not glue them back together.
    const again = records.find((r) => r.id === a)!;
    linker.addRecords([{ id: 'again', values: again.values }]);
    assert.notEqual(linker.entityOf(a!), linker.entityOf(b!));
    assert.deepEqual(linker.exportState().decisions.map((d) => d[2]), ['non_match']);

    const apart = (id: string) => ![linker.entityOf(a!), linker.entityOf(b!)].includes(linker.entityOf(id));
    const x = records.find((r) => apart(r.id))!.id;
    const y = records.find((r) => apart(r.id) && personOf.get(r.id) !== personOf.get(x) && linker.entityOf(r.id) !== linker.entityOf(x))!.id;
    const older = [linker.entityOf(x)!, linker.entityOf(y)!].sort()[0];
    const merged = linker.decide(x, y, 'match');
    assert.equal(linker.entityOf(x), linker.entityOf(y));
    assert.equal(merged.events[0]?.type, 'merged');
    assert.equal(linker.entityOf(x), older);
    // Joining x's entity to a's and then to b's would put a and b back together: refused.
    linker.decide(x, a!, 'match');
    assert.throws(() => linker.decide(x, b!, 'match'), /non-match/);
    assert.notEqual(linker.entityOf(a!), linker.entityOf(b!));
  });

  it('explains a pair comparison by comparison', async () => {
    const linker = await createLinker({ fields, params });
    linker.addRecords(records.slice(0, 20));
    const e = linker.explain(records[0]!.id, records[1]!.id);
    assert.deepEqual(e.comparisons.map((c) => c.name), fields.map((f) => f.column));
    assert.ok(e.probability >= 0 && e.probability <= 1);
  });
});

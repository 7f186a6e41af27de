import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { residentIdCheck, type LinkageParams } from '../linkage/index.ts';
import { syntheticPeople } from '../linkage/testing/synthetic-people.ts';
import { RegistryEngine, type EngineRecord } from './engine.ts';
import { REGISTRY_MODELS } from './models.ts';
import { validAnchor } from './values.ts';
import { bulkLink } from './bulk.ts';

const model = REGISTRY_MODELS.person;
const { records: people } = syntheticPeople({ persons: 120, seed: 5 });
const records: EngineRecord[] = people.map((r) => ({ ref: r.id, values: r.values, anchor: validAnchor('id_number', r.values.id_number) }));
let params: LinkageParams;

before(async () => {
  params = (await bulkLink(model, records)).params;
});

describe('registry engine', () => {
  it('restores every entity id after a restart and places a new copy of a known person in its entity', async () => {
    const first = (await bulkLink(model, records, { params })).engine;
    const state = { records: records.map((r) => ({ ...r, entityId: first.entityOf(r.ref)! })), decisions: [], nextEntity: first.nextEntity };
    const again = await RegistryEngine.open(model, params, state);
    for (const r of records) assert.equal(again.entityOf(r.ref), first.entityOf(r.ref));
    const known = records.find((r) => r.anchor !== undefined)!;
    const out = again.upsert([{ ref: 'new', values: { ...known.values, phone: undefined }, anchor: known.anchor }]);
    assert.equal(out.assignments.get('new'), first.entityOf(known.ref));
    assert.equal(again.nextEntity, first.nextEntity, 'no entity created');
  });

  it('never keeps two different valid ID numbers in one entity', async () => {
    const a = `37132119900101123${residentIdCheck('37132119900101123')}`;
    const b = `37132119900101125${residentIdCheck('37132119900101125')}`;
    const same = { name: '王建国', birth_date: '19900101', sex: '男', phone: '13800000009', address: '沂南县界湖街道南村社区3号' };
    const engine = await RegistryEngine.open(model, params, { records: [], decisions: [], nextEntity: 1 });
    const out = engine.upsert([
      { ref: 'x', values: { ...same, id_number: a }, anchor: a },
      { ref: 'y', values: { ...same, id_number: b }, anchor: b },
    ]);
    assert.notEqual(engine.entityOf('x'), engine.entityOf('y'));
    assert.ok(out.ruleDecisions.length > 0 || out.assignments.get('x') !== out.assignments.get('y'));
  });

  it('applies a reviewer decision from then on, also to records that arrive later', async () => {
    const engine = (await bulkLink(model, records, { params })).engine;
    const entity = [...new Set(records.map((r) => engine.entityOf(r.ref)!))].find((e) => engine.members(e).length >= 2)!;
    const [a, b] = engine.members(entity);
    const r = engine.decide(a!, b!, 'non_match');
    assert.notEqual(engine.entityOf(a!), engine.entityOf(b!));
    assert.ok(r.events.some((e) => e.type === 'split'));
    const copyOfA = records.find((x) => x.ref === a)!;
    engine.upsert([{ ref: 'copy', values: copyOfA.values, anchor: copyOfA.anchor }]);
    assert.notEqual(engine.entityOf(a!), engine.entityOf(b!), 'a new look-alike does not glue them back');
  });

  it('re-places a changed record and forgets a removed one', async () => {
    const engine = (await bulkLink(model, records, { params })).engine;
    const r0 = records[0]!;
    const before = engine.entityOf(r0.ref)!;
    engine.upsert([{ ...r0, values: { ...r0.values, phone: '13912345678' } }]);
    assert.equal(engine.entityOf(r0.ref), before, 'a new phone does not move the record');
    engine.remove([r0.ref]);
    assert.equal(engine.has(r0.ref), false);
    assert.ok(!engine.members(before).includes(r0.ref));
  });
});

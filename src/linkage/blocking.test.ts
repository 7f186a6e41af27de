import { FEBRL_DIR } from './testing/febrl-path.ts';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createStore } from './encode/store.ts';
import { parseFieldSpecs } from './kinds.ts';
import { readTableInto } from './table-io.ts';
import { defaultBlockingRules, generateCandidates, type BlockingRule } from './blocking.ts';

const FIELDS = parseFieldSpecs(
  'given_name:given_name,surname:family_name,street_number:street_number,address_1:address_line,address_2:address_line,suburb:locality,postcode:postcode,state:region,date_of_birth:birth_date,soc_sec_id:other_id',
);

function febrl(n: number) {
  const store = createStore(FIELDS);
  readTableInto(store, `${FEBRL_DIR}/dataset${n}.csv`, { delimiter: ', ', idColumn: 'rec_id' });
  return store;
}

describe('blocking', () => {
  it('unions the rules without repeating a pair and counts each rule’s new pairs', () => {
    const store = febrl(2);
    const c = generateCandidates(store, defaultBlockingRules(store));
    const seen = new Set<number>();
    for (let p = 0; p < c.count; p++) {
      assert.ok(c.left[p]! < c.right[p]!);
      const key = c.left[p]! * store.size + c.right[p]!;
      assert.ok(!seen.has(key), 'pair generated twice');
      seen.add(key);
    }
    assert.equal(c.stats.reduce((s, r) => s + r.pairs, 0), c.count);
    assert.ok(c.stats.every((s) => s.pairs <= s.generated));
    assert.ok(c.stats.length >= 6, 'identifier, name-sound, date, address and postcode rules');
  });

  it('keeps recall: every true FEBRL dataset1 pair is a candidate, with few pairs per record', () => {
    const store = febrl(1);
    const c = generateCandidates(store, defaultBlockingRules(store));
    const person = (i: number) => store.recordIds[i]!.split('-')[1];
    let found = 0;
    for (let p = 0; p < c.count; p++) if (person(c.left[p]!) === person(c.right[p]!)) found++;
    assert.equal(found, 500);
    assert.ok(c.count < 2 * store.size, `${c.count} candidate pairs`);
  });

  it('in link mode pairs only left records with right records', () => {
    const store = febrl(1);
    const leftSize = 400;
    const c = generateCandidates(store, defaultBlockingRules(store), { leftSize });
    assert.ok(c.count > 0);
    for (let p = 0; p < c.count; p++) assert.ok(c.left[p]! < leftSize && c.right[p]! >= leftSize);
  });

  it('falls back to exact values when no combined rule fits the declared kinds', () => {
    const store = createStore(parseFieldSpecs('surname:family_name,state:region'));
    readTableInto(store, `${FEBRL_DIR}/dataset1.csv`, { delimiter: ', ', idColumn: 'rec_id' });
    const rules = defaultBlockingRules(store);
    assert.deepEqual(rules.map((r) => r.name), ['family_name:surname']);
    assert.ok(generateCandidates(store, rules).count > 0);
  });

  it('skips and reports a rule whose blocks would explode, and leaves out oversized blocks', () => {
    const store = febrl(1);
    const everyone: BlockingRule = { name: 'everyone', key: () => 0 };
    const halves: BlockingRule = { name: 'halves', key: (i) => i % 2 };
    const c = generateCandidates(store, [everyone], { maxBlockSize: 5000 });
    assert.equal(c.count, 0);
    assert.match(c.stats[0]!.skipped ?? '', /budget/);
    const d = generateCandidates(store, [halves], { maxBlockSize: 100, maxPairsPerRecord: 1e9 });
    assert.equal(d.count, 0);
    assert.equal(d.stats[0]!.oversizedBlocks, 2);
  });
});

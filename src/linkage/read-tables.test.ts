import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore, type RecordStore } from './encode/store.ts';
import { parseFieldSpecs, type FieldSpec } from './kinds.ts';
import { readTables, splitColumns } from './read-tables.ts';
import { loadChineseTools, type ChineseTools } from './chinese/tools.ts';
import { linkStore } from './pipeline.ts';
import { LineWriter } from './csv.ts';
import { writeSyntheticLinkFiles } from './testing/synthetic-people.ts';
import { AppError } from '../shared/errors.ts';

const FIELDS = parseFieldSpecs('name:full_name,id_number:id_number,birth_date:birth_date,sex:sex,phone:phone,address:address,ethnicity:ethnicity');
const LATIN = parseFieldSpecs('given:given_name,family:family_name,street:address_line,locality:address_line,dob:birth_date,code:postcode');

let dir: string;
let zh: ChineseTools;
let files: string[];
before(async () => {
  zh = await loadChineseTools();
  dir = mkdtempSync(join(tmpdir(), 'linkage-read-'));
  files = [join(dir, 'left.csv'), join(dir, 'right.csv')];
  writeSyntheticLinkFiles({ persons: 600, seed: 5, leftPath: files[0]!, rightPath: files[1]! }, (p) => new LineWriter(p));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function read(threads: number, fields: readonly FieldSpec[] = FIELDS, paths = files): Promise<RecordStore> {
  const store = createStore(fields, { chinese: zh });
  await readTables(store, paths, { delimiter: ',', idColumn: 'record_id', threads });
  return store;
}

describe('reading on several threads', () => {
  it('builds the same store as one thread: ids, value ids, dictionaries, counts, and so the same links', async () => {
    const one = await read(1);
    const two = await read(2);
    assert.deepEqual(two.recordIds, one.recordIds);
    for (const f of FIELDS) {
      assert.deepEqual([...two.columns.get(f.column)!.data.subarray(0, two.size)], [...one.columns.get(f.column)!.data.subarray(0, one.size)], f.column);
      assert.deepEqual(two.dicts.get(f.column)!.values, one.dicts.get(f.column)!.values, f.column);
    }
    two.comparisons.forEach((c, k) => assert.equal(c.counts.total, one.comparisons[k]!.counts.total));
    const a = linkStore(one, { leftSize: 600 });
    const b = linkStore(two, { leftSize: 600 });
    assert.deepEqual([...b.pairs.left], [...a.pairs.left]);
    assert.deepEqual([...b.pairs.right], [...a.pairs.right]);
    assert.deepEqual([...b.pairs.probability], [...a.pairs.probability]);
  });

  it('keeps shared dictionaries whole: given and family name, address lines', async () => {
    const rows = ['id,given,family,street,locality,dob,code', '1,anna,smith,1 main st,springfield,19800101,2000', '2,smith,anna,main st 1,springfield,19800101,2000'];
    const path = join(dir, 'latin.csv');
    writeFileSync(path, `${rows.join('\n')}\n`);
    const store = createStore(LATIN);
    await readTables(store, [path], { delimiter: ',', idColumn: 'id', threads: 3 });
    const given = store.comparisons.find((c) => c.name === 'given')!;
    assert.equal(given.levels[given.level(0, 1)], 'swapped');
    const street = store.comparisons.find((c) => c.name === 'street')!;
    assert.equal(store.dicts.get('street'), store.dicts.get('locality'));
    assert.ok(street.level(0, 1) > 1);
  });

  it('reports a missing column before any thread starts, as one thread would', async () => {
    const store = createStore(parseFieldSpecs('name:full_name,nickname:other'), { chinese: zh });
    await assert.rejects(readTables(store, files, { delimiter: ',', idColumn: 'record_id', threads: 2 }), (e: unknown) => e instanceof AppError && /nickname/.test(e.message));
    await assert.rejects(readTables(store, files, { delimiter: ',', idColumn: 'nope', threads: 2 }), (e: unknown) => e instanceof AppError && /--id/.test(e.message));
  });
});

describe('splitColumns', () => {
  it('puts every field in exactly one bin, dictionary groups together, at most one bin per thread', () => {
    for (const fields of [FIELDS, LATIN]) {
      for (const threads of [1, 2, 3, 8]) {
        const bins = splitColumns(fields, threads);
        assert.ok(bins.length <= threads && bins.length >= 1);
        assert.deepEqual(bins.flat().map((f) => f.column).sort(), fields.map((f) => f.column).sort());
        const binOf = (c: string) => bins.findIndex((b) => b.some((f) => f.column === c));
        if (fields === LATIN) {
          assert.equal(binOf('given'), binOf('family'));
          assert.equal(binOf('street'), binOf('locality'));
        }
      }
    }
  });

  it('balances the Chinese person model over two threads', () => {
    const [a, b] = splitColumns(FIELDS, 2);
    assert.ok(a!.length > 0 && b!.length > 0);
    const expensive = (bin: FieldSpec[]) => bin.filter((f) => f.kind === 'full_name' || f.kind === 'address').length;
    assert.equal(expensive(a!), 1);
    assert.equal(expensive(b!), 1);
  });
});

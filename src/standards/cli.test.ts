import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/shutong.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

// These run the real `npx shutong` entry point, so they also prove the command registration.
describe('shutong validate', () => {
  it('prints the normalised value and exits 0 for a valid value', () => {
    const r = run('validate', '公民身份号码', '11010519491231002X');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '有效 valid: 11010519491231002X\n');
  });

  it('prints the notes of an upgraded legacy number, found by a synonym', () => {
    const r = run('validate', '身份证号', '340524800101001');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^有效 valid: 34052419800101001X\n {2}注 note: 15 位旧号码已升级为 18 位 \/ 15-digit legacy number upgraded/);
  });

  it('prints both reasons and exits 1 for an invalid value', () => {
    const r = run('validate', '公民身份号码', '110105194912310021');
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '无效 invalid: 校验位应为 X，实际为 1 / check character should be X, got 1\n');
  });

  it('lists close element names and exits 2 for an unknown element', () => {
    const r = run('validate', '身份证号吗', '1');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /未知数据元“身份证号吗”.*公民身份号码/);
  });
});

describe('shutong elements', () => {
  it('lists every built-in element with code, name and standard', () => {
    const r = run('elements');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^DE0001\t公民身份号码\tGB 11643-1999\tC 字符型$/m);
    assert.ok(r.stdout.trim().split('\n').length >= 20);
  });
});

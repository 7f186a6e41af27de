import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkBirthDateAgainstId, checkRegionAgainstAddress, checkSexAgainstId } from './cross-field.ts';
import { idNumberCheckChar } from './id-number.ts';
import { civilFromDays, daysFromCivil, formatYmd } from './date-core.ts';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const person = fc
  .record({ day: fc.integer({ min: daysFromCivil(1900, 1, 2), max: daysFromCivil(2020, 12, 31) }), seq: fc.integer({ min: 0, max: 999 }) })
  .map(({ day, seq }) => {
    const { y, m, d } = civilFromDays(day);
    const body = `340121${pad(y, 4)}${pad(m, 2)}${pad(d, 2)}${pad(seq, 3)}`;
    return { id: body + idNumberCheckChar(body), day, birth: formatYmd(y, m, d), male: seq % 2 === 1 };
  });

describe('checkBirthDateAgainstId', () => {
  it('is consistent for the embedded date in any spelling and inconsistent for any other day', () => {
    fc.assert(fc.property(person, fc.integer({ min: -3000, max: 3000 }).filter((n) => n !== 0), (p, shift) => {
      assert.deepEqual(checkBirthDateAgainstId(p.id, p.birth), { status: 'consistent' });
      assert.deepEqual(checkBirthDateAgainstId(p.id, p.birth.replace(/-/g, '')), { status: 'consistent' });
      const { y, m, d } = civilFromDays(Math.max(daysFromCivil(1900, 1, 1), Math.min(p.day + shift, daysFromCivil(2020, 12, 31))));
      const other = formatYmd(y, m, d);
      fc.pre(other !== p.birth);
      const r = checkBirthDateAgainstId(p.id, other);
      assert.ok(r.status === 'inconsistent' && r.reason.en.includes(other) && r.reason.en.includes(p.birth));
    }));
  });

  it('does not compare when either field is itself invalid', () => {
    assert.equal(checkBirthDateAgainstId('110105194912310021', '1949-12-31').status, 'not_checked');
    assert.equal(checkBirthDateAgainstId('11010519491231002X', '1949-13-31').status, 'not_checked');
  });
});

describe('checkSexAgainstId', () => {
  it('follows the parity of digit 17', () => {
    fc.assert(fc.property(person, (p) => {
      assert.equal(checkSexAgainstId(p.id, p.male ? '男' : '女').status, 'consistent');
      assert.equal(checkSexAgainstId(p.id, p.male ? '2' : '1').status, 'inconsistent');
    }));
  });

  it('names the digit and its parity', () => {
    const r = checkSexAgainstId('11010519491231002X', '男');
    assert.ok(r.status === 'inconsistent' && r.reason.en.includes('even (female)') && r.reason.zh.includes('第 17 位'));
  });

  it('does not compare sex codes 0 and 9', () => {
    assert.equal(checkSexAgainstId('11010519491231002X', '9').status, 'not_checked');
    assert.equal(checkSexAgainstId('11010519491231002X', '未知').status, 'not_checked');
  });
});

describe('checkRegionAgainstAddress', () => {
  it('accepts the county name, its short form or one of its townships', () => {
    for (const address of ['安徽省合肥市长丰县水湖镇幸福路12号', '长丰吴山镇', '水湖镇 幸福路 12 号']) {
      assert.equal(checkRegionAgainstAddress('340121', address).status, 'consistent', address);
    }
  });

  it('accepts a township of a city without counties', () => {
    assert.equal(checkRegionAgainstAddress('441900', '虎门镇某路 1 号').status, 'consistent');
  });

  it('accepts an autonomous county written without its ethnic names', () => {
    assert.equal(checkRegionAgainstAddress('511132', '峨边县沙坪镇').status, 'consistent');
  });

  it('accepts a township code when the address names the township or its county', () => {
    assert.equal(checkRegionAgainstAddress('110101001', '北京市东华门街道').status, 'consistent');
    assert.equal(checkRegionAgainstAddress('110101001', '北京市东城区某胡同').status, 'consistent');
  });

  it('names the other county an address mentions', () => {
    const r = checkRegionAgainstAddress('340121', '安徽省合肥市肥西县上派镇');
    assert.ok(r.status === 'inconsistent' && r.reason.zh.includes('肥西县') && r.reason.zh.includes('长丰县'));
  });

  it('says which names were expected when the address mentions none', () => {
    const r = checkRegionAgainstAddress('340121', '幸福路 12 号');
    assert.ok(r.status === 'inconsistent' && r.reason.en.includes('长丰县') && r.reason.en.includes('长丰'));
  });

  it('does not compare an invalid code or an empty address', () => {
    assert.equal(checkRegionAgainstAddress('340199', '长丰县').status, 'not_checked');
    assert.equal(checkRegionAgainstAddress('340121', '  ').status, 'not_checked');
  });
});

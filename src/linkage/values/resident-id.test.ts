import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { creditCodeCheck, parseCreditCode, parseResidentId, residentIdCheck } from './resident-id.ts';
import { ResidentIdDict } from '../encode/id-dicts.ts';

const withCheck = (body: string) => body + residentIdCheck(body);
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
// Region, a real birth date, sequence: the shape of a genuine number.
const body17 = fc.tuple(digits(6), fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), digits(3)).map(
  ([region, d, seq]) => `${region}${d.toISOString().slice(0, 10).replace(/-/g, '')}${seq}`,
);

describe('resident ID numbers', () => {
  it('accepts the GB 11643 example and reads birth date, sex and region', () => {
    const id = parseResidentId('11010519491231002x');
    assert.deepEqual(id, { id: '11010519491231002X', valid: true, birth: 19491231, sex: 2, region: '110105', legacy: false });
  });

  it('upgrades a 15-digit legacy number to the same 18-character number', () => {
    const legacy = parseResidentId('110105491231002');
    assert.equal(legacy?.id, '11010519491231002X');
    assert.equal(legacy?.legacy, true);
    assert.equal(legacy?.valid, true);
  });

  it('rejects any single wrong digit and any adjacent transposition of different digits', () => {
    fc.assert(
      fc.property(body17, fc.nat(16), fc.integer({ min: 1, max: 9 }), (body, pos, shift) => {
        const id = withCheck(body);
        assert.equal(parseResidentId(id)?.valid, true);
        const typo = id.slice(0, pos) + String((Number(id[pos]) + shift) % 10) + id.slice(pos + 1);
        assert.equal(parseResidentId(typo)?.valid ?? false, false);
        if (id[pos] !== id[pos + 1] && pos < 16) {
          const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
          assert.equal(parseResidentId(swapped)?.valid ?? false, false);
        }
      }),
    );
  });

  it('compares a checksum-exposed typo or transposition as a typo of the same number, two valid numbers as different', () => {
    const d = new ResidentIdDict();
    const id = withCheck('33010219850307123');
    const typo = `${id.slice(0, 10)}${(Number(id[10]) + 1) % 10}${id.slice(11)}`;
    const swapped = `${id.slice(0, 14)}${id[15]}${id[14]}${id.slice(16)}`;
    const twin = withCheck('33010219850307125');
    const other = withCheck('33010219900101123');
    const v = (s: string) => d.intern(s);
    const level = (a: string, b: string) => d.levels[d.compare(v(a), v(b))];
    assert.equal(level(id, typo), 'checksum_typo');
    assert.equal(level(id, swapped), 'checksum_typo');
    assert.equal(level(id, twin), 'else', 'two valid numbers are two people, even born the same day');
    assert.equal(level(id, other), 'else');
    assert.equal(v(id), v(`${id.slice(0, 6)}${id.slice(8, 17)}`), 'a legacy 15-digit number is the same value');
    assert.equal(d.isValid(v(id)), true);
    assert.equal(d.isValid(v(typo)), false);
  });
});

describe('unified social credit codes', () => {
  it('validates the MOD 31 check character', () => {
    const body = '91350100M000100Y4';
    const code = body + creditCodeCheck(body);
    assert.equal(parseCreditCode(code)?.valid, true);
    assert.equal(parseCreditCode(`${body}${code.endsWith('0') ? '1' : '0'}`)?.valid, false);
    assert.equal(parseCreditCode('123'), null);
  });
});

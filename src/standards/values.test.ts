import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validatePersonName } from './person-name.ts';
import { validateAddress } from './address.ts';
import { textValidator, validateBoolean, validateEmail, validatePostcode } from './generic.ts';
import { numericValidator } from './numeric.ts';
import { validateSex } from './sex.ts';
import { ETHNIC_GROUPS, validateEthnicity } from './ethnicity.ts';
import type { ValidationResult } from './result.ts';

const valueOf = (r: ValidationResult) => (r.ok ? r.value : `invalid: ${r.reason.en}`);
const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));

describe('validatePersonName', () => {
  it('removes spaces inside a Chinese name and unifies the middle dot', () => {
    assert.equal(valueOf(validatePersonName(' 张 三 ')), '张三');
    for (const dot of ['•', '・', '.', '·', '．']) assert.equal(valueOf(validatePersonName(`阿依古丽${dot}买买提`)), '阿依古丽·买买提', dot);
  });

  it('keeps Latin names with single spaces, hyphens and apostrophes', () => {
    assert.equal(valueOf(validatePersonName('  John   Smith ')), 'John Smith');
    assert.equal(valueOf(validatePersonName("Mary-Jane O'Neil")), "Mary-Jane O'Neil");
  });

  it('rejects digits, mixed scripts, stray dots, punctuation and bad lengths', () => {
    assert.match(valueOf(validatePersonName('张3')), /digits/);
    assert.match(valueOf(validatePersonName('张A')), /mix/);
    assert.match(valueOf(validatePersonName('·张三')), /middle dot/);
    assert.match(valueOf(validatePersonName('张三·')), /middle dot/);
    assert.match(valueOf(validatePersonName('王-五')), /invalid character|punctuation/);
    assert.match(valueOf(validatePersonName('张')), /got 1/);
    assert.match(valueOf(validatePersonName('张'.repeat(21))), /got 21/);
  });

  it('accepts every 2–20 character Chinese name, spaced or not', () => {
    fc.assert(fc.property(fc.array(cjk, { minLength: 2, maxLength: 20 }), (chars) => {
      assert.equal(valueOf(validatePersonName(chars.join(' '))), chars.join(''));
    }));
  });
});

describe('validateAddress', () => {
  it('normalises and requires 4–200 characters with some Chinese', () => {
    assert.equal(valueOf(validateAddress('长丰县水湖镇　幸福路１２号')), '长丰县水湖镇 幸福路12号');
    assert.match(valueOf(validateAddress('长丰县')), /got 3/);
    assert.match(valueOf(validateAddress('12 Main Street')), /Chinese/);
    assert.match(valueOf(validateAddress('路'.repeat(201))), /got 201/);
  });
});

describe('generic elements', () => {
  it('maps yes/no words to 1 and 0', () => {
    for (const w of ['是', 'Y', 'yes', 'TRUE', '1']) assert.equal(valueOf(validateBoolean(w)), '1', w);
    for (const w of ['否', 'n', 'No', 'false', '0']) assert.equal(valueOf(validateBoolean(w)), '0', w);
    assert.match(valueOf(validateBoolean('maybe')), /not a boolean/);
  });

  it('checks postcodes and e-mail addresses', () => {
    assert.equal(valueOf(validatePostcode('２３１１３１')), '231131');
    assert.match(valueOf(validatePostcode('23113')), /got 5/);
    assert.equal(valueOf(validateEmail('Zhang.San＠Example.COM')), 'Zhang.San@example.com');
    for (const bad of ['a@b', 'a..b@x.com', '@x.com', 'a@-x.com', 'a b@x.com']) assert.equal(validateEmail(bad).ok, false, bad);
  });

  it('limits text length in characters, not UTF-16 units', () => {
    const v = textValidator({ maxLength: 3 });
    assert.equal(valueOf(v('𠮷𠮷𠮷')), '𠮷𠮷𠮷');
    assert.match(valueOf(v('𠮷𠮷𠮷𠮷')), /got 4/);
  });
});

describe('numericValidator', () => {
  const plain = numericValidator();

  it('accepts separators, signs, exponents and full-width digits', () => {
    assert.equal(valueOf(plain('1,234.50')), '1234.5');
    assert.equal(valueOf(plain('-0012.50')), '-12.5');
    assert.equal(valueOf(plain('1.2E3')), '1200');
    assert.equal(valueOf(plain('1e-3')), '0.001');
    assert.equal(valueOf(plain('－３.０')), '-3');
    assert.equal(valueOf(plain('-0')), '0');
    assert.match(valueOf(plain('1,23')), /thousands separator/);
    assert.match(valueOf(plain('12abc')), /not a valid number/);
  });

  it('enforces precision, scale and integers, and pads amounts', () => {
    assert.match(valueOf(numericValidator({ precision: 5, scale: 2 })('1234.5')), /integer digits/);
    assert.match(valueOf(numericValidator({ scale: 2 })('1.234')), /decimal places/);
    assert.match(valueOf(numericValidator({ integer: true })('1.5')), /integer/);
    assert.equal(valueOf(numericValidator({ scale: 2, padScale: true, currency: true })('￥1,200元')), '1200.00');
  });

  it('agrees with Number on the value and is a fixed point', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), (x) => {
      const r = plain(String(x));
      assert.ok(r.ok, String(x));
      assert.equal(Number(r.value), x === 0 ? 0 : x);
      assert.equal(valueOf(plain(r.value)), r.value);
    }));
  });
});

describe('coded elements', () => {
  it('maps sex words to GB/T 2261.1 codes', () => {
    for (const [w, c] of [['男', '1'], ['Male', '1'], ['m', '1'], ['女', '2'], ['F', '2'], ['female', '2'], ['未知', '0'], ['9', '9']]) {
      assert.equal(valueOf(validateSex(w!)), c, w);
    }
    assert.match(valueOf(validateSex('x')), /not a valid sex/);
  });

  it('maps every ethnic group by code, unpadded code, name and name without 族', () => {
    assert.equal(ETHNIC_GROUPS.length, 58);
    for (const g of ETHNIC_GROUPS) {
      for (const form of [g.code, String(Number(g.code)), g.name, g.name.replace(/族$/, '')]) {
        assert.equal(valueOf(validateEthnicity(form)), g.code, form);
      }
    }
    assert.equal(valueOf(validateEthnicity('维族')), '05');
    assert.match(valueOf(validateEthnicity('火星族')), /GB\/T 3304/);
  });
});

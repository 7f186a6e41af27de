import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateContactPhone, validateLandline, validateMobile } from './phone.ts';

const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const valueOf = (r: ReturnType<typeof validateMobile>) => (r.ok ? r.value : `invalid: ${r.reason.en}`);
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]) => `1${second}${rest}`);
/** Splits a digit string with random separators, as people write numbers. */
const spaced = (s: string) => fc.array(fc.constantFrom('', '', ' ', '-'), { minLength: s.length, maxLength: s.length })
  .map((seps) => s.split('').map((c, i) => (i > 0 ? seps[i]! : '') + c).join(''));

const areaCode = fc.oneof(
  fc.constant('010'),
  fc.integer({ min: 0, max: 9 }).map((d) => `02${d}`),
  fc.tuple(fc.integer({ min: 3, max: 9 }), digits(2)).map(([a, b]) => `0${a}${b}`),
);
const localNumber = fc.tuple(fc.integer({ min: 2, max: 9 }), fc.oneof(digits(6), digits(7))).map(([a, b]) => `${a}${b}`);

describe('validateMobile', () => {
  it('strips +86, 86 and 0086 prefixes, spaces, hyphens and full-width forms', () => {
    for (const raw of ['13800138000', '+86 138-0013-8000', '8613800138000', '0086 13800138000', '１３８００１３８０００', '(+86)138 0013 8000']) {
      assert.equal(valueOf(validateMobile(raw)), '13800138000', raw);
    }
  });

  it('explains a wrong length or prefix', () => {
    assert.match(valueOf(validateMobile('1380013800')), /11 digits, got 10/);
    assert.match(valueOf(validateMobile('12800138000')), /starts with 13-19/);
    assert.match(valueOf(validateMobile('+1 415 555 0100')), /country code/);
  });

  it('round-trips every number in every written form', () => {
    const prefix = fc.constantFrom('', '+86 ', '+86-', '86', '0086 ', '+86');
    const written = mobile.chain((n) => spaced(n).map((w) => [n, w] as const));
    fc.assert(fc.property(written, prefix, fc.boolean(), ([n, w], p, wide) => {
      const raw = wide ? toFullWidth(p + w) : p + w;
      assert.equal(valueOf(validateMobile(raw)), n, raw);
    }));
  });
});

describe('validateLandline', () => {
  it('writes area code and number with a hyphen, and an extension after another', () => {
    assert.equal(valueOf(validateLandline('(0571)8765 4321转8001')), '0571-87654321-8001');
    assert.equal(valueOf(validateLandline('02164123456')), '021-64123456');
    assert.equal(valueOf(validateLandline('+86 10 6512 3456')), '010-65123456');
    assert.equal(valueOf(validateLandline('0571-87654321 ext. 12')), '0571-87654321-12');
  });

  it('requires an area code and a 7-8 digit local number', () => {
    assert.match(valueOf(validateLandline('87654321')), /area code/);
    assert.match(valueOf(validateLandline('0571-123')), /7-8 digits, got 3/);
    assert.match(valueOf(validateLandline('0571-0765432')), /cannot start with 0/);
  });

  it('round-trips every number in every written form', () => {
    const form = fc.constantFrom('hyphen', 'brackets', 'plain', 'intl', 'spaced');
    const ext = fc.option(digits(4), { nil: undefined });
    fc.assert(fc.property(areaCode, localNumber, form, ext, (area, local, f, e) => {
      const canonical = `${area}-${local}${e ? `-${e}` : ''}`;
      const main = f === 'hyphen' ? `${area}-${local}` : f === 'brackets' ? `(${area})${local}` : f === 'plain' ? `${area}${local}`
        : f === 'intl' ? `+86 ${area.slice(1)} ${local}` : `${area} ${local.slice(0, 4)} ${local.slice(4)}`;
      const raw = e ? `${main}转${e}` : main;
      assert.equal(valueOf(validateLandline(raw)), canonical, raw);
      assert.equal(valueOf(validateLandline(canonical)), canonical);
    }));
  });
});

describe('validateContactPhone', () => {
  it('accepts either kind and keeps each canonical form', () => {
    fc.assert(fc.property(mobile, areaCode, localNumber, (m, a, l) => {
      assert.equal(valueOf(validateContactPhone(m)), m);
      assert.equal(valueOf(validateContactPhone(`${a} ${l}`)), `${a}-${l}`);
    }));
  });

  it('gives the reason for the kind of number the value looks like', () => {
    assert.match(valueOf(validateContactPhone('1380013800')), /mobile number has 11 digits/);
    assert.match(valueOf(validateContactPhone('0571-123')), /local number/);
    assert.match(valueOf(validateContactPhone('555-0100')), /neither/);
  });
});

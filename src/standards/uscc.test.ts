import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { USCC_AUTHORITIES, USCC_CHARSET, usccCheckChar, usccParts, validateUscc } from './uscc.ts';
import { orgCodeCheckChar, validateOrgCode } from './org-code.ts';

const codeChar = fc.constantFrom(...USCC_CHARSET.split(''));
const digit = fc.constantFrom(...'0123456789'.split(''));

/** A well-formed USCC: valid authority, type, region digits, org code with its check, MOD 31 check. */
const uscc = fc
  .record({
    authority: fc.constantFrom(...Object.keys(USCC_AUTHORITIES)),
    type: fc.constantFrom(...'123456789'.split('')),
    region: fc.array(digit, { minLength: 6, maxLength: 6 }).map((a) => a.join('')),
    org: fc.array(codeChar, { minLength: 8, maxLength: 8 }).map((a) => a.join('')),
  })
  .map(({ authority, type, region, org }) => {
    const first17 = `${authority}${type}${region}${org}${orgCodeCheckChar(org)}`;
    return first17 + usccCheckChar(first17);
  });

describe('validateUscc', () => {
  it('accepts the published vector 91350100M000100Y43, lower case too', () => {
    assert.deepEqual(validateUscc('91350100M000100Y43'), { ok: true, value: '91350100M000100Y43' });
    assert.deepEqual(validateUscc(' 91350100m000100y43 '), { ok: true, value: '91350100M000100Y43' });
  });

  it('names the expected check character', () => {
    const r = validateUscc('91350100M000100Y44');
    assert.ok(!r.ok && r.reason.en.includes('should be 3'));
  });

  it('explains that I, O, S, V and Z are not code characters', () => {
    const r = validateUscc('9135010OM000100Y43');
    assert.ok(!r.ok && r.reason.en.includes('character 8') && r.reason.zh.includes('I、O、S、V、Z'));
  });

  it('checks the embedded organisation code', () => {
    const bad = '91350100M000100Y5';
    const r = validateUscc(bad + usccCheckChar(bad));
    assert.ok(!r.ok && r.reason.en.includes('organisation code'));
  });

  it('rejects an unknown registration authority', () => {
    const bad = '01350100M000100Y4';
    const r = validateUscc(bad + usccCheckChar(bad));
    assert.ok(!r.ok && r.reason.en.includes('registration authority'));
  });

  it('splits a code into its parts', () => {
    assert.deepEqual(usccParts('91350100M000100Y43'), {
      authority: '9', authorityName: '工商', entityType: '1', regionCode: '350100', orgCode: 'M000100Y-4',
    });
  });

  it('accepts every code built with computed check characters', () => {
    fc.assert(fc.property(uscc, (code) => {
      assert.deepEqual(validateUscc(code), { ok: true, value: code });
      assert.deepEqual(validateUscc(code.toLowerCase()), { ok: true, value: code });
    }));
  });

  it('rejects every single-character substitution', () => {
    fc.assert(fc.property(uscc, fc.nat(17), codeChar, (code, pos, ch) => {
      fc.pre(code[pos] !== ch);
      const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
      assert.equal(validateUscc(changed).ok, false, changed);
    }));
  });
});

describe('validateOrgCode', () => {
  it('accepts the code with or without the hyphen and writes XXXXXXXX-Y', () => {
    assert.deepEqual(validateOrgCode('M000100Y-4'), { ok: true, value: 'M000100Y-4' });
    assert.deepEqual(validateOrgCode('m000100y4'), { ok: true, value: 'M000100Y-4' });
  });

  it('names the expected check character', () => {
    const r = validateOrgCode('M000100Y-5');
    assert.ok(!r.ok && r.reason.en.includes('should be 4'));
  });

  it('accepts computed codes in both spellings and rejects substitutions MOD 11 can detect', () => {
    const body = fc.array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')), { minLength: 8, maxLength: 8 }).map((a) => a.join(''));
    fc.assert(fc.property(body, fc.nat(7), digit, (b, pos, d) => {
      const check = orgCodeCheckChar(b);
      assert.deepEqual(validateOrgCode(`${b}${check}`), { ok: true, value: `${b}-${check}` });
      // MOD 11 over 36 symbols cannot see a change by a multiple of 11 (N=23 for 1), so only others count.
      const value = (c: string) => parseInt(c, 36);
      fc.pre((value(b[pos]!) - value(d)) % 11 !== 0);
      const changed = `${b.slice(0, pos)}${d}${b.slice(pos + 1)}-${check}`;
      assert.equal(validateOrgCode(changed).ok, false, changed);
    }));
  });
});

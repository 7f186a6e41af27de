import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { birthDateFromId, idNumberCheckChar, ID_PROVINCE_CODES, sexFromId, upgradeLegacyId, validateIdNumber } from './id-number.ts';
import { civilFromDays, daysFromCivil, formatYmd } from './date-core.ts';
import { AppError } from '../shared/errors.ts';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const today = new Date();
const lastDay = daysFromCivil(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()) - 1;

/** A 17-digit body with a plausible province and a real birth date between 1900 and yesterday. */
const body17 = fc
  .record({
    province: fc.constantFrom(...ID_PROVINCE_CODES),
    rest: fc.integer({ min: 0, max: 9999 }),
    day: fc.integer({ min: daysFromCivil(1900, 1, 1), max: lastDay }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, rest, day, seq }) => {
    const { y, m, d } = civilFromDays(day);
    return `${province}${pad(rest, 4)}${pad(y, 4)}${pad(m, 2)}${pad(d, 2)}${pad(seq, 3)}`;
  });

describe('validateIdNumber — published vectors', () => {
  it('accepts 34052419800101001X and 11010519491231002X', () => {
    assert.deepEqual(validateIdNumber('34052419800101001X'), { ok: true, value: '34052419800101001X' });
    assert.deepEqual(validateIdNumber('11010519491231002X'), { ok: true, value: '11010519491231002X' });
  });

  it('rejects 110105194912310021 saying the check character should be X', () => {
    const r = validateIdNumber('110105194912310021');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.reason.zh, /校验位应为 X/);
      assert.match(r.reason.en, /check character should be X/);
    }
  });
});

describe('validateIdNumber — normalisation and reasons', () => {
  it('upper-cases x and folds full-width digits and spaces', () => {
    assert.deepEqual(validateIdNumber('１１０１０５ １９４９１２３１ ００２ｘ'), { ok: true, value: '11010519491231002X' });
  });

  it('names the wrong length', () => {
    const r = validateIdNumber('1101051949123100');
    assert.ok(!r.ok && r.reason.en.includes('got 16') && r.reason.zh.includes('16 位'));
  });

  it('names the position of a non-digit', () => {
    const r = validateIdNumber('110105194912A1002X');
    assert.ok(!r.ok && r.reason.en.includes('character 13') && r.reason.zh.includes('第 13 位'));
  });

  it('rejects an unknown province prefix', () => {
    const body = `99${'0105194912310'}02`;
    const r = validateIdNumber(body + idNumberCheckChar(body));
    assert.ok(!r.ok && r.reason.en.includes('province'));
  });

  it('rejects an impossible birth date, one before 1900 and one in the future', () => {
    for (const [date, word] of [['19490230', 'real date'], ['18991231', 'before 1900'], [`${today.getUTCFullYear() + 1}0101`, 'future']] as const) {
      const body = `110105${date}002`;
      const r = validateIdNumber(body + idNumberCheckChar(body));
      assert.ok(!r.ok && r.reason.en.includes(word), `${date}: ${JSON.stringify(r)}`);
    }
  });

  it('notes a Hong Kong, Macao or Taiwan residence permit number', () => {
    const body = '81000019900101002';
    const r = validateIdNumber(body + idNumberCheckChar(body));
    assert.ok(r.ok && r.notes?.some((n) => n.includes('residence permit')));
  });

  it('upgrades a 15-digit legacy number with a note', () => {
    const r = validateIdNumber('340524800101001');
    assert.ok(r.ok);
    assert.equal(r.value, '34052419800101001X');
    assert.equal(r.notes?.length, 1);
    assert.equal(upgradeLegacyId('340524800101001'), '34052419800101001X');
  });
});

describe('validateIdNumber — properties', () => {
  it('accepts every body with its computed check character', () => {
    fc.assert(fc.property(body17, (b) => {
      const id = b + idNumberCheckChar(b);
      const r = validateIdNumber(id);
      assert.ok(r.ok && r.value === id, JSON.stringify(r));
    }));
  });

  it('rejects any single changed digit', () => {
    fc.assert(fc.property(body17, fc.nat(17), fc.integer({ min: 1, max: 9 }), (b, pos, delta) => {
      const id = b + idNumberCheckChar(b);
      const old = id[pos] === 'X' ? 10 : Number(id[pos]);
      const next = (old + delta) % 10;
      fc.pre(!(pos === 17 && old === 10 && next === 0) && next !== old);
      const changed = id.slice(0, pos) + String(next) + id.slice(pos + 1);
      assert.equal(validateIdNumber(changed).ok, false, changed);
    }));
  });

  it('rejects any swap of two adjacent different digits', () => {
    fc.assert(fc.property(body17, fc.nat(16), (b, pos) => {
      const id = b + idNumberCheckChar(b);
      fc.pre(id[pos] !== id[pos + 1] && id[pos + 1] !== 'X');
      const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
      assert.equal(validateIdNumber(swapped).ok, false, swapped);
    }));
  });

  it('reads back the birth date and the sex from the number', () => {
    fc.assert(fc.property(body17, (b) => {
      const id = b + idNumberCheckChar(b);
      assert.equal(birthDateFromId(id), formatYmd(Number(b.slice(6, 10)), Number(b.slice(10, 12)), Number(b.slice(12, 14))));
      assert.equal(sexFromId(id), Number(b[16]) % 2 === 1 ? '1' : '2');
    }));
  });

  it('upgrades every valid 15-digit number to an 18-digit one with the same date', () => {
    const legacy = body17.filter((b) => b.slice(6, 8) === '19').map((b) => b.slice(0, 6) + b.slice(8, 17));
    fc.assert(fc.property(legacy, (l) => {
      const r = validateIdNumber(l);
      assert.ok(r.ok);
      assert.equal(r.value.length, 18);
      assert.equal(birthDateFromId(r.value), birthDateFromId(l));
    }));
  });
});

describe('idNumberCheckChar', () => {
  it('throws invalid_input for anything but 17 digits', () => {
    assert.throws(() => idNumberCheckChar('1234'), (e) => e instanceof AppError && e.code === 'invalid_input');
    assert.throws(() => idNumberCheckChar('1101051949123100X'), AppError);
  });
});

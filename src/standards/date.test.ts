import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AMBIGUOUS_FROM, AMBIGUOUS_TO, validateBirthDate, validateDate, validateDateTime } from './date.ts';
import { civilFromDays, daysFromCivil, daysInMonth, excelSerialToYmd, formatYmd, ymdToExcelSerial } from './date-core.ts';

const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const valueOf = (raw: string) => {
  const r = validateDate(raw);
  return r.ok ? r.value : `invalid: ${r.reason.en}`;
};

// Every date whose Excel serial has at most five digits (1900-01-01 .. 2173-10-13 = 99999).
const day = fc.integer({ min: daysFromCivil(1900, 1, 1), max: daysFromCivil(2173, 10, 13) }).map(civilFromDays);

describe('validateDate — formats', () => {
  it('accepts the usual spellings of 1990-03-07', () => {
    for (const raw of ['1990-03-07', '1990/3/7', '1990.3.7', '1990年3月7日', '1990 年 3 月 7 日', '1990年03月07号', '19900307', '１９９０－０３－０７', '32939']) {
      assert.equal(valueOf(raw), '1990-03-07', raw);
    }
  });

  it('handles the Excel 1900 leap-year bug', () => {
    assert.equal(valueOf('25569'), '1970-01-01');
    assert.equal(valueOf('1'), '1900-01-01');
    assert.equal(valueOf('59'), '1900-02-28');
    assert.equal(valueOf('61'), '1900-03-01');
    const r = validateDate('60');
    assert.ok(!r.ok && r.reason.en.includes('1900-02-29'));
    assert.equal(validateDate('0').ok, false);
  });

  it('refuses a bare year, which could also be read as an Excel serial', () => {
    for (const raw of ['1990', '2024.3']) {
      const r = validateDate(raw);
      assert.ok(!r.ok && r.reason.en.includes('looks like a year'), raw);
    }
    const just = excelSerialToYmd(AMBIGUOUS_FROM - 1)!;
    assert.equal(valueOf(String(AMBIGUOUS_FROM - 1)), formatYmd(just.y, just.m, just.d));
  });

  it('notes an Excel serial conversion and a dropped time', () => {
    const r = validateDate('25569.75');
    assert.ok(r.ok && r.value === '1970-01-01' && r.notes?.length === 2);
  });

  it('rejects impossible and ambiguous dates with a reason', () => {
    for (const raw of ['2023-02-29', '1990-13-01', '1990-04-31', '03/07/1990', '1990-3', 'yesterday', '0999-01-01']) {
      const r = validateDate(raw);
      assert.ok(!r.ok && r.reason.zh.length > 0 && r.reason.en.length > 0, raw);
    }
  });
});

describe('validateDate — properties', () => {
  it('round-trips every date through every accepted format', () => {
    fc.assert(fc.property(day, ({ y, m, d }) => {
      const iso = formatYmd(y, m, d);
      const serial = ymdToExcelSerial(y, m, d);
      const formats = [
        iso, `${y}/${m}/${d}`, `${y}.${m}.${d}`, `${y}年${m}月${d}日`, iso.replace(/-/g, ''),
        toFullWidth(iso), ` ${y}/${String(m).padStart(2, '0')}/${d} `,
        // Serials that read as years are refused on purpose (tested below).
        ...(serial >= AMBIGUOUS_FROM && serial <= AMBIGUOUS_TO ? [] : [String(serial)]),
      ];
      for (const f of formats) assert.equal(valueOf(f), iso, f);
    }));
  });

  it('maps Excel serials and dates one-to-one', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99999 }).filter((n) => n !== 60), (serial) => {
      const ymd = excelSerialToYmd(serial)!;
      assert.equal(ymdToExcelSerial(ymd.y, ymd.m, ymd.d), serial);
    }));
  });

  it('rejects the day after the last day of any month', () => {
    fc.assert(fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
      const raw = `${y}-${m}-${daysInMonth(y, m) + 1}`;
      assert.equal(validateDate(raw).ok, false, raw);
    }));
  });
});

describe('validateBirthDate', () => {
  it('rejects a date in the future and one before 1900', () => {
    const next = new Date().getUTCFullYear() + 1;
    assert.ok(!validateBirthDate(`${next}-01-01`).ok);
    assert.ok(!validateBirthDate('1899-12-31').ok);
    assert.equal(valueOf('1949-10-01'), '1949-10-01');
  });
});

describe('validateDateTime', () => {
  const dt = (raw: string) => {
    const r = validateDateTime(raw);
    return r.ok ? r.value : `invalid: ${r.reason.en}`;
  };

  it('accepts ISO 8601 and the space form, converting offsets to Beijing time', () => {
    assert.equal(dt('2024-03-07 14:30:00'), '2024-03-07 14:30:00');
    assert.equal(dt('2024-03-07T14:30:00+08:00'), '2024-03-07 14:30:00');
    assert.equal(dt('2024-03-07T06:30:00Z'), '2024-03-07 14:30:00');
    assert.equal(dt('2024-12-31T20:00:00-08:00'), '2025-01-01 12:00:00');
    assert.equal(dt('2024年3月7日 14时30分'), '2024-03-07 14:30:00');
    assert.equal(dt('45000.5'), '2023-03-15 12:00:00');
  });

  it('rejects a time that does not exist', () => {
    assert.match(dt('2024-03-07 24:00:00'), /does not exist/);
    assert.match(dt('2024-03-07 12:60'), /does not exist/);
    assert.match(dt('2024-03-07 12'), /invalid/);
  });

  it('agrees with Date on UTC instants', () => {
    const instant = fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(2200, 0, 1) }).map((ms) => Math.floor(ms / 1000) * 1000);
    fc.assert(fc.property(instant, (ms) => {
      const iso = new Date(ms).toISOString().replace('.000Z', 'Z');
      const beijing = new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
      assert.equal(dt(iso), beijing);
      assert.equal(dt(beijing), beijing);
    }));
  });
});

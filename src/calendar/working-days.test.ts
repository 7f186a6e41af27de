import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { endOfLocalDay, localDate, workingCalendar } from './working-days.ts';

describe('working days', () => {
  it('skips weekends and county holidays and counts make-up workdays', () => {
    // 2026-10-01 (Thu) … National Day holidays; Sunday 2026-10-11 a make-up workday in this test calendar.
    const cal = workingCalendar(new Map([['2026-10-01', 'holiday'], ['2026-10-02', 'holiday'], ['2026-10-05', 'holiday'], ['2026-10-11', 'workday']] as const));
    assert.equal(cal.addWorkingDays('2026-09-30', 1), '2026-10-06');
    assert.equal(cal.addWorkingDays('2026-10-09', 1), '2026-10-11');
    assert.equal(cal.addWorkingDays('2026-11-02', 5), '2026-11-09', 'Monday + 5 working days is next Monday');
    assert.equal(cal.addWorkingDays('2026-11-06', 0), '2026-11-06');
  });

  it('agrees with workingDaysBetween for any start and count', () => {
    const cal = workingCalendar(new Map([['2026-05-01', 'holiday'], ['2026-05-09', 'workday']] as const));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 30 }), (offset, n) => {
        const start = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const end = cal.addWorkingDays(start, n);
        assert.equal(cal.workingDaysBetween(start, end), n);
        assert.ok(n === 0 || cal.isWorkingDay(end), 'a deadline falls on a working day');
      }),
    );
  });

  it('uses China time for the local date and ends a deadline at local midnight', () => {
    assert.equal(localDate(new Date('2026-11-01T17:00:00Z')), '2026-11-02');
    assert.equal(endOfLocalDay('2026-11-09'), '2026-11-09T15:59:59.999Z');
  });
});

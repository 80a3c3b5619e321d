// Delivery calendars: month ends, leap days, year ends, and moving a delivery.
import { describe, expect, it } from 'vitest';
import { addDays, addMonthsClamped, isCalendarDate, rescheduleDates, rescheduleError, scheduleDates } from './schedule.ts';

describe('isCalendarDate', () => {
  it('accepts only days that exist', () => {
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2027-04-31')).toBe(false);
    expect(isCalendarDate('2027-12-31')).toBe(true);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('2027-00-10')).toBe(false);
    expect(isCalendarDate('2027-01-00')).toBe(false);
  });
  it('accepts only the strict YYYY-MM-DD shape', () => {
    expect(isCalendarDate('2027-1-05')).toBe(false);
    expect(isCalendarDate('2027-01-05T00:00')).toBe(false);
    expect(isCalendarDate(' 2027-01-05')).toBe(false);
    expect(isCalendarDate('2027/01/05')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2027-01-06', 30)).toBe('2027-02-05');
    expect(addDays('2027-01-06', 0)).toBe('2027-01-06');
  });
  it('rejects invalid dates and fractional days', () => {
    expect(() => addDays('2027-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2027-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('addMonthsClamped', () => {
  it('clamps to the last day of shorter months without losing the anchor day', () => {
    expect(addMonthsClamped('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonthsClamped('2027-01-31', 2)).toBe('2027-03-31');
    expect(addMonthsClamped('2027-01-31', 3)).toBe('2027-04-30');
    expect(addMonthsClamped('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonthsClamped('2027-11-15', 2)).toBe('2028-01-15');
  });
  it('keeps a leap-day anchor on the 29th only in leap years', () => {
    expect(addMonthsClamped('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonthsClamped('2028-02-29', 48)).toBe('2032-02-29');
    expect(addMonthsClamped('2027-01-29', 13)).toBe('2028-02-29');
  });
});

describe('scheduleDates', () => {
  it('anchors monthly deliveries on the first day-of-month, so Jan 31 does not drift to the 28th', () => {
    expect(scheduleDates('2027-01-31', 'monthly', 4)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
  });
  it('returns a leap-day anchor to the 29th a month later and clamps in a common year', () => {
    const dates = scheduleDates('2028-02-29', 'monthly', 13);
    expect(dates[1]).toBe('2028-03-29');
    expect(dates[12]).toBe('2029-02-28');
  });
  it('runs 36 monthly deliveries from 2027-01-05 to 2029-12-05', () => {
    const dates = scheduleDates('2027-01-05', 'monthly', 36);
    expect(dates.length).toBe(36);
    expect(dates[0]).toBe('2027-01-05');
    expect(dates[12]).toBe('2028-01-05');
    expect(dates[35]).toBe('2029-12-05');
    expect(dates.every((d) => d.endsWith('-05'))).toBe(true);
  });
  it('steps weekly deliveries by 7 days across a year end', () => {
    expect(scheduleDates('2027-12-20', 'weekly', 4)).toEqual(['2027-12-20', '2027-12-27', '2028-01-03', '2028-01-10']);
  });
  it('gives a once contract its single date', () => {
    expect(scheduleDates('2027-06-01', 'once', 1)).toEqual(['2027-06-01']);
    expect(() => scheduleDates('2027-06-01', 'once', 2)).toThrow(RangeError);
  });
  it('bounds periods to 1–120 and rejects invalid dates', () => {
    expect(scheduleDates('2027-01-05', 'monthly', 120).at(-1)).toBe('2036-12-05');
    expect(() => scheduleDates('2027-01-05', 'monthly', 0)).toThrow(RangeError);
    expect(() => scheduleDates('2027-01-05', 'monthly', 121)).toThrow(RangeError);
    expect(() => scheduleDates('2027-01-05', 'weekly', 2.5)).toThrow(RangeError);
    expect(() => scheduleDates('2027-02-29', 'weekly', 2)).toThrow(RangeError);
  });
});

describe('rescheduleDates', () => {
  const dates = scheduleDates('2027-01-05', 'monthly', 4);

  it('moves only the one delivery when not following', () => {
    expect(rescheduleDates(dates, 1, '2027-02-10', 'monthly', false)).toEqual(['2027-01-05', '2027-02-10', '2027-03-05', '2027-04-05']);
    expect(dates).toEqual(['2027-01-05', '2027-02-05', '2027-03-05', '2027-04-05']);
  });
  it('regenerates every later delivery from the new date when following', () => {
    expect(rescheduleDates(dates, 1, '2027-02-10', 'monthly', true)).toEqual(['2027-01-05', '2027-02-10', '2027-03-10', '2027-04-10']);
  });
  it('anchors the regenerated months on the new day-of-month, clamping at month ends', () => {
    expect(rescheduleDates(dates, 1, '2027-01-31', 'monthly', true)).toEqual(['2027-01-05', '2027-01-31', '2027-02-28', '2027-03-31']);
  });
  it('keeps the weekly step when following', () => {
    const weekly = scheduleDates('2027-12-20', 'weekly', 3);
    expect(rescheduleDates(weekly, 0, '2027-12-29', 'weekly', true)).toEqual(['2027-12-29', '2028-01-05', '2028-01-12']);
  });
  it('rejects an index outside the schedule and an invalid date', () => {
    expect(() => rescheduleDates(dates, 4, '2027-06-01', 'monthly', false)).toThrow(RangeError);
    expect(() => rescheduleDates(dates, -1, '2027-06-01', 'monthly', false)).toThrow(RangeError);
    expect(() => rescheduleDates(dates, 1, '2027-02-30', 'monthly', false)).toThrow(RangeError);
  });
});

describe('rescheduleError', () => {
  const base = { today: '2027-02-01', shipped: false, previous: '2027-01-05', next: '2027-03-05', following: false };

  it('accepts a date strictly between its neighbours, today included', () => {
    expect(rescheduleError({ ...base, newDate: '2027-02-10' })).toBe(null);
    expect(rescheduleError({ ...base, newDate: '2027-02-01' })).toBe(null);
    expect(rescheduleError({ ...base, previous: null, next: undefined, newDate: '2030-01-01' })).toBe(null);
  });
  it('refuses a delivery that has shipped, before looking at the date', () => {
    expect(rescheduleError({ ...base, shipped: true, newDate: 'nonsense' })).toBe('delivery_shipped');
  });
  it('refuses a date that does not exist', () => {
    expect(rescheduleError({ ...base, newDate: '2027-02-29' })).toBe('date_invalid');
    expect(rescheduleError({ ...base, newDate: '' })).toBe('date_invalid');
  });
  it('refuses a date before today', () => {
    expect(rescheduleError({ ...base, newDate: '2027-01-31' })).toBe('date_past');
  });
  it('refuses a date on or beyond either neighbour when moving alone', () => {
    expect(rescheduleError({ ...base, today: '2027-01-01', newDate: '2027-01-05' })).toBe('date_order');
    expect(rescheduleError({ ...base, newDate: '2027-03-05' })).toBe('date_order');
    expect(rescheduleError({ ...base, newDate: '2027-03-06' })).toBe('date_order');
  });
  it('with following, checks only the previous delivery', () => {
    expect(rescheduleError({ ...base, following: true, newDate: '2027-04-20' })).toBe(null);
    expect(rescheduleError({ ...base, following: true, today: '2027-01-01', newDate: '2027-01-05' })).toBe('date_order');
  });
});

import { describe, expect, it } from 'vitest';
import { formatMonthDay, nextMonthDay, shanghaiDate } from './dates.ts';

describe('shanghaiDate', () => {
  it('uses the Asia/Shanghai calendar day, not UTC', () => {
    expect(shanghaiDate(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(shanghaiDate(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
    // Asked again around the same midnight, in either order (the last day is remembered).
    expect(shanghaiDate(new Date('2026-11-23T15:59:59.999Z'))).toBe('2026-11-23');
    expect(shanghaiDate(new Date('2026-11-24T15:59:59.999Z'))).toBe('2026-11-24');
    expect(shanghaiDate(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
    expect(shanghaiDate(new Date('2026-11-23T00:00:00Z'))).toBe('2026-11-23');
  });
});

describe('nextMonthDay', () => {
  it('gives this year when the date is still ahead, else next year', () => {
    expect(nextMonthDay('12-01', '2026-11-23')).toBe('2026-12-01');
    expect(nextMonthDay('07-10', '2026-11-23')).toBe('2027-07-10');
    expect(nextMonthDay('11-23', '2026-11-23')).toBe('2026-11-23');
  });
  it('rejects malformed input', () => {
    expect(() => nextMonthDay('7-10', '2026-11-23')).toThrow();
  });
});

describe('formatMonthDay', () => {
  it('writes Chinese and English dates', () => {
    expect(formatMonthDay('2027-07-10', 'zh')).toBe('7月10日');
    expect(formatMonthDay('2027-07-10', 'en')).toBe('10 Jul');
  });
});

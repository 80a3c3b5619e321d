import { describe, expect, it } from 'vitest';
import { formatFen, gramsToJinLabel, pricePerJinFen } from './money.ts';

describe('formatFen', () => {
  it('formats integer fen as yuan with two decimals and grouping', () => {
    expect(formatFen(3980)).toBe('¥39.80');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(1_900_000_00)).toBe('¥1,900,000.00');
    expect(formatFen(-1250)).toBe('-¥12.50');
  });
  it('formats bigint sums beyond the float range exactly', () => {
    expect(formatFen(12345678901234567n)).toBe('¥123,456,789,012,345.67');
    expect(formatFen(-100n)).toBe('-¥1.00');
    expect(formatFen('123456789012345' as unknown as bigint)).toBe('¥1,234,567,890,123.45');
  });
  it('refuses a fraction of a fen instead of rounding it', () => {
    expect(() => formatFen(12.5)).toThrow(RangeError);
    expect(() => formatFen(Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
    expect(() => formatFen(null as unknown as number)).toThrow(RangeError);
    expect(() => formatFen('1e3' as unknown as number)).toThrow(RangeError);
  });
});

describe('pricePerJinFen', () => {
  it('divides by the weight in 斤 and rounds half up to the fen', () => {
    expect(pricePerJinFen(3980, 2500)).toBe(796); // 5斤 box at ¥39.80 → ¥7.96/斤
    expect(pricePerJinFen(1000, 1500)).toBe(333); // 333.33…
    expect(pricePerJinFen(1001, 2000)).toBe(250); // 250.25
    expect(pricePerJinFen(1002, 2000)).toBe(251); // 250.5 rounds up
  });
  it('is null when the weight is unknown', () => {
    expect(pricePerJinFen(1500, null)).toBeNull();
    expect(pricePerJinFen(1500, 0)).toBeNull();
  });
});

describe('gramsToJinLabel', () => {
  it('shows whole and half 斤', () => {
    expect(gramsToJinLabel(2500)).toBe('5');
    expect(gramsToJinLabel(1250)).toBe('2.5');
    expect(gramsToJinLabel(500)).toBe('1');
  });
});

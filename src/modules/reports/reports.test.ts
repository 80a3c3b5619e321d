// Periods on Shanghai days, summary-style numbers and the drafted paragraph.
import { describe, expect, it } from 'vitest';
import { jin, percent, wan, yuan } from './format.ts';
import { elapsedShare, monthsOf, parsePeriod, periodLabel, sameTimeLastYear, shanghaiMidnight, splitPeriod } from './periods.ts';
import { unitParagraph, villageParagraph } from './paragraph.ts';

describe('periods', () => {
  it('reads years, halves, quarters, months and custom dates', () => {
    expect(parsePeriod('2024')).toMatchObject({ kind: 'year', from: '2024-01-01', until: '2025-01-01' });
    expect(parsePeriod('2024-H1')).toMatchObject({ from: '2024-01-01', until: '2024-07-01' });
    expect(parsePeriod('2024-H2')).toMatchObject({ from: '2024-07-01', until: '2025-01-01' });
    expect(parsePeriod('2024-Q4')).toMatchObject({ from: '2024-10-01', until: '2025-01-01' });
    expect(parsePeriod('2024-02')).toMatchObject({ from: '2024-02-01', until: '2024-03-01' });
    expect(parsePeriod('2024-02-10~2024-02-29')).toMatchObject({ kind: 'custom', from: '2024-02-10', until: '2024-03-01' });
    for (const bad of ['2023-02-29~2023-03-01', '2024-13', '2024-Q5', '2024-H3', '2024-03-10~2024-03-01', '1999', '2020-01-01~2026-01-01', "2024' or 1=1", ''])
      expect(parsePeriod(bad)).toBeNull();
  });
  it('starts each day at Shanghai midnight (16:00 UTC the day before)', () => {
    expect(shanghaiMidnight('2024-01-01').toISOString()).toBe('2023-12-31T16:00:00.000Z');
  });
  it('compares with the same time last year, leap days included', () => {
    expect(sameTimeLastYear(parsePeriod('2024-H1')!).key).toBe('2023-H1');
    expect(sameTimeLastYear(parsePeriod('2024-02-01~2024-02-29')!)).toMatchObject({ from: '2023-02-01', until: '2023-03-01' });
  });
  it('lists months and splits custom ranges into whole months and edge days', () => {
    expect(monthsOf(parsePeriod('2024-Q3')!)).toEqual(['2024-07-01', '2024-08-01', '2024-09-01']);
    expect(splitPeriod(parsePeriod('2024-01-15~2024-04-10')!)).toEqual({
      months: ['2024-02-01', '2024-04-01'],
      edges: [
        ['2024-01-15', '2024-02-01'],
        ['2024-04-01', '2024-04-11'],
      ],
    });
    expect(splitPeriod(parsePeriod('2024-01-15~2024-01-20')!)).toEqual({ months: null, edges: [['2024-01-15', '2024-01-21']] });
    expect(splitPeriod(parsePeriod('2024')!)).toEqual({ months: ['2024-01-01', '2025-01-01'], edges: [] });
  });
  it('knows how much of a year has passed, 366 days in a leap year', () => {
    expect(elapsedShare(parsePeriod('2024')!, '2024-12-31')).toEqual({ elapsed: 366, total: 366 });
    expect(elapsedShare(parsePeriod('2025')!, '2025-07-02')).toEqual({ elapsed: 183, total: 365 });
    expect(elapsedShare(parsePeriod('2025')!, '2024-07-02')).toEqual({ elapsed: 0, total: 365 });
  });
  it('names periods as summaries do', () => {
    expect(periodLabel(parsePeriod('2024-H1')!, 'zh')).toBe('2024年上半年');
    expect(periodLabel(parsePeriod('2024-Q3')!, 'zh')).toBe('2024年第三季度');
    expect(periodLabel(parsePeriod('2024-11')!, 'zh')).toBe('2024年11月');
    expect(periodLabel(parsePeriod('2024-H2')!, 'en')).toBe('Second half of 2024');
  });
});

describe('numbers', () => {
  it('writes 万元 with two decimals, rounding half up, exactly', () => {
    expect(wan(4_470_000n)).toBe('4.47');
    expect(wan(4_474_999n)).toBe('4.47');
    expect(wan(4_475_000n)).toBe('4.48');
    expect(wan(19_000_000n)).toBe('19.00'); // the 3-year broom contract: 19万元
    expect(wan(-15_000n)).toBe('-0.02');
    expect(wan(9_007_199_254_740_993_000n)).toBe('9007199254740.99'); // beyond Number.MAX_SAFE_INTEGER 分, still exact;
  });
  it('writes 元, 斤 and percentages', () => {
    expect(yuan(123_456n)).toBe('1234.56');
    expect(yuan(-5n)).toBe('-0.05');
    expect(jin(2_500_000n)).toBe('5000');
    expect(jin(1_250n)).toBe('2.5');
    expect(percent(1n, 8n)).toBe('12.5');
    expect(percent(1n, 0n)).toBeNull();
  });
});

describe('the paragraph', () => {
  it('drafts a unit’s summary sentence from its figures', () => {
    expect(
      unitParagraph({
        periodLabel: '2023年',
        unit: '县XX局',
        villages: ['XX村'],
        products: ['鸡蛋', '花生', '绿豆', '家禽'],
        unitPurchase: 0n,
        staffPurchase: 4_470_000n,
        brokered: [{ name: '鲜桃', amount: 0n, grams: 2_500_000n }],
      }),
    ).toBe('2023年，县XX局组织帮扶责任人通过平台购买XX村鸡蛋、花生、绿豆、家禽等农副产品，直接消费帮扶采购共计4.47万元；帮助销售鲜桃5000斤。');
  });
  it('drafts a village’s, splitting channels and counting households', () => {
    const text = villageParagraph({
      periodLabel: '2026年上半年',
      village: '桃花峪村',
      total: 3_120_000n,
      byChannel: { personal: 1_000_000n, unit_purchase: 2_000_000n, staff_purchase: 0n, brokered: 120_000n },
      products: [
        { name: '蒙阴脆桃', amount: 2_500_000n, grams: 0n },
        { name: '荆条蜂蜜', amount: 500_000n, grams: 0n },
      ],
      brokered: [{ name: '鲜桃', amount: 120_000n, grams: 500_000n }],
      households: { households: 12, lifted: 5 },
    });
    expect(text).toBe(
      '2026年上半年，通过帮扶集市平台销售桃花峪村蒙阴脆桃、荆条蜂蜜农产品共计3.00万元，其中个人消费1.00万元、帮扶单位采购2.00万元；帮助销售鲜桃1000斤，带动12户农户增收，其中脱贫户5户。',
    );
    expect(
      villageParagraph({
        periodLabel: '2026年',
        village: '某村',
        total: 0n,
        byChannel: { personal: 0n, unit_purchase: 0n, staff_purchase: 0n, brokered: 0n },
        products: [],
        brokered: [],
        households: { households: 0, lifted: 0 },
      }),
    ).toBe('2026年，某村暂无通过平台销售的记录。');
  });
});

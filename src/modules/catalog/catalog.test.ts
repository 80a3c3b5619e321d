import { describe, expect, it } from 'vitest';
import { escapeLike, isPresale, maskName, pageCount, parseProductQuery, productQueryString, publicProducerName, unitPriceFen } from './catalog.ts';

describe('maskName', () => {
  it('keeps the surname and masks the given name', () => {
    expect(maskName('张守义')).toBe('张某某');
    expect(maskName('李芳')).toBe('李某');
    expect(maskName('欧阳明月')).toBe('欧阳某某');
    expect(maskName('王')).toBe('王某');
  });
  it('never reveals the given name', () => {
    for (const name of ['张守义', '李芳', '欧阳明月', '司马相如', '赵一二三四']) {
      expect(maskName(name).replace(/^(欧阳|司马|.)/u, '')).toMatch(/^某{1,2}$/u);
    }
  });
});

describe('publicProducerName', () => {
  it('masks households and shows organisations in full', () => {
    expect(publicProducerName({ kind: 'household', name: '张守义', nameEn: null }, 'en')).toBe('张某某');
    expect(publicProducerName({ kind: 'cooperative', name: '桃源合作社', nameEn: 'Taoyuan Co-op' }, 'en')).toBe('Taoyuan Co-op');
    expect(publicProducerName({ kind: 'cooperative', name: '桃源合作社', nameEn: 'Taoyuan Co-op' }, 'zh')).toBe('桃源合作社');
  });
});

describe('unitPriceFen', () => {
  const tiers = [
    { minQuantity: 100, priceFen: 1800 },
    { minQuantity: 1000, priceFen: 1600 },
  ];
  it('applies the highest tier reached', () => {
    expect(unitPriceFen(2000, tiers, 1)).toBe(2000);
    expect(unitPriceFen(2000, tiers, 99)).toBe(2000);
    expect(unitPriceFen(2000, tiers, 100)).toBe(1800);
    expect(unitPriceFen(2000, tiers, 999)).toBe(1800);
    expect(unitPriceFen(2000, tiers, 1000)).toBe(1600);
    expect(unitPriceFen(2000, [...tiers].reverse(), 5000)).toBe(1600);
  });
});

describe('isPresale', () => {
  it('is a pre-sale only before the ship-from date', () => {
    expect(isPresale('2027-07-10', '2026-11-23')).toBe(true);
    expect(isPresale('2026-11-23', '2026-11-23')).toBe(false);
    expect(isPresale(null, '2026-11-23')).toBe(false);
  });
});

describe('parseProductQuery', () => {
  it('reads filters from the query string', () => {
    const q = parseProductQuery(new URLSearchParams('q=+桃++&category=fresh-fruit&inStock=1&presale=on&sort=price_asc&page=2'));
    expect(q).toEqual({ q: '桃', category: 'fresh-fruit', inStock: true, presale: true, sort: 'price_asc', page: 2 });
  });
  it('falls back to defaults on hostile or malformed values instead of failing', () => {
    const q = parseProductQuery(new URLSearchParams({ page: '-3', sort: 'drop table', category: "x' OR 1=1--", q: 'a'.repeat(500), inStock: 'maybe' }));
    expect(q.page).toBe(1);
    expect(q.sort).toBe('recommended');
    expect(q.category).toBeUndefined();
    expect(q.q).toHaveLength(50);
    expect(q.inStock).toBe(false);
    expect(parseProductQuery(new URLSearchParams('page=abc')).page).toBe(1);
    expect(parseProductQuery(new URLSearchParams({ q: '桃\u0000\ud800', province: '\u0000' }))).toMatchObject({ q: '桃\ufffd', province: undefined });
  });
  it('round-trips through productQueryString', () => {
    const q = parseProductQuery(new URLSearchParams('q=茶&province=湖北省&sort=newest&page=3'));
    expect(parseProductQuery(new URLSearchParams(productQueryString(q).slice(1)))).toEqual(q);
    expect(productQueryString({ sort: 'recommended', page: 1 })).toBe('');
  });
});

describe('helpers', () => {
  it('escapes LIKE wildcards', () => {
    expect(escapeLike('100%_\\')).toBe('100\\%\\_\\\\');
  });
  it('counts pages, at least one', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(12)).toBe(1);
    expect(pageCount(13)).toBe(2);
  });
});

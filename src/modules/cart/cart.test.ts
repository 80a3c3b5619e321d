import { describe, expect, it } from 'vitest';
import { AddToCartSchema, priceLine, summarise, type CartLineFacts } from './cart.ts';

const line = (over: Partial<CartLineFacts> = {}): CartLineFacts => ({
  variantId: 1,
  quantity: 1,
  priceFen: 2000,
  tiers: [],
  stock: 100,
  minQuantity: 1,
  presaleShipsFrom: null,
  available: true,
  villageId: 1,
  ...over,
});
const today = '2026-11-23';

describe('cart lines', () => {
  it('price with the tier reached, as exact integers', () => {
    const tiers = [
      { minQuantity: 100, priceFen: 1200 },
      { minQuantity: 1000, priceFen: 880 },
    ];
    expect(priceLine(line({ quantity: 99, tiers, stock: 5000 }), today)).toMatchObject({ unitPriceFen: 2000, totalFen: 198000n });
    expect(priceLine(line({ quantity: 100, tiers, stock: 5000 }), today)).toMatchObject({ unitPriceFen: 1200, totalFen: 120000n });
    expect(priceLine(line({ quantity: 1000, tiers, stock: 5000 }), today)).toMatchObject({ unitPriceFen: 880, totalFen: 880000n });
  });

  it('name what stops a line: stock, minimum, availability', () => {
    expect(priceLine(line({ quantity: 101 }), today).problem).toBe('insufficient_stock');
    expect(priceLine(line({ quantity: 5, minQuantity: 10 }), today).problem).toBe('below_minimum');
    expect(priceLine(line({ available: false }), today).problem).toBe('unavailable');
    expect(priceLine(line({ presaleShipsFrom: '2027-07-10' }), today)).toMatchObject({ presale: true, problem: null });
  });

  it('group by village with bigint sub-totals that add up to the total', () => {
    const s = summarise(
      [
        line({ villageId: 1, quantity: 3, priceFen: 3980 }),
        line({ variantId: 2, villageId: 2, quantity: 2, priceFen: 680 }),
        line({ variantId: 3, villageId: 1, quantity: 1, priceFen: 1 }),
      ],
      today,
    );
    expect(s.groups.map((g) => [g.villageId, g.subtotalFen])).toEqual([
      [1, 11941n],
      [2, 1360n],
    ]);
    expect(s.totalFen).toBe(13301n);
    expect(s.units).toBe(6);
  });

  it('refuse bad quantities with a message key', () => {
    for (const q of ['0', '-1', '1.5', 'abc', '10000', '']) {
      const r = AddToCartSchema.safeParse({ variantId: '1', quantity: q });
      expect(r.success, q).toBe(false);
      expect(r.error!.issues[0].message, q).toBe('quantity_invalid');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { categories, villages } from './data.ts';

describe('demo catalogue', () => {
  it('never names a household outside its private name field', () => {
    for (const village of villages) {
      const households = village.producers.filter((p) => p.kind === 'household');
      const publicText = JSON.stringify({ ...village, producers: village.producers.map(({ name: _n, ...rest }) => rest) });
      for (const h of households) expect(publicText.includes(h.name), `${h.name} in ${village.slug}`).toBe(false);
    }
  });

  it('is consistent: unique slugs and SKUs, known producers and categories, integer prices', () => {
    const slugs = new Set<string>();
    const skus = new Set<string>();
    const categorySlugs = new Set(categories.map((c) => c.slug));
    for (const village of villages) {
      const keys = new Set(village.producers.map((p) => p.key));
      for (const product of village.products) {
        expect(slugs.has(product.slug), product.slug).toBe(false);
        slugs.add(product.slug);
        expect(keys.has(product.producer), product.slug).toBe(true);
        expect(categorySlugs.has(product.category), product.slug).toBe(true);
        for (const v of product.variants) {
          expect(skus.has(v.sku), v.sku).toBe(false);
          skus.add(v.sku);
          expect(Number.isInteger(v.priceFen) && v.priceFen > 0, v.sku).toBe(true);
          for (const t of v.tiers ?? []) expect(Number.isInteger(t.priceFen) && t.priceFen < v.priceFen, v.sku).toBe(true);
        }
      }
    }
    expect(new Set(villages.map((v) => v.province)).size).toBe(villages.length);
    expect(villages.length).toBeGreaterThanOrEqual(6);
  });
});

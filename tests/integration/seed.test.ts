// The demo seed: builds the whole catalogue through the factories, and running
// it again changes nothing.
import { count, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { categories, products, productVariants, villages } from '../../db/schema/index.ts';
import { villages as demoVillages } from '../../db/demo/data.ts';
import { seedDemo } from '../../db/seed.ts';
import { listProducts } from '../../src/modules/catalog/catalog.server.ts';
import { parseProductQuery } from '../../src/modules/catalog/catalog.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
const today = '2026-11-23';
const demoProductCount = demoVillages.reduce((n, v) => n + v.products.length, 0);

async function counts() {
  const [[v], [p], [c]] = await Promise.all([
    t.db.select({ n: count() }).from(villages),
    t.db.select({ n: count() }).from(products),
    t.db.select({ n: count() }).from(categories),
  ]);
  return { villages: v.n, products: p.n, categories: c.n };
}

describe('seedDemo', () => {
  it('creates every demo village and product, then is idempotent', async () => {
    const first = await seedDemo(t.db, today);
    expect(first).toEqual({ villagesCreated: demoVillages.length, productsCreated: demoProductCount, villagesSkipped: 0 });
    const after = await counts();
    expect(after).toEqual({ villages: demoVillages.length, products: demoProductCount, categories: 7 });

    const second = await seedDemo(t.db, today);
    expect(second).toEqual({ villagesCreated: 0, productsCreated: 0, villagesSkipped: demoVillages.length });
    expect(await counts()).toEqual(after);
  });

  it('puts pre-sales on the next harvest date after today', async () => {
    const rows = await t.db.select({ d: productVariants.presaleShipsFrom }).from(productVariants).where(isNotNull(productVariants.presaleShipsFrom));
    expect(rows.length).toBeGreaterThan(0);
    for (const { d } of rows) expect(d! > today).toBe(true);
    const peaches = await listProducts(t.db, parseProductQuery(new URLSearchParams('q=桃&presale=1')), today);
    expect(peaches.items.map((p) => p.name)).toEqual(expect.arrayContaining([expect.stringContaining('脆桃'), expect.stringContaining('大红桃')]));
  });
});

// The demo seed: builds the whole catalogue through the factories, and running
// it again changes nothing.
import { count, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { categories, contracts, products, productVariants, villages } from '../../db/schema/index.ts';
import { seedAccounts } from '../../db/seed-accounts.ts';
import { seedDemoProcurement } from '../../db/seed-procurement.ts';
import { checkLedger } from '../../src/modules/ledger/check.server.ts';
import { contractMoney, unitDesk, villageDesk } from '../../src/modules/procurement/queries.server.ts';
import { dues } from '../../src/modules/procurement/terms.ts';
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

describe('demo procurement', () => {
  it('makes the bureau’s peanut contract through the real functions: three deliveries accepted, one short, one paid, two overdue; the ledger reconciles; a second run adds nothing', async () => {
    const now = new Date('2027-06-01T04:00:00Z');
    await seedDemo(t.db, '2027-06-01');
    await seedAccounts(t.db);
    expect(await seedDemoProcurement(t.db, now)).toEqual({ contractsCreated: 1 });
    expect(await seedDemoProcurement(t.db, now)).toEqual({ contractsCreated: 0 });
    const [contract] = await t.db.select().from(contracts);
    const money = await contractMoney(t.db, contract.id);
    // 10 bags × 36.00 + 20.00 freight a delivery; the second delivery received 9.
    expect(money.deliveries.map((d) => d.status)).toEqual(['accepted', 'accepted', 'accepted', 'pending_village_shipment']);
    expect(money.drawnFen).toBe(38_000n + 34_400n + 38_000n);
    expect(money.paidFen).toBe(38_000n);
    expect(money.totalFen).toBe(38_000n + 34_400n + 38_000n + 38_000n);
    expect(dues(money.deliveries, contract.paymentTerms, contract.netDays, money.paidFen, '2027-06-01').overdueFen).toBe(34_400n + 38_000n);
    expect((await checkLedger(t.db)).mismatches).toEqual([]);
    // Both desks read the same figures (their lists load every contract's money in two queries).
    const village = await villageDesk(t.db, contract.villageId, now);
    const unit = await unitDesk(t.db, contract.unitId, 0, now);
    for (const desk of [village, unit]) {
      expect(desk.contracts.map((c) => [c.number, c.money.drawnFen, c.money.paidFen, c.dues.overdueFen])).toEqual([[contract.number, 110_400n, 38_000n, 72_400n]]);
    }
    expect(village.uninvoiced.map((d) => d.seq)).toEqual([3]);
  });
});

// The schema's own guards, on a real database: money and stock can't go wrong
// even if application code does.
import { describe, expect, it } from 'vitest';
import { createCategory, createProducer, createProduct, createVillage } from '../factories/catalog.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();

async function base() {
  const village = await createVillage(t.db);
  const producer = await createProducer(t.db, { villageId: village.id });
  const category = await createCategory(t.db);
  return { villageId: village.id, producerId: producer.id, categoryId: category.id };
}

describe('catalogue constraints', () => {
  it('answers a ping', async () => {
    expect(await t.database.ping()).toBe(true);
  });

  it('refuses negative stock, zero prices and non-positive weights', async () => {
    const ids = await base();
    await expect(createProduct(t.db, { ...ids, variants: [{ stock: -1 }] })).rejects.toThrow();
    await expect(createProduct(t.db, { ...ids, variants: [{ priceFen: 0 }] })).rejects.toThrow();
    await expect(createProduct(t.db, { ...ids, variants: [{ netGrams: 0 }] })).rejects.toThrow();
  });

  it('refuses 脱贫户/监测户 flags on anything but a household', async () => {
    const village = await createVillage(t.db);
    await expect(createProducer(t.db, { villageId: village.id, kind: 'cooperative', isLifted: true })).rejects.toThrow();
    const household = await createProducer(t.db, { villageId: village.id, kind: 'household', name: '李芳', isMonitored: true });
    expect(household.isMonitored).toBe(true);
  });

  it('refuses duplicate SKUs', async () => {
    const ids = await base();
    await createProduct(t.db, { ...ids, variants: [{ sku: 'DUP-1' }] });
    await expect(createProduct(t.db, { ...ids, variants: [{ sku: 'DUP-1' }] })).rejects.toThrow();
  });
});

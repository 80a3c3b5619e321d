// Demo catalogue, built with the same factories the tests use. Idempotent: a
// village or category that already exists (by slug) is left as it is, so running
// the seed again never duplicates rows nor overwrites edits.
import { eq } from 'drizzle-orm';
import { nextMonthDay } from '../src/lib/dates.ts';
import { createCategory, createProducer, createProduct, createVillage } from '../tests/factories/catalog.ts';
import type { Db } from './client.ts';
import { categories as demoCategories, villages as demoVillages } from './demo/data.ts';
import { categories, villages } from './schema/index.ts';

export interface SeedResult {
  villagesCreated: number;
  productsCreated: number;
  villagesSkipped: number;
}

/** Demo shipping rules and a made-up collective bank account for 对公转账 (the number is not real). */
function demoPaymentDetails(name: string, county: string) {
  let digits = '';
  for (const ch of name + county) digits += (ch.codePointAt(0)! % 10).toString();
  return {
    shippingFeeFen: 1200,
    freeShippingOverFen: 9900,
    // Fresh fruit and eggs would spoil on the way to these provinces.
    noFreshProvinces: ['新疆', '西藏'],
    bankAccountName: `${name}股份经济合作社`,
    bankName: `中国农业银行${county}支行`,
    bankAccountNo: `6228 4800 ${digits.padEnd(8, '0').slice(0, 4)} ${digits.padEnd(8, '0').slice(4, 8)} 017`,
  };
}

export async function seedDemo(db: Db, today: string): Promise<SeedResult> {
  const categoryIds = new Map<string, number>();
  for (const [i, c] of demoCategories.entries()) {
    const [existing] = await db.select().from(categories).where(eq(categories.slug, c.slug));
    const row = existing ?? (await createCategory(db, { ...c, sortOrder: i }));
    categoryIds.set(c.slug, row.id);
  }

  const result: SeedResult = { villagesCreated: 0, productsCreated: 0, villagesSkipped: 0 };
  for (const v of demoVillages) {
    const [existing] = await db.select({ id: villages.id }).from(villages).where(eq(villages.slug, v.slug));
    if (existing) {
      result.villagesSkipped++;
      continue;
    }
    await db.transaction(async (tx) => {
      const { producers: demoProducers, products: demoProducts, image, ...fields } = v;
      const village = await createVillage(tx, { ...fields, ...demoPaymentDetails(v.name, v.county), imagePath: `/images/villages/${image}` });
      const producerIds = new Map<string, number>();
      for (const p of demoProducers) {
        const producer = await createProducer(tx, {
          villageId: village.id,
          kind: p.kind,
          name: p.name,
          nameEn: p.nameEn ?? null,
          isLifted: p.lifted ?? false,
          isMonitored: p.monitored ?? false,
        });
        producerIds.set(p.key, producer.id);
      }
      for (const p of demoProducts) {
        const { category, producer, image: productImage, variants, credentials = [], featured = false, ...text } = p;
        const categoryId = categoryIds.get(category);
        const producerId = producerIds.get(producer);
        if (!categoryId || !producerId) throw new Error(`demo product ${p.slug}: unknown category or producer`);
        await createProduct(tx, {
          ...text,
          featured,
          villageId: village.id,
          producerId,
          categoryId,
          images: [{ path: `/images/products/${productImage}`, alt: p.name, altEn: p.nameEn }],
          credentials,
          variants: variants.map(({ presaleMonthDay, tiers = [], ...variant }, i) => ({
            ...variant,
            sortOrder: i,
            presaleShipsFrom: presaleMonthDay ? nextMonthDay(presaleMonthDay, today) : null,
            tiers,
          })),
        });
        result.productsCreated++;
      }
      result.villagesCreated++;
    });
  }
  return result;
}

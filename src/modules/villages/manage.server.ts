// What a village manager sees of their villages, including the sensitive
// 脱贫户/监测户 flags. Callers have passed requireVillageManager for the village.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { producers, products, productVariants, villages } from '../../../db/schema/catalog.ts';
import { villageManagers } from '../../../db/schema/villages.ts';

export async function listManagedVillages(db: Db, userId: number) {
  return db
    .select({
      id: villages.id,
      slug: villages.slug,
      name: villages.name,
      nameEn: villages.nameEn,
      province: villages.province,
      provinceEn: villages.provinceEn,
      county: villages.county,
    })
    .from(villageManagers)
    .innerJoin(villages, eq(villages.id, villageManagers.villageId))
    .where(eq(villageManagers.userId, userId))
    .orderBy(asc(villages.id));
}

export async function findVillageId(db: Db, slug: string): Promise<number | null> {
  const [row] = await db.select({ id: villages.id }).from(villages).where(eq(villages.slug, slug));
  return row?.id ?? null;
}

/** The village's own row (name, slug, collective account…), or null. */
export async function getVillage(db: Db, villageId: number) {
  const [village] = await db.select().from(villages).where(eq(villages.id, villageId));
  return village ?? null;
}

/** The village's producers, with their 脱贫户/监测户 flags, and every variant of its products with its stock. */
export async function getManagedVillageStock(db: Db, villageId: number) {
  const [producerRows, variantRows] = await Promise.all([
    db.select().from(producers).where(eq(producers.villageId, villageId)).orderBy(asc(producers.kind), asc(producers.id)),
    db
      .select({
        variantId: productVariants.id,
        productSlug: products.slug,
        productName: products.name,
        productNameEn: products.nameEn,
        status: products.status,
        sku: productVariants.sku,
        variantName: productVariants.name,
        variantNameEn: productVariants.nameEn,
        stock: productVariants.stock,
        reserved: productVariants.reserved,
        sold: productVariants.sold,
        priceFen: productVariants.priceFen,
      })
      .from(products)
      .innerJoin(productVariants, eq(productVariants.productId, products.id))
      .where(eq(products.villageId, villageId))
      .orderBy(asc(products.id), asc(productVariants.sortOrder)),
  ]);
  return { producers: producerRows, variants: variantRows };
}

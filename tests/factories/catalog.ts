// Builders for catalogue rows, used by the tests and by the demo seed alike.
// Every field has a sensible default; pass only what the test is about.
import type { Db } from '../../db/client.ts';
import { categories, priceTiers, producers, productCredentials, productImages, products, productVariants, villages } from '../../db/schema/index.ts';

let sequence = 0;
const next = () => ++sequence;

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export async function createCategory(db: Db, over: Partial<Insert<typeof categories>> = {}) {
  const n = next();
  const values = { slug: `category-${n}`, name: `品类${n}`, nameEn: `Category ${n}`, sortOrder: n, ...over };
  // The standard categories come with the migrations (0017): asking for one of those takes it as asked.
  const { slug: _slug, ...rest } = values;
  const [row] = await db.insert(categories).values(values).onConflictDoUpdate({ target: categories.slug, set: rest }).returning();
  return row;
}

export async function createVillage(db: Db, over: Partial<Insert<typeof villages>> = {}) {
  const n = next();
  const [row] = await db
    .insert(villages)
    .values({
      slug: `village-${n}`,
      name: `样板${n}村`,
      nameEn: `Sample Village ${n}`,
      province: '河南省',
      provinceEn: 'Henan',
      city: '新乡市',
      county: '封丘县',
      township: '城关镇',
      story: '村里以种植为主，驻村工作队帮助对接销路。',
      storyEn: 'A farming village; the work team helps it find buyers.',
      ...over,
    })
    .returning();
  return row;
}

export async function createProducer(db: Db, over: Partial<Insert<typeof producers>> & { villageId: number }) {
  const n = next();
  const [row] = await db
    .insert(producers)
    .values({ kind: 'cooperative', name: `第${n}农民专业合作社`, nameEn: `Cooperative ${n}`, ...over })
    .returning();
  return row;
}

export type VariantInput = Partial<Omit<Insert<typeof productVariants>, 'productId'>> & {
  tiers?: { minQuantity: number; priceFen: number }[];
};

export interface ProductInput extends Partial<Insert<typeof products>> {
  villageId: number;
  producerId: number;
  categoryId: number;
  variants?: VariantInput[];
  images?: { path: string; alt: string; altEn: string }[];
  credentials?: { kind: Insert<typeof productCredentials>['kind']; certificateNo: string; issuer: string }[];
}

export async function createProduct(db: Db, input: ProductInput) {
  const { variants = [{}], images = [], credentials = [], ...over } = input;
  const n = next();
  const [product] = await db
    .insert(products)
    .values({ slug: `product-${n}`, name: `农产品${n}`, nameEn: `Produce ${n}`, ...over })
    .returning();
  const createdVariants = [];
  for (const [i, v] of variants.entries()) {
    const { tiers = [], ...fields } = v;
    const [variant] = await db
      .insert(productVariants)
      .values({
        productId: product.id,
        sku: `SKU-${n}-${i + 1}`,
        name: `规格${i + 1}`,
        nameEn: `Option ${i + 1}`,
        priceFen: 1000,
        saleUnit: 'jin',
        netGrams: 500,
        stock: 100,
        sortOrder: i,
        ...fields,
      })
      .returning();
    if (tiers.length) await db.insert(priceTiers).values(tiers.map((t) => ({ variantId: variant.id, ...t })));
    createdVariants.push(variant);
  }
  if (images.length) {
    await db.insert(productImages).values(images.map((img, i) => ({ productId: product.id, sortOrder: i, ...img })));
  }
  if (credentials.length) {
    await db.insert(productCredentials).values(credentials.map((c) => ({ productId: product.id, ...c })));
  }
  return { product, variants: createdVariants };
}

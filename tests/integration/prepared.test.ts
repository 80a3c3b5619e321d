// db/prepared.ts maps prepared queries' rows with a mapper compiled once per
// query instead of Drizzle's per-row mapResultRow: the rows must come out exactly
// as Drizzle would make them — nested tables, aliased SQL with mapWith, subquery
// columns, dates and timestamps, nulls — on both drivers.
import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { preparedOnce } from '../../db/prepared.ts';
import { categories, producers, products, productVariants, villages } from '../../db/schema/index.ts';
import { createCategory, createProducer, createProduct, createVillage } from '../factories/catalog.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();

beforeAll(async () => {
  const db = t.db;
  const fruit = await createCategory(db, { slug: 'fresh-fruit', name: '鲜果', nameEn: 'Fresh fruit' });
  const village = await createVillage(db, { slug: 'taoyuan', name: '桃源村', province: '山东省', provinceEn: 'Shandong' });
  const coop = await createProducer(db, { villageId: village.id, name: '桃源果品合作社' });
  await createProduct(db, {
    slug: 'crisp-peach',
    name: '蒙阴脆桃',
    nameEn: 'Crisp peach',
    villageId: village.id,
    producerId: coop.id,
    categoryId: fruit.id,
    featured: true,
    variants: [
      { name: '5斤装', priceFen: 3980, saleUnit: 'case', netGrams: 2500, stock: 50, presaleShipsFrom: '2027-07-10' },
      { name: '10斤装', priceFen: 6980, saleUnit: 'case', netGrams: null, stock: 0 },
    ],
  });
  await createProduct(db, { slug: 'no-variants', name: '无规格', villageId: village.id, producerId: coop.id, categoryId: fruit.id, variants: [] });
});

describe('preparedOnce', () => {
  it('maps nested tables, aliased and mapped SQL, subqueries and nulls exactly as Drizzle does', async () => {
    const db = t.db;
    const agg = db
      .select({
        productId: productVariants.productId,
        total: sql<number>`sum(${productVariants.stock})`.mapWith(Number).as('total'),
        grams: sql<number | null>`max(${productVariants.netGrams})`.as('grams'),
      })
      .from(productVariants)
      .groupBy(productVariants.productId)
      .as('agg');
    const build = (join: 'innerJoin' | 'leftJoin') =>
      db
        .select({
          product: products,
          village: { slug: villages.slug, name: villages.name },
          category: categories,
          producerName: producers.name,
          total: agg.total,
          grams: agg.grams,
          firstVariant: sql<
            string | null
          >`(select ${productVariants.name} from ${productVariants} where ${productVariants.productId} = ${products.id} order by ${productVariants.id} limit 1)`,
          shipsFrom: sql<string | null>`(select min(${productVariants.presaleShipsFrom}) from ${productVariants} where ${productVariants.productId} = ${products.id})`,
        })
        .from(products)
        .innerJoin(villages, eq(villages.id, products.villageId))
        .innerJoin(categories, eq(categories.id, products.categoryId))
        .innerJoin(producers, eq(producers.id, products.producerId))
        [join](agg, eq(agg.productId, products.id))
        .orderBy(asc(products.id));
    // Inner joins only: the compiled mapper. An outer join keeps Drizzle's mapping.
    const compiled = await preparedOnce(db, 'test.inner', () => build('innerJoin').prepare('test_inner')).execute();
    const outer = await preparedOnce(db, 'test.outer', () => build('leftJoin').prepare('test_outer')).execute();
    const drizzleInner = await build('innerJoin');
    const drizzleOuter = await build('leftJoin');

    expect(drizzleInner).toHaveLength(1);
    expect(compiled).toEqual(drizzleInner);
    expect(drizzleOuter).toHaveLength(2);
    expect(outer).toEqual(drizzleOuter);
    expect(drizzleOuter[1].total).toBeNull();
    const [peach] = compiled;
    expect(peach.product.createdAt).toBeInstanceOf(Date);
    expect(peach.total).toBe(50);
    expect(peach.village).toEqual({ slug: 'taoyuan', name: '桃源村' });
    expect(peach.category.comparePerJin).toBe(true);
  });

  it('gives each query its own mapper, also for an object of prepared queries', async () => {
    const db = t.db;
    const q = preparedOnce(db, 'test.pair', () => ({
      names: db.select({ slug: products.slug }).from(products).orderBy(asc(products.id)).prepare('test_names'),
      villages: db.select({ slug: villages.slug, createdAt: villages.createdAt }).from(villages).prepare('test_villages'),
    }));
    expect(await q.names.execute()).toEqual([{ slug: 'crisp-peach' }, { slug: 'no-variants' }]);
    const [v] = await q.villages.execute();
    expect(v.slug).toBe('taoyuan');
    expect(v.createdAt).toBeInstanceOf(Date);
    expect(preparedOnce(db, 'test.pair', () => null)).toBe(q);
  });
});

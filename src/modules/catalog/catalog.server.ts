// Catalogue queries. Callers pass `today` (Asia/Shanghai YYYY-MM-DD) so pre-sale
// state never depends on a clock read inside a query.
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  categories,
  priceTiers,
  producers,
  productCredentials,
  productImages,
  products,
  productVariants,
  villages,
} from '../../../db/schema/index.ts';
import { pricePerJinFen } from '../../lib/money.ts';
import { escapeLike, PAGE_SIZE, pageCount, type ProductQuery } from './catalog.ts';

function variantSummary(today: string) {
  return {
    productId: productVariants.productId,
    minPriceFen: sql<number>`min(${productVariants.priceFen})`.mapWith(Number).as('min_price_fen'),
    // Net grams of the cheapest variant, for its price per 斤.
    cheapestGrams: sql<number | null>`(array_agg(${productVariants.netGrams} order by ${productVariants.priceFen}, ${productVariants.id}))[1]`.as('cheapest_grams'),
    stock: sql<number>`coalesce(sum(${productVariants.stock}), 0)::int`.mapWith(Number).as('stock'),
    presaleFrom: sql<string | null>`(min(${productVariants.presaleShipsFrom}) filter (where ${productVariants.presaleShipsFrom} > ${today}::date))::text`.as('presale_from'),
  };
}

function cardQuery(db: Db, today: string) {
  const agg = db.select(variantSummary(today)).from(productVariants).groupBy(productVariants.productId).as('agg');
  const query = db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      nameEn: products.nameEn,
      summary: products.summary,
      summaryEn: products.summaryEn,
      featured: products.featured,
      villageSlug: villages.slug,
      villageName: villages.name,
      villageNameEn: villages.nameEn,
      province: villages.province,
      provinceEn: villages.provinceEn,
      county: villages.county,
      comparePerJin: categories.comparePerJin,
      minPriceFen: agg.minPriceFen,
      cheapestGrams: agg.cheapestGrams,
      stock: agg.stock,
      presaleFrom: agg.presaleFrom,
      imagePath: sql<string | null>`(select ${productImages.path} from ${productImages} where ${productImages.productId} = ${products.id} order by ${productImages.sortOrder}, ${productImages.id} limit 1)`,
    })
    .from(products)
    .innerJoin(agg, eq(agg.productId, products.id))
    .innerJoin(villages, eq(villages.id, products.villageId))
    .innerJoin(categories, eq(categories.id, products.categoryId));
  return { query, agg };
}

type CardRow = Awaited<ReturnType<ReturnType<typeof cardQuery>['query']['execute']>>[number];
export type ProductCard = Omit<CardRow, 'cheapestGrams' | 'comparePerJin'> & { perJinFen: number | null };

function toCard(row: CardRow): ProductCard {
  const { cheapestGrams, comparePerJin, ...rest } = row;
  const grams = comparePerJin && cheapestGrams !== null ? Number(cheapestGrams) : null;
  return { ...rest, perJinFen: pricePerJinFen(row.minPriceFen, grams) };
}

export interface ProductPage {
  items: ProductCard[];
  total: number;
  page: number;
  pageCount: number;
}

export async function listProducts(db: Db, query: ProductQuery, today: string): Promise<ProductPage> {
  const { query: base, agg } = cardQuery(db, today);
  const where: SQL[] = [eq(products.status, 'active')];
  if (query.category) where.push(eq(categories.slug, query.category));
  if (query.village) where.push(eq(villages.slug, query.village));
  if (query.province) where.push(or(eq(villages.province, query.province), eq(villages.provinceEn, query.province))!);
  if (query.inStock) where.push(sql`${agg.stock} > 0`);
  if (query.presale) where.push(sql`${agg.presaleFrom} is not null`);
  if (query.q) {
    // Substring match, so 桃 finds 脆桃 and 大红桃 (Chinese has no word breaks to index on).
    const pattern = `%${escapeLike(query.q)}%`;
    where.push(
      or(
        ilike(products.name, pattern),
        ilike(products.nameEn, pattern),
        ilike(products.summary, pattern),
        ilike(products.summaryEn, pattern),
        ilike(villages.name, pattern),
        ilike(villages.county, pattern),
        ilike(categories.name, pattern),
      )!,
    );
  }
  const condition = and(...where);
  // With a search text, "recommended" means most relevant: a match in the product's
  // own name before a match in its summary, village or category.
  const relevance = query.q
    ? [desc(sql`(${products.name} ilike ${`%${escapeLike(query.q)}%`} or ${products.nameEn} ilike ${`%${escapeLike(query.q)}%`})`)]
    : [];
  const order = {
    recommended: [...relevance, desc(products.featured), asc(products.id)],
    price_asc: [asc(agg.minPriceFen), asc(products.id)],
    price_desc: [desc(agg.minPriceFen), asc(products.id)],
    newest: [desc(products.createdAt), desc(products.id)],
  }[query.sort];

  const [{ total }] = await db
    .select({ total: count() })
    .from(products)
    .innerJoin(agg, eq(agg.productId, products.id))
    .innerJoin(villages, eq(villages.id, products.villageId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(condition);
  const pages = pageCount(total);
  const page = Math.min(query.page, pages);
  const rows = await base
    .where(condition)
    .orderBy(...order)
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return { items: rows.map(toCard), total, page, pageCount: pages };
}

export async function listFeaturedProducts(db: Db, today: string, limit = 8): Promise<ProductCard[]> {
  const { query } = cardQuery(db, today);
  const rows = await query
    .where(and(eq(products.status, 'active'), eq(products.featured, true)))
    .orderBy(asc(products.id))
    .limit(limit);
  return rows.map(toCard);
}

export async function listPresaleProducts(db: Db, today: string, limit = 8): Promise<ProductCard[]> {
  const { query, agg } = cardQuery(db, today);
  const rows = await query
    .where(and(eq(products.status, 'active'), sql`${agg.presaleFrom} is not null`))
    .orderBy(asc(agg.presaleFrom), asc(products.id))
    .limit(limit);
  return rows.map(toCard);
}

export async function listVillageProducts(db: Db, villageId: number, today: string, exceptId?: number, limit = 48) {
  const { query } = cardQuery(db, today);
  const where = [eq(products.status, 'active'), eq(products.villageId, villageId)];
  if (exceptId !== undefined) where.push(sql`${products.id} <> ${exceptId}`);
  const rows = await query.where(and(...where)).orderBy(desc(products.featured), asc(products.id)).limit(limit);
  return rows.map(toCard);
}

export async function listCategories(db: Db) {
  return db
    .select({ slug: categories.slug, name: categories.name, nameEn: categories.nameEn })
    .from(categories)
    .orderBy(asc(categories.sortOrder), asc(categories.id));
}

/** Villages with something on sale, for the filter form. */
export async function listFilterOptions(db: Db) {
  const rows = await db
    .selectDistinct({
      slug: villages.slug,
      name: villages.name,
      nameEn: villages.nameEn,
      province: villages.province,
      provinceEn: villages.provinceEn,
    })
    .from(villages)
    .innerJoin(products, and(eq(products.villageId, villages.id), eq(products.status, 'active')))
    .orderBy(asc(villages.province), asc(villages.slug));
  const provinces = [...new Map(rows.map((r) => [r.province, { name: r.province, nameEn: r.provinceEn }])).values()];
  return { villages: rows, provinces };
}

export async function getProductBySlug(db: Db, slug: string, today: string) {
  const [row] = await db
    .select({ product: products, village: villages, producer: producers, category: categories })
    .from(products)
    .innerJoin(villages, eq(villages.id, products.villageId))
    .innerJoin(producers, eq(producers.id, products.producerId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(eq(products.slug, slug), eq(products.status, 'active')))
    .limit(1);
  if (!row) return null;
  const variants = await db
    .select()
    .from(productVariants)
    .where(eq(productVariants.productId, row.product.id))
    .orderBy(asc(productVariants.sortOrder), asc(productVariants.id));
  const variantIds = variants.map((v) => v.id);
  const tiers = variantIds.length
    ? await db
        .select()
        .from(priceTiers)
        .where(inArray(priceTiers.variantId, variantIds))
        .orderBy(asc(priceTiers.minQuantity))
    : [];
  const [images, credentials, more] = await Promise.all([
    db
      .select()
      .from(productImages)
      .where(eq(productImages.productId, row.product.id))
      .orderBy(asc(productImages.sortOrder), asc(productImages.id)),
    db
      .select()
      .from(productCredentials)
      .where(eq(productCredentials.productId, row.product.id))
      .orderBy(asc(productCredentials.id)),
    listVillageProducts(db, row.village.id, today, row.product.id, 4),
  ]);
  const { isLifted: _l, isMonitored: _m, ...producer } = row.producer; // sensitive flags stay on the server
  return {
    ...row,
    producer,
    variants: variants.map((v) => ({
      ...v,
      perJinFen: row.category.comparePerJin ? pricePerJinFen(v.priceFen, v.netGrams) : null,
      tiers: tiers.filter((t) => t.variantId === v.id),
    })),
    images,
    credentials,
    more,
  };
}
export type ProductDetail = NonNullable<Awaited<ReturnType<typeof getProductBySlug>>>;

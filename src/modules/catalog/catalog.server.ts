// Catalogue queries. Callers pass `today` (Asia/Shanghai YYYY-MM-DD) so pre-sale
// state never depends on a clock read inside a query.
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { preparedOnce } from '../../../db/prepared.ts';
import { categories, priceTiers, producers, productCredentials, productImages, products, productVariants, villages } from '../../../db/schema/catalog.ts';
import { pricePerJinFen } from '../../lib/money.ts';
import { escapeLike, PAGE_SIZE, pageCount, type ProductQuery } from './catalog.ts';
import { onShelf } from './shelf.server.ts';

// Every query here is prepared once per shape (db/prepared.ts); the values —
// today's date, slugs, ids, search text, page — are placeholders filled per call.
const P = (name: string) => sql.placeholder(name);

function variantSummary(today: Placeholder) {
  return {
    productId: productVariants.productId,
    minPriceFen: sql<number>`min(${productVariants.priceFen})`.mapWith(Number).as('min_price_fen'),
    // Net grams of the cheapest variant, for its price per 斤.
    cheapestGrams: sql<number | null>`(array_agg(${productVariants.netGrams} order by ${productVariants.priceFen}, ${productVariants.id}))[1]`.as('cheapest_grams'),
    stock: sql<number>`coalesce(sum(${productVariants.stock}), 0)::int`.mapWith(Number).as('stock'),
    presaleFrom: sql<string | null>`(min(${productVariants.presaleShipsFrom}) filter (where ${productVariants.presaleShipsFrom} > ${today}::date))::text`.as('presale_from'),
  };
}

function cardQuery(db: Db, today: Placeholder) {
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
      imagePath: sql<
        string | null
      >`(select ${productImages.path} from ${productImages} where ${productImages.productId} = ${products.id} order by ${productImages.sortOrder}, ${productImages.id} limit 1)`,
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

/** The count and the page of cards for one shape of listing query (which filters are set, which order). */
function listingQueries(db: Db, query: ProductQuery) {
  const shape = [
    query.category && 'category',
    query.village && 'village',
    query.province && 'province',
    query.inStock && 'inStock',
    query.presale && 'presale',
    query.q && 'q',
    query.sort,
  ];
  return preparedOnce(db, `catalog.list:${shape.filter(Boolean).join(',')}`, () => {
    const { query: base, agg } = cardQuery(db, P('today'));
    const where: SQL[] = [onShelf()];
    if (query.category) where.push(eq(categories.slug, P('category')));
    if (query.village) where.push(eq(villages.slug, P('village')));
    if (query.province) where.push(or(eq(villages.province, P('province')), eq(villages.provinceEn, P('province')))!);
    if (query.inStock) where.push(sql`${agg.stock} > 0`);
    if (query.presale) where.push(sql`${agg.presaleFrom} is not null`);
    if (query.q) {
      // Substring match, so 桃 finds 脆桃 and 大红桃 (Chinese has no word breaks to index on).
      const pattern = P('pattern');
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
    const relevance = query.q ? [desc(sql`(${products.name} ilike ${P('pattern')} or ${products.nameEn} ilike ${P('pattern')})`)] : [];
    const order = {
      recommended: [...relevance, desc(products.featured), asc(products.id)],
      price_asc: [asc(agg.minPriceFen), asc(products.id)],
      price_desc: [desc(agg.minPriceFen), asc(products.id)],
      newest: [desc(products.createdAt), desc(products.id)],
    }[query.sort];
    const total = db
      .select({ total: count() })
      .from(products)
      .innerJoin(agg, eq(agg.productId, products.id))
      .innerJoin(villages, eq(villages.id, products.villageId))
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .where(condition)
      .prepare('catalog_list_count');
    const rows = base
      .where(condition)
      .orderBy(...order)
      .limit(P('limit'))
      .offset(P('offset'))
      .prepare('catalog_list');
    return { total, rows };
  });
}

export async function listProducts(db: Db, query: ProductQuery, today: string): Promise<ProductPage> {
  const statements = listingQueries(db, query);
  const values = {
    today,
    category: query.category,
    village: query.village,
    province: query.province,
    pattern: query.q ? `%${escapeLike(query.q)}%` : undefined,
  };
  const [{ total }] = await statements.total.execute(values);
  const pages = pageCount(total);
  const page = Math.min(query.page, pages);
  const rows = await statements.rows.execute({ ...values, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return { items: rows.map(toCard), total, page, pageCount: pages };
}

export async function listFeaturedProducts(db: Db, today: string, limit = 8): Promise<ProductCard[]> {
  const featured = preparedOnce(db, 'catalog.featured', () =>
    cardQuery(db, P('today'))
      .query.where(and(onShelf(), eq(products.featured, true)))
      .orderBy(asc(products.id))
      .limit(P('limit'))
      .prepare('catalog_featured'),
  );
  return (await featured.execute({ today, limit })).map(toCard);
}

export async function listPresaleProducts(db: Db, today: string, limit = 8): Promise<ProductCard[]> {
  const presale = preparedOnce(db, 'catalog.presale', () => {
    const { query, agg } = cardQuery(db, P('today'));
    return query
      .where(and(onShelf(), sql`${agg.presaleFrom} is not null`))
      .orderBy(asc(agg.presaleFrom), asc(products.id))
      .limit(P('limit'))
      .prepare('catalog_presale');
  });
  return (await presale.execute({ today, limit })).map(toCard);
}

export async function listVillageProducts(db: Db, villageId: number, today: string, exceptId?: number, limit = 48) {
  const except = exceptId !== undefined;
  const villageCards = preparedOnce(db, `catalog.village:${except ? 'except' : 'all'}`, () => {
    const where = [onShelf(), eq(products.villageId, P('villageId'))];
    if (except) where.push(sql`${products.id} <> ${P('exceptId')}`);
    return cardQuery(db, P('today'))
      .query.where(and(...where))
      .orderBy(desc(products.featured), asc(products.id))
      .limit(P('limit'))
      .prepare('catalog_village');
  });
  return (await villageCards.execute({ today, villageId, exceptId, limit })).map(toCard);
}

export async function listCategories(db: Db) {
  return preparedOnce(db, 'catalog.categories', () =>
    db
      .select({ slug: categories.slug, name: categories.name, nameEn: categories.nameEn })
      .from(categories)
      .orderBy(asc(categories.sortOrder), asc(categories.id))
      .prepare('catalog_categories'),
  ).execute();
}

/** Villages with something on sale, for the filter form. */
export async function listFilterOptions(db: Db) {
  const options = preparedOnce(db, 'catalog.filterOptions', () =>
    db
      .selectDistinct({
        slug: villages.slug,
        name: villages.name,
        nameEn: villages.nameEn,
        province: villages.province,
        provinceEn: villages.provinceEn,
      })
      .from(villages)
      .innerJoin(products, and(eq(products.villageId, villages.id), onShelf()))
      .orderBy(asc(villages.province), asc(villages.slug))
      .prepare('catalog_filter_options'),
  );
  const rows = await options.execute();
  const provinces = [...new Map(rows.map((r) => [r.province, { name: r.province, nameEn: r.provinceEn }])).values()];
  return { villages: rows, provinces };
}

function productQueries(db: Db) {
  return preparedOnce(db, 'catalog.product', () => ({
    product: db
      .select({ product: products, village: villages, producer: producers, category: categories })
      .from(products)
      .innerJoin(villages, eq(villages.id, products.villageId))
      .innerJoin(producers, eq(producers.id, products.producerId))
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .where(and(eq(products.slug, P('slug')), onShelf()))
      .limit(1)
      .prepare('catalog_product'),
    variants: db
      .select()
      .from(productVariants)
      .where(eq(productVariants.productId, P('productId')))
      .orderBy(asc(productVariants.sortOrder), asc(productVariants.id))
      .prepare('catalog_product_variants'),
    images: db
      .select()
      .from(productImages)
      .where(eq(productImages.productId, P('productId')))
      .orderBy(asc(productImages.sortOrder), asc(productImages.id))
      .prepare('catalog_product_images'),
    // A credential shows while it is valid: an expired one leaves the page (its village is told on its desk).
    credentials: db
      .select({
        id: productCredentials.id,
        kind: productCredentials.kind,
        certificateNo: productCredentials.certificateNo,
        issuer: productCredentials.issuer,
        validUntil: productCredentials.validUntil,
      })
      .from(productCredentials)
      .where(and(eq(productCredentials.productId, P('productId')), sql`(${productCredentials.validUntil} is null or ${productCredentials.validUntil} >= ${P('today')}::date)`))
      .orderBy(asc(productCredentials.id))
      .prepare('catalog_product_credentials'),
  }));
}

/** The price tiers of these variants, lowest quantity first (cart, quotes, group orders); none for none. */
export async function tiersOf(db: DbOrTx, variantIds: readonly number[]) {
  if (variantIds.length === 0) return [];
  return db
    .select()
    .from(priceTiers)
    .where(inArray(priceTiers.variantId, [...variantIds]))
    .orderBy(asc(priceTiers.minQuantity));
}

/** Price tiers of `count` variants: one prepared query per number of variants (a product has a handful). */
function tierQuery(db: Db, count: number) {
  return preparedOnce(db, `catalog.tiers:${count}`, () =>
    db
      .select()
      .from(priceTiers)
      .where(
        inArray(
          priceTiers.variantId,
          Array.from({ length: count }, (_, i) => P(`v${i}`)),
        ),
      )
      .orderBy(asc(priceTiers.minQuantity))
      .prepare('catalog_product_tiers'),
  );
}

export async function getProductBySlug(db: Db, slug: string, today: string) {
  const q = productQueries(db);
  const [row] = await q.product.execute({ slug });
  if (!row) return null;
  const productId = row.product.id;
  const variants = await q.variants.execute({ productId });
  const tiers = variants.length ? await tierQuery(db, variants.length).execute(Object.fromEntries(variants.map((v, i) => [`v${i}`, v.id]))) : [];
  const [images, credentials, more] = await Promise.all([
    q.images.execute({ productId }),
    q.credentials.execute({ productId, today }),
    listVillageProducts(db, row.village.id, today, productId, 4),
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

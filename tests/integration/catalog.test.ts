// Catalogue queries on a real database (PGlite, or PostgreSQL when DATABASE_URL is set).
import { beforeAll, describe, expect, it } from 'vitest';
import { listProducts, getProductBySlug, listPresaleProducts, listFilterOptions } from '../../src/modules/catalog/catalog.server.ts';
import { parseProductQuery, PAGE_SIZE } from '../../src/modules/catalog/catalog.ts';
import { getVillageBySlug, listVillages } from '../../src/modules/catalog/villages.server.ts';
import { createCategory, createProducer, createProduct, createVillage } from '../factories/catalog.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
const today = '2026-11-23';
const q = (s: string) => parseProductQuery(new URLSearchParams(s));

beforeAll(async () => {
  const db = t.db;
  const fruit = await createCategory(db, { slug: 'fresh-fruit', name: '鲜果', nameEn: 'Fresh fruit' });
  const craft = await createCategory(db, { slug: 'handicraft', name: '手工日用', nameEn: 'Handicrafts', comparePerJin: false });
  const peachVillage = await createVillage(db, { slug: 'taoyuan', name: '桃源村', province: '山东省', provinceEn: 'Shandong' });
  const broomVillage = await createVillage(db, { slug: 'zhoujia', name: '周家村', province: '河北省', provinceEn: 'Hebei' });
  const coop = await createProducer(db, { villageId: peachVillage.id, name: '桃源果品合作社' });
  const household = await createProducer(db, { villageId: broomVillage.id, kind: 'household', name: '张守义', nameEn: null, isLifted: true });
  await createProduct(db, {
    slug: 'crisp-peach',
    name: '蒙阴脆桃',
    nameEn: 'Crisp peach',
    villageId: peachVillage.id,
    producerId: coop.id,
    categoryId: fruit.id,
    featured: true,
    variants: [
      { name: '5斤装', priceFen: 3980, saleUnit: 'case', netGrams: 2500, stock: 50, presaleShipsFrom: '2027-07-10' },
      { name: '10斤装', priceFen: 6980, saleUnit: 'case', netGrams: 5000, stock: 20, presaleShipsFrom: '2027-07-10' },
    ],
  });
  await createProduct(db, {
    slug: 'big-red-peach',
    name: '大红桃',
    nameEn: 'Big red peach',
    villageId: peachVillage.id,
    producerId: coop.id,
    categoryId: fruit.id,
    variants: [{ priceFen: 5980, saleUnit: 'case', netGrams: 2500, stock: 0 }],
  });
  await createProduct(db, {
    slug: 'sorghum-broom',
    name: '高粱扫帚',
    nameEn: 'Sorghum broom',
    villageId: broomVillage.id,
    producerId: household.id,
    categoryId: craft.id,
    variants: [
      {
        priceFen: 2000,
        saleUnit: 'bundle',
        netGrams: 900,
        stock: 5000,
        tiers: [
          { minQuantity: 100, priceFen: 1800 },
          { minQuantity: 1000, priceFen: 1600 },
        ],
      },
    ],
  });
  await createProduct(db, {
    slug: 'hidden-thing',
    name: '下架的桃',
    villageId: peachVillage.id,
    producerId: coop.id,
    categoryId: fruit.id,
    status: 'hidden',
  });
  await createProduct(db, { slug: 'zhoujia-broom-set', name: '周家扫帚套装', villageId: peachVillage.id, producerId: coop.id, categoryId: craft.id });
  // Enough filler to need a second page.
  for (let i = 0; i < PAGE_SIZE; i++) {
    await createProduct(db, { slug: `filler-${i}`, name: `扫帚配件${i}`, villageId: broomVillage.id, producerId: household.id, categoryId: craft.id });
  }
});

describe('listProducts', () => {
  it('finds partial Chinese words: 桃 finds 脆桃 and 大红桃, not hidden products', async () => {
    const r = await listProducts(t.db, q('q=桃'), today);
    const slugs = r.items.map((p) => p.slug);
    expect(slugs.slice(0, 2).sort()).toEqual(['big-red-peach', 'crisp-peach']);
    // The broom set matches only through its village, 桃源村, so it comes last.
    expect(slugs.slice(2)).toEqual(['zhoujia-broom-set']);
  });

  it('ranks name matches before matches in the village or summary', async () => {
    const r = await listProducts(t.db, q('q=桃源'), today);
    expect(r.total).toBe(3); // everything from 桃源村
    const byName = await listProducts(t.db, q('q=配件'), today);
    expect(byName.total).toBe(PAGE_SIZE);
    const mixed = await listProducts(t.db, q('q=周家'), today);
    expect(mixed.items[0].slug).toBe('zhoujia-broom-set');
  });

  it('treats LIKE wildcards in the search text literally', async () => {
    expect((await listProducts(t.db, q('q=%'), today)).total).toBe(0);
    expect((await listProducts(t.db, q('q=_'), today)).total).toBe(0);
  });

  it('searches English names too', async () => {
    const r = await listProducts(t.db, q('q=peach'), today);
    expect(r.total).toBe(2);
  });

  it('filters by category, village, province, stock and pre-sale', async () => {
    expect((await listProducts(t.db, q('category=fresh-fruit'), today)).total).toBe(2);
    expect((await listProducts(t.db, q('village=taoyuan'), today)).total).toBe(3);
    expect((await listProducts(t.db, q('province=河北省'), today)).total).toBe(PAGE_SIZE + 1);
    expect((await listProducts(t.db, q('province=山东省'), today)).total).toBe(3);
    expect((await listProducts(t.db, q('province=Shandong'), today)).total).toBe(3);
    const inStock = await listProducts(t.db, q('category=fresh-fruit&inStock=1'), today);
    expect(inStock.items.map((p) => p.slug)).toEqual(['crisp-peach']);
    const presale = await listProducts(t.db, q('presale=1'), today);
    expect(presale.items.map((p) => p.slug)).toEqual(['crisp-peach']);
    expect(presale.items[0].presaleFrom).toBe('2027-07-10');
  });

  it('stops counting as pre-sale once the ship-from date has come', async () => {
    expect((await listProducts(t.db, q('presale=1'), '2027-07-10')).total).toBe(0);
  });

  it('gives the lowest price, its price per 斤 and the total stock', async () => {
    const [peach] = (await listProducts(t.db, q('q=脆桃'), today)).items;
    expect(peach.minPriceFen).toBe(3980);
    expect(peach.perJinFen).toBe(796);
    expect(peach.stock).toBe(70);
  });

  it('sorts by price both ways', async () => {
    const asc = await listProducts(t.db, q('category=fresh-fruit&sort=price_asc'), today);
    expect(asc.items.map((p) => p.minPriceFen)).toEqual([3980, 5980]);
    const desc = await listProducts(t.db, q('category=fresh-fruit&sort=price_desc'), today);
    expect(desc.items.map((p) => p.minPriceFen)).toEqual([5980, 3980]);
  });

  it('paginates and clamps a page past the end to the last page', async () => {
    const first = await listProducts(t.db, q(''), today);
    expect(first.total).toBe(PAGE_SIZE + 4);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(PAGE_SIZE);
    expect(first.items[0].slug).toBe('crisp-peach'); // featured first
    const second = await listProducts(t.db, q('page=2'), today);
    expect(second.items).toHaveLength(4);
    const beyond = await listProducts(t.db, q('page=99'), today);
    expect(beyond.page).toBe(2);
    const all = new Set([...first.items, ...second.items].map((p) => p.slug));
    expect(all.size).toBe(PAGE_SIZE + 4);
  });

  it('lists pre-sales soonest first and offers only villages with products as filters', async () => {
    expect((await listPresaleProducts(t.db, today)).map((p) => p.slug)).toEqual(['crisp-peach']);
    const options = await listFilterOptions(t.db);
    expect(options.provinces.map((p) => p.name).sort()).toEqual(['山东省', '河北省']);
  });
});

describe('product and village pages', () => {
  it('loads a product with variants, tiers and per-斤 prices, without the sensitive producer flags', async () => {
    const p = await getProductBySlug(t.db, 'sorghum-broom', today);
    expect(p).not.toBeNull();
    expect(p!.variants[0].tiers.map((x) => [x.minQuantity, x.priceFen])).toEqual([
      [100, 1800],
      [1000, 1600],
    ]);
    expect(p!.variants[0].perJinFen).toBeNull(); // a broom's price per 斤 means nothing
    const [card] = (await listProducts(t.db, q('q=扫帚&category=handicraft&sort=price_desc'), today)).items;
    expect(card.slug).toBe('sorghum-broom');
    expect(card.perJinFen).toBeNull();
    expect(p!.producer).not.toHaveProperty('isLifted');
    expect(p!.producer).not.toHaveProperty('isMonitored');
    expect(p!.more.length).toBeGreaterThan(0);
    expect(p!.more.map((m) => m.slug)).not.toContain('sorghum-broom');
  });

  it('does not show hidden or unknown products', async () => {
    expect(await getProductBySlug(t.db, 'hidden-thing', today)).toBeNull();
    expect(await getProductBySlug(t.db, 'no-such-thing', today)).toBeNull();
  });

  it('lists villages with their count of products on sale', async () => {
    const villages = await listVillages(t.db);
    expect(villages.find((v) => v.slug === 'taoyuan')?.productCount).toBe(3);
    const found = await getVillageBySlug(t.db, 'zhoujia');
    expect(found?.producers.map((p) => p.kind)).toEqual(['household']);
    expect(found?.producers[0]).not.toHaveProperty('isLifted');
  });
});

// What each catalogue page needs, in one call per page. Pages stay thin:
// they parse the URL, call one of these and render.
import { publishedNotices } from '../reports/notices.server.ts';
import { getDb } from '../../../db/client.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { parseProductQuery } from './catalog.ts';
import {
  getProductBySlug,
  listCategories,
  listFeaturedProducts,
  listFilterOptions,
  listPresaleProducts,
  listProducts,
  listVillageProducts,
} from './catalog.server.ts';
import { getVillageBySlug, listVillages } from './villages.server.ts';

const today = () => shanghaiDate(new Date());

export async function loadHome() {
  const db = await getDb();
  const day = today();
  const [presale, featured, villages, categories] = await Promise.all([
    listPresaleProducts(db, day, 4),
    listFeaturedProducts(db, day, 8),
    listVillages(db),
    listCategories(db),
  ]);
  return { presale, featured, villages: villages.slice(0, 6), categories };
}

export async function loadProductListing(url: URL) {
  const db = await getDb();
  const query = parseProductQuery(url.searchParams);
  const [result, categories, options] = await Promise.all([
    listProducts(db, query, today()),
    listCategories(db),
    listFilterOptions(db),
  ]);
  return { query, result, categories, ...options };
}

export async function loadProduct(slug: string | undefined) {
  if (!slug) return null;
  return getProductBySlug(await getDb(), slug, today());
}

export async function loadVillages() {
  return listVillages(await getDb());
}

export async function loadVillage(slug: string | undefined) {
  if (!slug) return null;
  const db = await getDb();
  const found = await getVillageBySlug(db, slug);
  if (!found) return null;
  const [products, notices] = await Promise.all([listVillageProducts(db, found.village.id, today()), publishedNotices(db, found.village.id)]);
  return { ...found, products, notices };
}

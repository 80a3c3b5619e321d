import { getDb } from '../../../db/client.ts';
import { products, villages } from '../../../db/schema/catalog.ts';
import { env } from '../../lib/env.ts';
import { renderSitemap, type SitemapPage } from './sitemap.ts';
import { onShelf } from '../catalog/shelf.server.ts';

export function siteUrl(path: string): string {
  return env.SITE_URL.replace(/\/$/, '') + path;
}

export async function sitemapXml(): Promise<string> {
  const db = await getDb();
  const [productRows, villageRows] = await Promise.all([
    db.select({ slug: products.slug }).from(products).where(onShelf()).orderBy(products.id),
    db.select({ slug: villages.slug }).from(villages).orderBy(villages.id),
  ]);
  const pages: SitemapPage[] = [
    { path: '/' },
    { path: '/products' },
    { path: '/villages' },
    ...productRows.map((p) => ({ path: `/products/${p.slug}` })),
    ...villageRows.map((v) => ({ path: `/villages/${v.slug}` })),
  ];
  return renderSitemap(env.SITE_URL, pages);
}

// What every catalogue page promises: no client JS, SEO tags, masked household
// names, a useful 404, a health check, readable on a 360 px phone.
import { expect, test } from '@playwright/test';
import { villages } from '../../db/demo/data.ts';

const firstVillage = villages[0];
const firstProduct = firstVillage.products[0];
const pages = ['/', '/products', `/products/${firstProduct.slug}`, '/villages', `/villages/${firstVillage.slug}`];
const allPages = [...pages, ...pages.map((p) => (p === '/' ? '/en/' : `/en${p}`))];

for (const path of allPages) {
  test(`${path}: no client JavaScript, full head metadata`, async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    expect(await page.locator('script').count()).toBe(0);
    expect(scripts).toEqual([]);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /.{20,}/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /^https?:\/\//);
    await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveCount(1);
    await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveCount(1);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /.+/);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /^https?:\/\/.+\.svg$/);
    expect(await page.locator('h1').count()).toBe(1);
  });
}

test('household producers are shown as 张某某, never by full name', async ({ page }) => {
  test.setTimeout(90_000); // ~45 pages, every village and product page in turn (18 s on PostgreSQL, more on PGlite under load)
  for (const village of villages) {
    const households = village.producers.filter((p) => p.kind === 'household');
    if (households.length === 0) continue;
    const htmls: string[] = [];
    for (const path of [`/villages/${village.slug}`, `/en/villages/${village.slug}`, ...village.products.map((p) => `/products/${p.slug}`)]) {
      await page.goto(path);
      htmls.push(await page.content());
    }
    const html = htmls.join('\n');
    for (const h of households) {
      expect(html.includes(h.name), `${h.name} appears on a public page`).toBe(false);
    }
    expect(html).toMatch(/[\u4e00-\u9fa5]{1,2}某{1,2}/);
  }
});

test('unknown pages answer 404 with a way back, in the right language', async ({ page }) => {
  let response = await page.goto('/products/no-such-product');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: '页面没有找到' })).toBeVisible();
  await expect(page.getByRole('link', { name: '逛逛全部商品' })).toBeVisible();
  response = await page.goto('/en/villages/nowhere');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  response = await page.goto('/en/some/random/path');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
});

test('healthz, sitemap.xml and robots.txt', async ({ request }) => {
  const health = await request.get('/healthz');
  expect(health.status()).toBe(200);
  const body = await health.json();
  expect(body).toEqual({ ok: true, database: { driver: process.env.DATABASE_URL ? 'postgres' : 'pglite', ok: true } });

  const sitemap = await request.get('/sitemap.xml');
  expect(sitemap.headers()['content-type']).toContain('xml');
  const xml = await sitemap.text();
  expect(xml).toContain(`/products/${firstProduct.slug}</loc>`);
  expect(xml).toContain(`/en/villages/${firstVillage.slug}</loc>`);

  const robots = await request.get('/robots.txt');
  expect(await robots.text()).toMatch(/Sitemap: https?:\/\/.+\/sitemap\.xml/);
});

test('hostile query strings get a normal page, never a 500', async ({ request }) => {
  for (const qs of ['page=-1', 'page=99999999999', "category=' OR 1=1--", 'sort=<script>', 'q=%25%25%25', `q=${'x'.repeat(5000)}`, 'province=%00']) {
    const r = await request.get(`/products?${qs}`);
    expect(r.status(), qs).toBe(200);
  }
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  for (const path of pages) {
    test(`${path} fits the screen`, async ({ page }) => {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expect(page.getByRole('searchbox')).toBeVisible();
    });
  }
});

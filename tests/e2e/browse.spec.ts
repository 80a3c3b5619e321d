// A shopper browses the store as a person would: home → search → filter →
// product → village, in Chinese and in English.
import { expect, test } from '@playwright/test';

test('Chinese: home → search 桃 → filter → product → village', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/帮扶集市/);
  await expect(page.getByRole('heading', { level: 1, name: '从村里来的好物' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '当季预售' })).toBeVisible();

  await page.getByRole('searchbox', { name: '搜索商品' }).fill('桃');
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/\/products\?q=%E6%A1%83/);
  await expect(page.getByRole('heading', { level: 1, name: '“桃”的搜索结果' })).toBeVisible();
  const results = page.getByRole('main').getByRole('heading', { level: 2 });
  await expect(results.filter({ hasText: '脆桃' })).toHaveCount(1);
  await expect(results.filter({ hasText: '大红桃' })).toHaveCount(1);

  await page.getByLabel('品类').selectOption({ label: '鲜果' });
  await page.getByLabel('只看预售').check();
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/category=fresh-fruit/);
  await expect(page).toHaveURL(/presale=1/);
  await expect(page.getByText(/预售 · \d+月\d+日起发货/).first()).toBeVisible();

  await results.filter({ hasText: '脆桃' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('脆桃');
  await expect(page.getByRole('heading', { name: '规格与价格' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /^¥\d+\.\d{2}$/ }).first()).toBeVisible(); // price per 斤
  await expect(page.getByText(/5斤装/).first()).toBeVisible();
  await expect(page.getByText(/10斤装/).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: '产地溯源' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '认证信息' })).toBeVisible();

  await page.getByRole('region', { name: '产地溯源' }).getByRole('link').click();
  await expect(page).toHaveURL(/\/villages\//);
  await expect(page.getByRole('heading', { name: '村里的生产者' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '在售商品' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('heading', { level: 3 }).filter({ hasText: '桃' }).first()).toBeVisible();
});

test('English: home → search peach → filter → product → village', async ({ page }) => {
  await page.goto('/en/');
  await expect(page).toHaveTitle(/Bangfu Market/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Good things from the village' })).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search products' }).fill('peach');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/en\/products\?q=peach/);
  const results = page.getByRole('main').getByRole('heading', { level: 2 });
  expect(await results.count()).toBeGreaterThanOrEqual(2);

  await page.getByLabel('Category').selectOption({ label: 'Fresh fruit' });
  await page.getByLabel('Sort by').selectOption({ label: 'Price: low to high' });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/sort=price_asc/);
  const prices = await page.locator('.card .price').allTextContents();
  const fen = prices.map((p) => Number(p.replace(/[^\d]/g, '')));
  expect(fen).toEqual([...fen].sort((a, b) => a - b));

  await results.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/en\/products\//);
  await expect(page.getByRole('heading', { name: 'Options and prices' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Where it comes from' })).toBeVisible();
  await page.getByRole('region', { name: 'Where it comes from' }).getByRole('link').click();
  await expect(page).toHaveURL(/\/en\/villages\//);
  await expect(page.getByRole('heading', { name: 'Producers' })).toBeVisible();

  await page
    .getByRole('link', { name: 'Switch to Chinese' })
    .or(page.getByRole('link', { name: '切换到中文' }))
    .click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '村里的生产者' })).toBeVisible();
});

test('brooms show tier prices for 100+ and 1000+', async ({ page }) => {
  await page.goto('/products?q=扫帚');
  await page.getByRole('main').getByRole('heading', { level: 2 }).first().getByRole('link').click();
  const tiers = page.getByRole('list', { name: '批量价' }).first();
  await expect(tiers.getByText(/^100把起 ¥[\d.]+\/把$/)).toBeVisible();
  await expect(tiers.getByText(/^1000把起 ¥[\d.]+\/把$/)).toBeVisible();
});

test('an empty search says so and offers a way back', async ({ page }) => {
  await page.goto('/products?q=不存在的商品xyz');
  await expect(page.getByText('没有找到符合条件的商品。')).toBeVisible();
  await expect(page.getByRole('link', { name: '清除筛选' }).first()).toBeVisible();
});

test('pagination moves through the whole catalogue', async ({ page }) => {
  await page.goto('/products');
  const pagination = page.getByRole('navigation', { name: '分页' });
  await expect(pagination).toBeVisible();
  const firstPage = await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();
  await pagination.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/page=2/);
  const secondPage = await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage.filter((n) => firstPage.includes(n))).toEqual([]);
});

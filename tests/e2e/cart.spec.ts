// A guest fills a cart from product pages; it follows them into their account at sign-in.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../db/seed-accounts.ts';

test('guest cart: add, change, remove, then merge at sign-in', async ({ page }) => {
  await page.goto('/cart');
  await expect(page.getByText('购物车还是空的，去挑点村里的好东西吧。')).toBeVisible();

  await page.goto('/products?q=扫帚');
  await page.getByRole('main').getByRole('heading', { level: 2 }).first().getByRole('link').click();
  const firstOption = page.getByRole('row').nth(1);
  await firstOption.getByRole('spinbutton').fill('100');
  await firstOption.getByRole('button', { name: '加入购物车' }).click();
  await expect(page.getByText('已加入购物车。')).toBeVisible();
  await expect(page.getByRole('link', { name: '购物车（100）' })).toBeVisible();

  await page.goto('/products?q=脆桃');
  await page.getByRole('main').getByRole('heading', { level: 2 }).first().getByRole('link').click();
  await page.getByRole('row').nth(1).getByRole('spinbutton').fill('100000');
  await page.getByRole('row').nth(1).getByRole('button', { name: '加入购物车' }).click();
  // The browser's own max stops 100000; a typed-in quantity over the stock is refused by the server.
  await page
    .getByRole('row')
    .nth(1)
    .getByRole('spinbutton')
    .evaluate((el: HTMLInputElement) => el.removeAttribute('max'));
  await page.getByRole('row').nth(1).getByRole('button', { name: '加入购物车' }).click();
  await expect(page.getByText(/库存不足|请输入 1 到 9999 之间的整数数量/)).toBeVisible();
  await page.getByRole('row').nth(1).getByRole('spinbutton').fill('2');
  await page.getByRole('row').nth(1).getByRole('button', { name: '加入购物车' }).click();
  await expect(page.getByRole('link', { name: '购物车（102）' })).toBeVisible();

  await page.getByRole('link', { name: '购物车（102）' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /发货$/ })).toHaveCount(2); // two villages, two parcels
  const total = page.getByRole('region', { name: '商品合计' });
  await expect(total).toContainText('¥');
  const spin = page.getByRole('spinbutton', { name: /脆桃/ });
  await spin.fill('1');
  await page.getByRole('listitem').filter({ has: spin }).getByRole('button', { name: '更新' }).click();
  await expect(page.getByRole('link', { name: '购物车（101）' })).toBeVisible();

  await page.goto('/signin?next=/cart');
  await page.getByLabel('邮箱').fill('consumer@bangfu.local');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByRole('spinbutton', { name: /脆桃/ })).toHaveValue('1');
  await page.getByRole('button', { name: /^删除：.*脆桃/ }).click();
  await expect(page.getByRole('spinbutton', { name: /脆桃/ })).toHaveCount(0);
});

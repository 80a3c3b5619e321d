// Orders in the browser: a guest checks out and pays by bank transfer, the
// village confirms the money and ships, the buyer sees it shipped and makes a
// claim with a photo; and an online payment through Stripe's hosted page (a
// local stand-in) followed by Stripe's signed webhook, which changes nothing twice.
import { expect, test, type Locator, type Page } from '@playwright/test';
import Stripe from 'stripe';
import { villages } from '../../db/demo/data.ts';
import { expectAccessible, signedIn } from '../support/browser.ts';
import { STANDIN_WEBHOOK_SECRET } from '../support/stripe-standin.ts';
import { inSeason } from './routes.ts';

const village = villages[0]; // managed by manager@bangfu.local
const product = inSeason(village); // it ships now: a pre-sale one would wait for its date

async function addToCartAndCheckout(page: Page) {
  await page.goto(`/products/${product.slug}`);
  await page.getByRole('row').nth(1).getByRole('button', { name: '加入购物车' }).click();
  await expect(page.getByText('已加入购物车。')).toBeVisible();
  await page.goto('/cart');
  await page.getByRole('link', { name: '去结算' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '结算' })).toBeVisible();
  await page.getByLabel('收货人').fill('王小明');
  await page.getByLabel('手机号').fill('13912345678');
  await page.getByLabel('省份').selectOption('浙江省');
  await page.getByLabel('城市').fill('杭州市');
  await page.getByLabel('区/县').fill('西湖区');
  await page.getByLabel('详细地址').fill('文三路 90 号 3 幢 501 室');
}

/** The state badge in a parcel's header (the timeline repeats state names). */
const stateOf = (parcel: Locator) => parcel.locator('header .order-status');

const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('guest pays by bank transfer; the village confirms and ships; the buyer sees it shipped and claims', async ({ page, browser }) => {
  test.setTimeout(90_000); // a long flow through two browsers; CI machines are shared
  await addToCartAndCheckout(page);
  await page.getByRole('radio', { name: /对公转账/ }).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: '提交订单' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^订单 BF\d{14}$/ })).toBeVisible();
  await expectAccessible(page);
  const number = /BF\d{14}/.exec(page.url())![0];
  const parcel = page.getByRole('region', { name: new RegExp(`包裹 1：${village.name}`) });
  await expect(stateOf(parcel)).toHaveText('待付款');
  await expect(parcel.getByText(`${village.name}股份经济合作社`)).toBeVisible(); // the village's account for the transfer
  await parcel.getByLabel('转账参考号 / 流水号').fill('网银 20261123-88');
  await parcel.getByRole('button', { name: '我已转账，提交参考号' }).click();
  await expect(page.getByText('已记录转账参考号：网银 20261123-88')).toBeVisible();

  const manager = await signedIn(browser, 'manager@bangfu.local');
  await manager.goto(`/manage/villages/${village.slug}/orders?status=pending_payment`);
  await expectAccessible(manager);
  await manager.getByRole('link', { name: `${number}-1` }).click();
  await expectAccessible(manager);
  await expect(manager.getByLabel('到账参考号（选填）')).toHaveValue('网银 20261123-88');
  await manager.getByRole('button', { name: '确认已收款' }).click();
  await expect(manager.getByRole('heading', { level: 1 })).toContainText('已付款，待发货');
  await manager.getByLabel('快递公司').fill('中通快递');
  await manager.getByLabel('运单号').fill('ZT7788990011');
  await manager.getByRole('button', { name: '发货' }).click();
  await expect(manager.getByRole('heading', { level: 1 })).toContainText('已发货');

  await page.reload();
  await expect(stateOf(parcel)).toHaveText('已发货');
  await expect(parcel.getByText('ZT7788990011', { exact: true })).toBeVisible(); // the tracking number, not only the timeline
  await parcel.getByRole('button', { name: '确认收货' }).click();
  await expect(stateOf(parcel)).toHaveText('已签收');

  await parcel.getByText('申请售后').click();
  await parcel.getByLabel('问题描述').fill('有两个桃子压坏了');
  await parcel.getByLabel('申请退款金额（元）').fill('8.5');
  await parcel.getByLabel(/照片/).setInputFiles({ name: 'peach.png', mimeType: 'image/png', buffer: tinyPng });
  await parcel.getByRole('button', { name: '提交售后申请' }).click();
  await expect(page.getByText('售后申请已提交，村里会尽快处理。')).toBeVisible();
  await expect(stateOf(parcel)).toHaveText('售后处理中');

  await manager.reload();
  const photo = manager.getByRole('img', { name: '买家照片 1' });
  await expect(photo).toBeVisible();
  // Served to the village… (the image loads lazily: wait for it rather than read it mid-load)
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : -1))).toBe(1);
  const stranger = await browser.newContext();
  const src = await photo.getAttribute('src');
  expect((await stranger.request.get(src!)).status()).toBe(404); // …and to nobody else
  await manager.getByLabel('退款金额（元）').fill('5');
  await manager.getByLabel('说明 / 驳回原因').fill('按坏果赔付');
  await manager.getByRole('button', { name: '同意退款' }).click();
  await expect(manager.getByRole('heading', { level: 1 })).toContainText('部分退款');

  await page.reload();
  await expect(stateOf(parcel)).toHaveText('部分退款');
  await expect(parcel.getByText('已同意，退款 ¥5.00')).toBeVisible();

  // Found again later by number + mobile, from a browser without the order cookie.
  const later = await (await browser.newContext()).newPage();
  await later.goto(`/orders/${number}`);
  await expect(later).toHaveURL(/\/orders\/lookup/);
  await later.getByLabel('收货手机号').fill('13900000000');
  await later.getByRole('button', { name: '查询' }).click();
  await expect(later.getByText('订单号或手机号不对，请核对后再试。')).toBeVisible();
  await later.getByLabel('收货手机号').fill('13912345678');
  await later.getByRole('button', { name: '查询' }).click();
  await expect(later.getByRole('heading', { level: 1, name: `订单 ${number}` })).toBeVisible();
});

test('online payment: Stripe’s page, back to the order paid, and a replayed signed webhook changes nothing', async ({ page, request }) => {
  await addToCartAndCheckout(page);
  await page.getByRole('radio', { name: /在线支付/ }).check();
  await page.getByRole('button', { name: '提交订单' }).click();
  await expect(page.getByRole('heading', { name: 'Stripe stand-in checkout' })).toBeVisible();
  const stripeOrigin = new URL(page.url()).origin;
  const sessionId = page.url().split('/').pop()!;
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/BF\\d{14}\\?session_id=${sessionId}`));
  const parcel = page.getByRole('region', { name: /包裹 1/ });
  await expect(stateOf(parcel)).toHaveText('已付款，待发货');

  const session = await (await request.get(`${stripeOrigin}/v1/checkout/sessions/${sessionId}`, { headers: { authorization: 'Bearer sk_test_e2e_standin' } })).json();
  const payload = JSON.stringify({
    id: `evt_e2e_${sessionId}`,
    object: 'event',
    type: 'checkout.session.completed',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    data: { object: session },
  });
  const stripe = new Stripe('sk_test_unused');
  for (let i = 0; i < 3; i++) {
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: STANDIN_WEBHOOK_SECRET });
    const res = await request.post('/api/webhooks/stripe', { data: payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });
    expect(res.status()).toBe(200);
  }
  const forged = await request.post('/api/webhooks/stripe', { data: payload, headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' } });
  expect(forged.status()).toBe(400);
  await page.reload();
  await expect(parcel.getByRole('listitem').filter({ hasText: '已付款，待发货' })).toHaveCount(1); // one "paid" on the timeline
});

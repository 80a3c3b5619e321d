// 团购接龙 in the browser: the bureau's buyer opens a group order for two
// products of 花营村, a staff member signs up through the link, the buyer adds
// their own share and closes it, and the split list shows each person's exact
// amount and the totals; staff cannot see the split list. Paid by each person:
// a staff member pays their own share on Stripe's page (the local stand-in), a
// replayed signed webhook changes nothing, and the split list says who paid online.
import { expect, test, type Browser } from '@playwright/test';
import Stripe from 'stripe';
import { STANDIN_WEBHOOK_SECRET } from '../support/stripe-standin.ts';
import { signedIn } from '../support/browser.ts';
import { villages } from '../../db/demo/data.ts';

// The third demo village: no other browser test buys from it.
const village = villages[2];
const tin = { product: village.products[0], variant: village.products[0].variants[0] }; // 封丘金银花茶 50g·罐装 ¥29.80
const bag = { product: village.products[1], variant: village.products[1].variants[0] }; // 农家晒干金银花 100g·袋装 ¥26.80

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The bureau's buyer opens a group order for the two products, from the unit's group-order page. */
async function openGroupOrder(browser: Browser, name: string, payment: 'unit' | 'each') {
  const buyer = await signedIn(browser, 'buyer@bangfu.local');
  await buyer.goto('/account/units');
  const unitId = /href="\/units\/(\d+)"/.exec(await buyer.content())![1];
  await buyer.goto(`/units/${unitId}/group-orders`);
  await buyer.getByLabel('先选择村').selectOption({ label: village.name });
  await buyer.getByRole('button', { name: '选择' }).click();
  const title = `${name} ${Date.now().toString(36)}`;
  await buyer.getByLabel('接龙名称').fill(title);
  await buyer.getByLabel('收货地点与说明').fill('局机关一楼大厅');
  await buyer.getByRole('checkbox', { name: new RegExp(`${tin.product.name} ${tin.variant.name}`) }).check();
  await buyer.getByRole('checkbox', { name: new RegExp(`${bag.product.name} ${bag.variant.name}`) }).check();
  await buyer.getByLabel('付款方式').selectOption(payment);
  await buyer.getByRole('button', { name: '发起接龙' }).click();
  await expect(buyer.getByRole('heading', { level: 1, name: `团购接龙：${title}` })).toBeVisible();
  return { buyer, title };
}

test('staff sign up through the link, the buyer closes, the split list shows the exact figures', async ({ browser }) => {
  test.setTimeout(90_000);
  const { buyer, title } = await openGroupOrder(browser, '端午福利', 'unit');
  const link = await buyer.getByRole('textbox', { name: '报名链接（发给同事）' }).inputValue();
  expect(link).toMatch(/\/group\/[A-Za-z0-9_-]{24}$/);

  // Staff open the link, choose quantities, and see everyone's total so far.
  const staff = await signedIn(browser, 'staff@bangfu.local');
  await staff.goto(new URL(link).pathname);
  await staff.getByLabel(`我要：${tin.product.name} ${tin.variant.name}`).fill('3');
  await staff.getByLabel(`我要：${bag.product.name} ${bag.variant.name}`).fill('2');
  await staff.getByRole('button', { name: '保存我的数量' }).click();
  await expect(staff.getByRole('status')).toHaveText('已保存你的数量。');
  await expect(
    staff
      .getByRole('row', { name: new RegExp(tin.variant.name) })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('3盒');
  await expect(staff.getByRole('link', { name: '分户清单' })).toHaveCount(0);
  // A wrong quantity is refused with a message, nothing saved.
  await staff.getByLabel(`我要：${bag.product.name} ${bag.variant.name}`).fill('-1');
  await staff.getByRole('button', { name: '保存我的数量' }).click();
  await expect(staff.getByRole('alert')).toHaveText('数量应为 0 到 10000 的整数。');

  // The buyer takes one tin too, then closes.
  await buyer.reload();
  await buyer.getByLabel(`我要：${tin.product.name} ${tin.variant.name}`).fill('1');
  await buyer.getByRole('button', { name: '保存我的数量' }).click();
  await expect(
    buyer
      .getByRole('row', { name: new RegExp(tin.variant.name) })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('4盒');
  await buyer.getByRole('button', { name: '立即截止并生成订单' }).click();
  await expect(buyer.getByRole('status')).toHaveText('接龙已截止。');
  await expect(buyer.getByText(/合同：HT\d{14}/)).toBeVisible();

  // Too late for staff now.
  await staff.reload();
  await expect(staff.getByText('接龙已截止，不能再修改。')).toBeVisible();
  await expect(staff.getByRole('button', { name: '保存我的数量' })).toHaveCount(0);

  await buyer.getByRole('link', { name: '分户清单' }).click();
  await expect(buyer.getByRole('heading', { level: 1, name: `分户清单：${title}` })).toBeVisible();
  const tinFen = tin.variant.priceFen;
  const bagFen = bag.variant.priceFen;
  const staffTotal = 3 * tinFen + 2 * bagFen;
  const buyerTotal = 1 * tinFen;
  const rows = buyer.getByRole('row');
  await expect(rows.filter({ hasText: '孙职工' })).toContainText(yuan(3 * tinFen));
  await expect(rows.filter({ hasText: `${bag.variant.name}` }).first()).toContainText(yuan(2 * bagFen));
  const subtotals = await buyer.getByRole('row', { name: /小计/ }).allTextContents();
  // People in name order: 孙职工 (sūn) before 赵采购 (zhào).
  expect(subtotals.map((s) => s.replace(/\s+/g, ''))).toEqual([`小计${yuan(staffTotal)}`, `小计${yuan(buyerTotal)}`]);
  await expect(buyer.getByTestId('split-total')).toHaveText(yuan(staffTotal + buyerTotal));
  await expect(rows.filter({ hasText: '合计' }).filter({ hasText: tin.variant.name })).toContainText(`4盒${yuan(4 * tinFen)}`);

  // Staff may not open the split list.
  const denied = await staff.goto(`${new URL(link).pathname}/split`);
  expect(denied?.status()).toBe(403);
});

test('pay-each: a staff member pays their own share online and sees 已支付; the split list shows who paid online', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const { buyer } = await openGroupOrder(browser, '中秋福利', 'each');
  const path = new URL(await buyer.getByRole('textbox', { name: '报名链接（发给同事）' }).inputValue()).pathname;

  const staff = await signedIn(browser, 'staff@bangfu.local');
  await staff.goto(path);
  await staff.getByLabel(`我要：${tin.product.name} ${tin.variant.name}`).fill('2');
  await staff.getByLabel(`我要：${bag.product.name} ${bag.variant.name}`).fill('1');
  await staff.getByRole('button', { name: '保存我的数量' }).click();
  await expect(staff.getByRole('status')).toHaveText('已保存你的数量。');
  // Nothing to pay while it is open.
  await expect(staff.getByRole('button', { name: '在线支付我的份额' })).toHaveCount(0);

  await buyer.reload();
  await buyer.getByLabel(`我要：${tin.product.name} ${tin.variant.name}`).fill('1');
  await buyer.getByRole('button', { name: '保存我的数量' }).click();
  await expect(buyer.getByRole('status')).toHaveText('已保存你的数量。');
  await buyer.getByRole('button', { name: '立即截止并生成订单' }).click();
  await expect(buyer.getByRole('status')).toHaveText('接龙已截止。');

  const share = 2 * tin.variant.priceFen + bag.variant.priceFen;
  await staff.reload();
  const mine = staff.getByRole('region', { name: '我的份额' });
  await expect(mine).toContainText(`¥${yuan(share)}`);
  await expect(mine).toContainText('未付');
  await staff.getByRole('button', { name: '在线支付我的份额' }).click();
  await expect(staff.getByRole('heading', { name: 'Stripe stand-in checkout' })).toBeVisible();
  await expect(staff.getByText(`${yuan(share)} CNY`)).toBeVisible();
  const stripeOrigin = new URL(staff.url()).origin;
  const sessionId = staff.url().split('/').pop()!;
  await staff.getByRole('button', { name: 'Pay' }).click();
  await expect(staff).toHaveURL(new RegExp(`${path}\\?share_session=${sessionId}$`));
  await expect(mine).toContainText('已支付');
  await expect(staff.getByRole('button', { name: '在线支付我的份额' })).toHaveCount(0);

  // Stripe's webhook for the same session, delivered three times: nothing more happens.
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
    expect((await request.post('/api/webhooks/stripe', { data: payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } })).status()).toBe(200);
  }

  // The split list: 孙职工 paid online, the buyer has not paid yet.
  await buyer.goto(`${path}/split`);
  const staffRow = buyer.getByRole('row').filter({ hasText: '孙职工' });
  await expect(staffRow).toContainText('已付（在线支付）');
  await expect(buyer.getByRole('row').filter({ hasText: '赵采购' })).toContainText('未付');
  // One payment recorded against the contract, for exactly the share, with Stripe's payment intent as reference.
  const contract = /HT\d{14}/.exec(await buyer.getByText(/合同：HT\d{14}/).innerText())![0];
  await buyer.goto(`/procurement/contracts/${contract}`);
  const payments = buyer.getByRole('region', { name: '付款记录' }).getByRole('listitem');
  await expect(payments).toHaveCount(1);
  await expect(payments).toContainText(`¥${yuan(share)} · ${session.payment_intent}`);
});

// The account pages as a shopper uses them: edit the profile, keep two delivery
// addresses (switch the default, delete one after confirming), and sign out a
// second device from the "登录设备" page. No JavaScript is needed for any of it.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { finishSignUp } from '../support/mail.ts';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PASSWORD = 'autumn-chestnut-2027';

async function fillAddress(page: Page, a: { recipient: string; mobile: string; province: string; city: string; district: string; detail: string }) {
  await page.getByLabel('收货人').fill(a.recipient);
  await page.getByLabel('手机号', { exact: true }).fill(a.mobile);
  await page.getByLabel('省份').fill(a.province);
  await page.getByLabel('城市').fill(a.city);
  await page.getByLabel('区/县').fill(a.district);
  await page.getByLabel('详细地址').fill(a.detail);
  await page.getByRole('button', { name: '保存地址' }).click();
}

async function noSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

test('profile, two addresses, a new default, a confirmed delete, and signing out the other device', async ({ page, browser }) => {
  test.setTimeout(90_000); // a long flow through two browsers (23 s on a quiet CI machine, 30+ s when it is shared)
  const email = `acct-${unique()}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('称呼').fill('李桂兰');
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '注册' }).click();
  await finishSignUp(page, browser, email);
  await expect(page).toHaveURL(/\/account$/);

  // Profile: the email is shown, not editable; a bad mobile is refused with the typed value kept.
  await expect(page.getByRole('heading', { name: '账户信息', level: 1 })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByLabel('称呼')).toHaveValue('李桂兰');
  await page.getByLabel('称呼').fill('李桂兰（千岛湖）');
  await page.getByLabel('手机号（选填）').fill('12345');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('请输入中国大陆 11 位手机号，例如 13800138000。')).toBeVisible();
  await expect(page.getByLabel('称呼')).toHaveValue('李桂兰（千岛湖）');
  await page.getByLabel('手机号（选填）').fill('138 0013 8000');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('账户信息已保存。');
  await expect(page.getByLabel('称呼')).toHaveValue('李桂兰（千岛湖）');
  await expect(page.getByLabel('手机号（选填）')).toHaveValue('13800138000');
  await noSeriousAxeViolations(page);

  // Addresses: empty, then two; the first is the default.
  await page.getByRole('navigation', { name: '账户' }).getByRole('link', { name: '收货地址' }).click();
  await expect(page.getByText('还没有保存收货地址。')).toBeVisible();
  await fillAddress(page, { recipient: '李桂兰', mobile: '13800138000', province: '浙江省', city: '杭州市', district: '淳安县', detail: '千岛湖镇新安东路 12 号' });
  await expect(page.getByRole('status')).toHaveText('地址已保存。');
  await fillAddress(page, { recipient: '王建国', mobile: '139 1234 5678', province: '北京市', city: '北京市', district: '东城区', detail: '东长安街 1 号 5 层' });
  const list = page.getByRole('list', { name: '已保存的收货地址' });
  const home = list.getByRole('listitem').filter({ hasText: '千岛湖镇新安东路 12 号' });
  const office = list.getByRole('listitem').filter({ hasText: '东长安街 1 号 5 层' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(home.getByText('默认', { exact: true })).toBeVisible();
  await expect(office.getByText('默认', { exact: true })).toHaveCount(0);
  await noSeriousAxeViolations(page);

  // The second becomes the default: exactly one default remains.
  await office.getByRole('button', { name: /设为默认/ }).click();
  await expect(page.getByRole('status')).toHaveText('已设为默认地址。');
  await expect(office.getByText('默认', { exact: true })).toBeVisible();
  await expect(list.getByText('默认', { exact: true })).toHaveCount(1);

  // Delete the first, through the confirmation page (a plain link, then a POST button).
  await home.getByRole('link', { name: /删除/ }).click();
  await expect(page.getByRole('heading', { name: '删除收货地址' })).toBeVisible();
  await expect(page.getByText('千岛湖镇新安东路 12 号')).toBeVisible();
  await page.getByRole('link', { name: '取消' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await home.getByRole('link', { name: /删除/ }).click();
  await page.getByRole('button', { name: '确认删除' }).click();
  await expect(page.getByRole('status')).toHaveText('地址已删除。');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByText('千岛湖镇新安东路 12 号')).toHaveCount(0);

  // Someone else's (or a made-up) address id is simply not found.
  const response = await page.goto('/account/addresses?delete=2147483647');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('alert')).toHaveText('没有找到这个地址，可能已经删除了。');

  // A second device signs in; this one signs it out.
  const phoneContext = await browser.newContext();
  const phone = await phoneContext.newPage();
  await phone.goto('/signin');
  await phone.getByLabel('邮箱').fill(email);
  await phone.getByLabel('密码').fill(PASSWORD);
  await phone.getByRole('button', { name: '登录' }).click();
  await expect(phone).toHaveURL(/\/account$/);

  await page.goto('/account');
  await page.getByRole('navigation', { name: '账户' }).getByRole('link', { name: '登录设备' }).click();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3); // header + two sessions
  await expect(page.getByRole('row').filter({ hasText: '当前设备' })).toHaveCount(1);
  await noSeriousAxeViolations(page);
  await page.getByRole('button', { name: '退出其他所有设备' }).click();
  await expect(page.getByRole('status')).toHaveText('已退出其他 1 台设备。');
  await expect(rows).toHaveCount(2);
  await expect(page.getByText('目前只有这台设备登录着您的账户。')).toBeVisible();

  await phone.goto('/account/addresses');
  await expect(phone).toHaveURL(/\/signin\?next=%2Faccount%2Faddresses$/);
  await phoneContext.close();
});

test('account pages need a signed-in user, in both languages', async ({ page }) => {
  for (const path of ['/account', '/account/addresses', '/account/sessions', '/en/account/addresses?edit=1']) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/signin\\?next=${encodeURIComponent(path).replace(/[?]/g, '\\?')}$`));
  }
});

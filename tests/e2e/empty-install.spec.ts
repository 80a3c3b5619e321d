// A county's first day (#14): the production server on an EMPTY database — PostgreSQL
// when the suite runs on it, else a fresh PGlite directory — with one admin made by
// `npm run user:create`. Nothing is seeded; /admin guides; the admin adds a village
// (its place from the national division codes), invites its manager by email; the
// manager accepts through the mailed link (once); every write lands in the audit log;
// pausing the village is recorded too.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { databaseUrl, uniqueName, withAdmin } from '../setup/databases.ts';
import { testEnv } from '../setup/env.ts';
import { startInstance, type Instance } from '../setup/instances.ts';
import { makeCreditCode } from '../factories/users.ts';

const PASSWORD = 'county-first-day-2027';
const ADMIN = 'root@county.example';
const MANAGER = 'cadre@county.example';

let server: Instance;
let origin: string;
let cleanup: () => Promise<void>;
test.describe.configure({ mode: 'serial', timeout: 180_000 });

/** `npm run user:create` as an operator runs it (the password from the environment: no terminal here). */
function userCreate(dbEnv: NodeJS.ProcessEnv, email: string, role: 'admin' | 'user') {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/user-create.ts', '--email', email, '--role', role, '--name', role === 'admin' ? '县管理员' : '李干部'], {
      env: { ...process.env, ...dbEnv, PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (out += c));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`user:create exited ${code}: ${out}`))));
  });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  let dbEnv: NodeJS.ProcessEnv;
  if (testEnv.DATABASE_URL) {
    const name = uniqueName('bangfu_empty');
    await withAdmin(testEnv.DATABASE_URL, (sql) => sql.unsafe(`create database "${name}"`));
    dbEnv = { DATABASE_URL: databaseUrl(testEnv.DATABASE_URL, name) };
    cleanup = () => withAdmin(testEnv.DATABASE_URL!, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`)).then(() => {});
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'bangfu-empty-'));
    dbEnv = { DATABASE_URL: undefined, PGLITE_DIR: dir };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
  // One process at a time on a PGlite directory: the accounts first, then the server.
  await userCreate(dbEnv, ADMIN, 'admin');
  await userCreate(dbEnv, MANAGER, 'user');
  server = await startInstance({ databaseUrl: dbEnv.DATABASE_URL ?? '', env: { ...dbEnv, UPLOAD_DIR: join(tmpdir(), uniqueName('bangfu-empty-uploads')) }, readyMs: 90_000 });
  origin = server.origin;
});
test.afterAll(async () => {
  await server?.stop();
  await cleanup?.();
});

/** Phone-sized pages never scroll sideways (most managers are on a 360 px phone). */
async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${page.url()} scrolls sideways at 360 px`).toBeLessThanOrEqual(360);
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/account$/);
  return page;
}

test('an empty install: nothing seeded, a checklist, a village from the division codes, its manager invited and accepted, all audited', async ({ browser }) => {
  // Nothing on the shelf: `npm start` seeded no demo data.
  const guest = await (await browser.newContext({ baseURL: origin })).newPage();
  await guest.goto('/products');
  await expect(guest.getByText('没有找到符合条件的商品。')).toBeVisible();
  await expect(guest.locator('article.card')).toHaveCount(0);
  await guest.goto('/villages');
  await expect(guest.getByRole('link', { name: /桃花峪/ })).toHaveCount(0);

  const admin = await signedIn(browser, ADMIN);
  await admin.goto('/admin');
  const checklist = admin.getByRole('region', { name: '开始使用：第一笔销售之前' });
  await expect(checklist.getByRole('listitem')).toHaveCount(3);
  await expect(checklist.getByText('待完成')).toHaveCount(3);

  // The village, on a phone-sized screen: the place level by level (each choice reloads the next list).
  await admin.setViewportSize({ width: 360, height: 800 });
  await checklist.getByRole('link', { name: /添加第一个村/ }).click();
  await expect(admin.getByRole('heading', { name: '添加村' })).toBeVisible();
  await admin.getByLabel('村名').fill('石门村');
  await admin.getByLabel('省（自治区、直辖市）').selectOption({ label: '陕西省' });
  await expect(admin.getByLabel('市（州）')).toBeEnabled();
  await admin.getByLabel('市（州）').selectOption({ label: '商洛市' });
  await expect(admin.getByLabel('县（区、市）')).toBeEnabled();
  await admin.getByLabel('县（区、市）').selectOption({ label: '柞水县' });
  await expect(admin.getByLabel('乡镇（街道）')).toBeEnabled();
  await admin.getByLabel('乡镇（街道）').selectOption({ index: 1 });
  await expect(admin.getByLabel('村（居）委会（选填）')).toBeEnabled();
  // What was typed survived the reloads.
  await expect(admin.getByLabel('村名')).toHaveValue('石门村');
  await admin.getByLabel('村（居）委会（选填）').selectOption({ index: 1 });
  await admin.getByLabel('法定名称').fill('石门村股份经济合作社');
  // A wrong check character is refused on its field, and nothing is written.
  const good = makeCreditCode(1, 'N2611026');
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  await admin.getByLabel('统一社会信用代码').fill(bad);
  await admin.getByLabel('户名').fill('石门村股份经济合作社');
  await admin.getByRole('button', { name: '添加村', exact: true }).click();
  await expect(admin.getByText('统一社会信用代码应为 18 位，且校验位正确')).toBeVisible();
  await expect(admin.getByLabel('统一社会信用代码')).toHaveAttribute('aria-invalid', 'true');
  await fitsPhone(admin);
  await admin.getByLabel('统一社会信用代码').fill(good);
  // Bank details are all or nothing.
  await admin.getByRole('button', { name: '添加村', exact: true }).click();
  await expect(admin.getByText('对公账户的户名、开户行和账号需同时填写（或都不填）。')).toBeVisible();
  await admin.getByLabel('开户行').fill('柞水县农村信用合作联社');
  await admin.getByLabel('账号').fill('2707 0012 3456 7890');
  await admin.getByRole('button', { name: '添加村', exact: true }).click();
  await expect(admin.getByText('已添加 石门村。下一步：邀请村管理员。')).toBeVisible();
  await expect(admin.getByText(/区划代码 611026\d{6}/)).toBeVisible();
  const villageUrl = admin.url();

  // Invite the manager by email; the mail sits in the outbox (no SMTP here).
  await admin.getByLabel('邀请管理员（邮箱）').fill(MANAGER);
  await admin.getByRole('button', { name: '发送邀请' }).click();
  await expect(admin.getByText(`已向 ${MANAGER} 发送邀请，7 天内有效。`)).toBeVisible();
  let link = '';
  await expect(async () => {
    await admin.goto('/admin/outbox');
    const text = (await admin.getByRole('main').textContent()) ?? '';
    link = /https?:\/\/\S+\/manage\/accept\?code=[a-z2-7]+\.[a-z2-7]+/.exec(text.slice(text.indexOf(MANAGER)))?.[0] ?? '';
    expect(link).not.toBe('');
  }).toPass({ timeout: 20_000 });
  const accept = new URL(link);

  // Someone else signed in cannot use it.
  await admin.goto(accept.pathname + accept.search);
  await expect(admin.getByText(`这个邀请是发给 ${MANAGER} 的`)).toBeVisible();
  await expect(admin.getByRole('button', { name: '接受邀请' })).toHaveCount(0);

  const manager = await signedIn(browser, MANAGER);
  await manager.setViewportSize({ width: 360, height: 800 });
  await manager.goto(accept.pathname + accept.search);
  await expect(manager.getByText('石门村 邀请您担任村管理员')).toBeVisible();
  await manager.getByRole('button', { name: '接受邀请' }).click();
  await expect(manager).toHaveURL(/\/manage\/villages\/v611026\d{6}\?welcome=1$/);
  const desk = manager.url().replace(/\?.*$/, '');
  // Single-use.
  await manager.goto(accept.pathname + accept.search);
  await expect(manager.getByText('这个邀请链接已失效')).toBeVisible();

  // The checklist moves on: two done, the product still to do.
  await admin.goto('/admin');
  await expect(checklist.getByText('已完成')).toHaveCount(2);
  await expect(checklist.getByText('待完成')).toHaveCount(1);

  // The manager lists a producer: a household needs its consent on record; a cooperative its credit code.
  await manager.goto(`${desk}/producers`);
  await expect(manager.getByText('还没有登记生产经营主体')).toBeVisible();
  await fitsPhone(manager);
  await manager.getByLabel('类型').selectOption({ label: '农户' });
  await manager.getByLabel('名称或户主姓名').fill('王秀英');
  await manager.getByRole('button', { name: '保存' }).click();
  await expect(manager.getByText('农户上架前须记录其同意').first()).toBeVisible();
  await expect(manager.getByLabel('名称或户主姓名')).toHaveValue('王秀英');
  await manager.getByLabel('类型').selectOption({ label: '合作社' });
  await manager.getByLabel('名称或户主姓名').fill('柞水县石门木耳专业合作社');
  await manager.getByLabel(/统一社会信用代码/).fill(makeCreditCode(2, '93611026'));
  await manager.getByRole('button', { name: '保存' }).click();
  await expect(manager.getByText('已保存。')).toBeVisible();
  await expect(manager.getByRole('link', { name: '编辑 柞水县石门木耳专业合作社' })).toBeVisible();

  // A product with two options; a bad price is refused on its own cell, and every row keeps what was typed.
  await manager.goto(desk);
  await manager.getByRole('link', { name: '添加商品' }).click();
  await manager.getByLabel('商品名称').fill('石门黑木耳');
  await manager.getByLabel('分类').selectOption({ label: '蔬菜干货' });
  await manager.getByLabel('生产经营主体').selectOption({ label: '柞水县石门木耳专业合作社（合作社）' });
  await manager.getByLabel('一句话介绍（选填）').fill('秦岭椴木黑木耳，肉厚无沙');
  await manager.getByLabel('规格名称（1）').fill('250克袋装');
  await manager.getByLabel('单位（1）').selectOption({ label: '袋' });
  await manager.getByLabel('净重（克）（1）').fill('250');
  await manager.getByLabel('售价（元）（1）').fill('39.80');
  await manager.getByLabel('库存（1）').fill('100');
  await manager.getByLabel('阶梯价（选填）（1）').fill('10 36.00');
  await manager.getByLabel('规格名称（2）').fill('500克礼盒');
  await manager.getByLabel('单位（2）').selectOption({ label: '盒' });
  await manager.getByLabel('净重（克）（2）').fill('500');
  await manager.getByLabel('售价（元）（2）').fill('七十八');
  await manager.getByLabel('库存（2）').fill('50');
  await fitsPhone(manager);
  await manager.getByRole('button', { name: '保存草稿' }).click();
  await expect(manager.getByLabel('售价（元）（2）')).toHaveAttribute('aria-invalid', 'true');
  await expect(manager.getByText('请填写售价（元），如 39.80。')).toBeVisible();
  await expect(manager.getByLabel('规格名称（1）')).toHaveValue('250克袋装');
  await expect(manager.getByLabel('阶梯价（选填）（1）')).toHaveValue('10 36.00');
  await expect(manager.getByLabel('售价（元）（2）')).toHaveValue('七十八');
  await manager.getByLabel('售价（元）（2）').fill('78.00');
  await manager.getByRole('button', { name: '保存草稿' }).click();
  await expect(manager.getByText('草稿已保存。检查无误后请提交审核。')).toBeVisible();
  // A credential with its scan (a PDF); the scan is for the village and the platform only.
  await manager.getByLabel('认证类型').selectOption({ label: '绿色食品' });
  await manager.getByLabel('证书编号').fill('LB-45-22080912345');
  await manager.getByLabel('发证机构').fill('中国绿色食品发展中心');
  await manager.getByLabel('有效期至（选填）').fill('2030-12-31');
  await manager.getByLabel(/扫描件/).setInputFiles({ name: '绿色食品证书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%scan\n') });
  await manager.getByRole('button', { name: '添加认证' }).click();
  await expect(manager.getByText('认证已添加。')).toBeVisible();
  const scan = await manager.getByRole('link', { name: '查看扫描件' }).getAttribute('href');
  expect((await manager.request.get(scan!)).status()).toBe(200);
  expect((await guest.request.get(scan!)).status()).toBe(404);
  await manager.getByRole('button', { name: '提交审核' }).click();
  await expect(manager.getByText('已提交审核，平台审核后会上架。')).toBeVisible();
  await fitsPhone(manager);

  // Not on sale before the review.
  await guest.goto('/products?q=石门黑木耳');
  await expect(guest.locator('article.card')).toHaveCount(0);

  await admin.goto('/admin/review');
  await fitsPhone(admin);
  const item = admin.getByRole('region', { name: '石门黑木耳' });
  await expect(item).toContainText('柞水县石门木耳专业合作社');
  await item.getByRole('button', { name: /通过/ }).click();
  await expect(admin.getByText('已通过，商品已上架。')).toBeVisible();
  await admin.goto('/admin');
  await expect(admin.getByRole('region', { name: '开始使用：第一笔销售之前' })).toHaveCount(0);

  // A guest buys it by bank transfer; the manager confirms the money; the village's figures count it.
  await guest.goto('/products?q=石门黑木耳');
  await guest
    .getByRole('link', { name: /石门黑木耳/ })
    .first()
    .click();
  await expect(guest.getByRole('region', { name: '认证信息' })).toContainText('绿色食品');
  await guest
    .getByRole('row', { name: /250克袋装/ })
    .getByRole('button', { name: '加入购物车' })
    .click();
  await expect(guest.getByText('已加入购物车。')).toBeVisible();
  await guest.goto('/cart');
  await guest.getByRole('link', { name: '去结算' }).click();
  await guest.getByLabel('收货人').fill('王小明');
  await guest.getByLabel('手机号').fill('13912345678');
  await guest.getByLabel('省份').selectOption('浙江省');
  await guest.getByLabel('城市').fill('杭州市');
  await guest.getByLabel('区/县').fill('西湖区');
  await guest.getByLabel('详细地址').fill('文三路 90 号 3 幢 501 室');
  await guest.getByRole('radio', { name: /对公转账/ }).check();
  await guest.getByRole('button', { name: '提交订单' }).click();
  await expect(guest.getByRole('heading', { level: 1, name: /^订单 BF\d{14}$/ })).toBeVisible();
  await expect(guest.getByText('石门村股份经济合作社').first()).toBeVisible(); // the collective's account for the transfer
  const number = /BF\d{14}/.exec(guest.url())![0];
  await manager.goto(`${desk}/orders/${number}-1`);
  await manager.getByRole('button', { name: '确认已收款' }).click();
  await expect(manager.getByRole('heading', { level: 1 })).toContainText('已付款，待发货');
  await manager.goto(`${desk}/report?period=${new Date().getFullYear()}`);
  const total = manager.getByRole('region', { name: '按渠道' }).getByRole('row', { name: /消费帮扶总额/ });
  await expect(total.getByRole('cell').first()).toHaveText('¥39.80');

  // Pause the village (after confirming), then read the audit log.
  await admin.goto(villageUrl.replace(/\?.*$/, ''));
  await admin.getByLabel('确认暂停 石门村').check();
  await admin.getByRole('button', { name: '暂停本村' }).click();
  await expect(admin.getByRole('status')).toHaveText('石门村 已暂停：商品已下架，订单和报表保留。');
  await guest.goto('/products?q=石门黑木耳');
  await expect(guest.locator('article.card')).toHaveCount(0);

  await admin.goto('/admin/audit');
  await fitsPhone(admin);
  const rows = admin.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: '添加村' })).toHaveCount(1);
  await expect(rows.filter({ hasText: '邀请村管理员' })).toContainText(ADMIN);
  await expect(rows.filter({ hasText: '接受管理员邀请' })).toContainText(MANAGER);
  await expect(rows.filter({ hasText: '暂停村' })).toHaveCount(1);
  await expect(rows.filter({ hasText: '审核通过商品' })).toHaveCount(1);
  await expect(rows.filter({ hasText: '添加生产经营主体' })).toContainText(MANAGER);
  // Filters: by who, by date (nothing before today), by kind of record.
  await admin.getByLabel('操作人（邮箱或姓名）').fill('cadre');
  await admin.getByRole('button', { name: '筛选' }).click();
  // The header, the acceptance, the producer, the product, its credential and its submission.
  await expect(rows).toHaveCount(6);
  await expect(rows.filter({ hasText: '添加商品认证' })).toHaveCount(1);
  await admin.goto('/admin/audit?to=2020-01-01');
  await expect(admin.getByText('没有符合条件的记录。')).toBeVisible();
  await admin.goto('/admin/audit?target=user');
  await expect(admin.getByText('没有符合条件的记录。')).toBeVisible();
});

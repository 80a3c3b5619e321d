// A village report in the browser: the figures on the page, the entries behind
// them, and the same figures read back from the downloaded .xlsx and .csv.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import readXlsxFile from 'read-excel-file/node';
import { DEMO_PASSWORD } from '../../db/seed-accounts.ts';
import { villages } from '../../db/demo/data.ts';

async function signInAs(page: Page, email: string) {
  await page.goto('/signin');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('link', { name: '我的账户' })).toBeVisible();
}

// The second demo village: its demo sales history is not touched by other browser tests.
const village = villages[1];

test('an admin opens a village’s yearly figures, drills down, and downloads them as Excel and CSV', async ({ page }) => {
  await signInAs(page, 'admin@bangfu.local');

  await page.goto(`/manage/villages/${village.slug}`);
  await page.getByRole('link', { name: '消费帮扶统计' }).click();
  await page.getByLabel('期间').selectOption(String(new Date().getFullYear()));
  await page.getByRole('button', { name: '查看' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${village.name} · 消费帮扶统计` })).toBeVisible();

  const channels = page.getByRole('region', { name: '按渠道' });
  const totalRow = channels.getByRole('row', { name: /消费帮扶总额/ });
  const totalText = (await totalRow.getByRole('cell').first().textContent())!.trim(); // e.g. ¥1,234.50
  const totalYuan = totalText.replace(/[¥,]/g, '');
  expect(Number(totalYuan)).toBeGreaterThan(0); // the demo history has sales this year
  await expect(page.getByRole('img', { name: /各月消费帮扶金额/ })).toBeVisible(); // the SVG trend chart
  await expect(page.locator('#summary-paragraph')).toContainText(`${village.name}`);
  await expect(page.locator('#summary-paragraph')).toContainText('万元');

  // Drill down: the entries add up to the total.
  await totalRow.getByRole('link', { name: '明细' }).click();
  await expect(page.getByText(`合计 ${totalText}`)).toBeVisible();
  // Every entry of the period, streamed as .xlsx: the rows add up to the same total.
  const [entries] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出本期全部明细（Excel）' }).click()]);
  const [ledger] = await readXlsxFile(await readFile((await entries.path())!));
  expect(ledger.data[0]).toContain('金额（元）');
  const amountCol = (ledger.data[0] as string[]).indexOf('金额（元）');
  const entriesSum = ledger.data.slice(1).reduce((sum, row) => sum + Math.round(Number(row[amountCol]) * 100), 0);
  expect((entriesSum / 100).toFixed(2)).toBe(totalYuan);
  await page.getByRole('link', { name: '返回统计' }).click();

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const sheets = await readXlsxFile(await readFile((await xlsx.path())!));
  expect(sheets.map((s) => s.sheet)).toEqual(['按渠道', '按产品', '按帮扶单位', '按经营主体', '月度趋势']);
  const byChannel = sheets[0].data;
  expect(byChannel[0]).toEqual(['渠道', '金额（元）']);
  const total = byChannel.find((row) => row[0] === '合计')!;
  expect(Number(total[1]).toFixed(2)).toBe(totalYuan);
  const productsSum = sheets[1].data.slice(1).reduce((sum, row) => sum + Math.round(Number(row[1]) * 100), 0);
  expect((productsSum / 100).toFixed(2)).toBe(totalYuan);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()]);
  const text = await readFile((await csv.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff); // BOM: Excel opens the Chinese correctly
  expect(text).toContain(`"合计","${totalYuan}"`);
});

test('a unit admin sets an annual target and sees the unit’s progress, pace and paragraph', async ({ page }) => {
  await signInAs(page, 'unitadmin@bangfu.local');
  await page.goto('/account/units');
  await page.getByRole('link', { name: '蒙阴县农业农村局' }).first().click();
  await page.getByRole('link', { name: '消费帮扶统计' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '蒙阴县农业农村局 · 消费帮扶统计' })).toBeVisible();
  // The demo staff member's purchases count for the bureau (职工购买), and so do the demo contract's
  // accepted peanut deliveries (单位采购): the paragraph names both. The last twelve months hold both
  // whatever day of the year the test runs.
  const day = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - n * 86_400_000));
  await page.goto(`${page.url().split('?')[0]}?from=${day(364)}&to=${day(0)}`);
  await expect(page.locator('#summary-paragraph')).toContainText('蒙阴县农业农村局组织单位及帮扶责任人通过平台购买');
  await expect(page.locator('#summary-paragraph')).toContainText('其中单位采购');
  await page.locator('summary', { hasText: '添加年度目标' }).click();
  await page.getByLabel('名称', { exact: true }).fill('食堂预留份额');
  await page.getByLabel('目标金额（元）').fill('abc');
  await page.getByRole('button', { name: '添加年度目标' }).click();
  await expect(page.getByText('请输入金额，如 12.50。')).toBeVisible();
  await page.getByLabel('目标金额（元）').fill('50000');
  await page.getByLabel('测算依据（选填）').fill('食堂食材采购预算 50 万元 × 10%');
  await page.getByRole('button', { name: '添加年度目标' }).click();
  const target = page.getByRole('listitem').filter({ hasText: '食堂预留份额' });
  await expect(target).toContainText('目标 ¥50,000.00');
  await expect(target).toContainText(/按目前进度/);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']).analyze();
  expect(violations.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => x.id)).toEqual([]);
  await target.getByRole('button', { name: '删除：食堂预留份额' }).click();
  await expect(page.getByText('食堂预留份额')).toHaveCount(0);
});

test('a village manager records a brokered sale with evidence; it shows as self-reported and in the paragraph', async ({ page, browser }) => {
  const mine = villages[0];
  await signInAs(page, 'manager@bangfu.local');
  await page.goto(`/manage/villages/${mine.slug}`);
  await page.getByRole('link', { name: '帮助销售登记' }).click();
  await page.getByLabel('购买方').fill('县城惠民超市');
  await page.getByLabel('产品', { exact: true }).fill('鲜桃');
  await page.getByLabel('数量', { exact: true }).fill('500');
  await page.getByLabel('单位', { exact: true }).selectOption('case');
  await page.getByLabel('每单位折合斤数（选填）').fill('10');
  await page.getByLabel('金额（元）').fill('40000');
  await page.getByLabel(/凭证/).setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await page.getByRole('button', { name: '登记一笔帮助销售' }).click();
  await expect(page.getByText('已登记，计入帮助销售。')).toBeVisible();
  const record = page.getByRole('listitem').filter({ hasText: '县城惠民超市' }).first();
  await expect(record).toContainText('5000斤');
  await expect(record).toContainText('自报');
  const evidence = record.getByRole('link', { name: '凭证 1' });
  const href = (await evidence.getAttribute('href'))!;
  expect((await page.request.get(href)).headers()['content-type']).toBe('application/pdf');
  expect((await (await browser.newContext()).request.get(href)).status()).toBe(404);

  await page.getByRole('link', { name: '消费帮扶统计' }).click();
  await expect(page.locator('#summary-paragraph')).toContainText('帮助销售鲜桃');
  await expect(page.locator('#summary-paragraph')).toContainText('斤');
});

test('the reports API: a unit token reads its unit only; sessions follow the pages’ rules; bad input is a 400 with a message', async ({ page, request, browser }) => {
  await signInAs(page, 'unitadmin@bangfu.local');
  await page.goto('/account/units');
  await page.getByRole('link', { name: '蒙阴县农业农村局' }).first().click();
  const unitId = /\/units\/(\d+)/.exec(page.url())![1];
  await page.goto(`/units/${unitId}/report`);
  await page.getByLabel('令牌名称（如“财务系统”）').fill('财务系统');
  await page.getByRole('button', { name: '生成令牌' }).click();
  const token = await page.locator('#new-token').inputValue();
  expect(token).toMatch(/^bfu_/);

  const year = new Date().getFullYear();
  const res = await request.get(`/api/v1/reports/units/${unitId}?period=${year}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.unit.name).toBe('蒙阴县农业农村局');
  expect(BigInt(body.byChannel.staff_purchase.fen)).toBeGreaterThan(0n); // the demo staff member's purchases
  expect(body.total.yuan).toMatch(/^\d+\.\d{2}$/);
  // The page shows the same total.
  await page.goto(`/units/${unitId}/report?period=${year}`);
  await expect(page.getByRole('region', { name: '消费帮扶总额' })).toContainText(`¥${Number(body.total.yuan).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`);

  expect((await request.get(`/api/v1/reports/units/${Number(unitId) + 1}`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(403);
  expect((await request.get(`/api/v1/reports/platform`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(403);
  expect((await request.get(`/api/v1/reports/units/${unitId}`, { headers: { authorization: 'Bearer bfu_forged' } })).status()).toBe(401);
  const stranger = (await browser.newContext()).request;
  expect((await stranger.get(`/api/v1/reports/units/${unitId}`)).status()).toBe(401);
  // Credentials are checked before anything else: a stranger learns nothing from a bad query.
  const probe = await stranger.get(`/api/v1/reports/units/${unitId}?period=2026-Q9`);
  expect(probe.status()).toBe(401);
  expect((await probe.json()).error.code).toBe('unauthorized');
  // Unknown addresses and other methods answer in JSON too, never with the HTML page.
  const missing = await request.get('/api/v1/reports/nothing-here', { headers: { authorization: `Bearer ${token}` } });
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe('not_found');
  const post = await request.post(`/api/v1/reports/units/${unitId}`, { headers: { authorization: `Bearer ${token}`, origin: new URL(page.url()).origin } });
  expect(post.status()).toBe(405);
  expect(post.headers().allow).toBe('GET');
  expect((await post.json()).error.code).toBe('method_not_allowed');
  const bad = await request.get(`/api/v1/reports/units/${unitId}?period=2026-Q9`, { headers: { authorization: `Bearer ${token}` } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toContain('查询参数不正确');
  const unknown = await request.get(`/api/v1/reports/units/${unitId}?period=2026&drop=table`, { headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });
  expect((await unknown.json()).error.message).toContain('Bad query');

  const doc = await (await request.get('/api/v1/openapi.json')).json();
  expect(Object.keys(doc.paths)).toEqual(['/api/v1/reports/villages/{id}', '/api/v1/reports/units/{id}', '/api/v1/reports/platform']);
  expect(doc.components.schemas.UnitReport.properties.total.$ref).toBe('#/components/schemas/Money');
  expect(doc.paths['/api/v1/reports/platform'].get.parameters.map((p: { name: string; description: string }) => [p.name, Boolean(p.description)])).toEqual([
    ['period', true],
    ['from', true],
    ['to', true],
  ]);

  await page.getByRole('button', { name: '停用：财务系统' }).first().click();
  expect((await request.get(`/api/v1/reports/units/${unitId}`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test('a village manager publishes a 公示 for a year; anyone reads it, with households counted and never named', async ({ page, browser }) => {
  const mine = villages[0];
  const year = String(new Date().getFullYear() - 1);
  await signInAs(page, 'manager@bangfu.local');
  const stranger = await (await browser.newContext()).newPage();
  expect((await stranger.goto(`/villages/${mine.slug}/notice/${year}`))!.status()).toBe(404);
  await page.goto(`/manage/villages/${mine.slug}/report?period=${year}`);
  await page.getByRole('button', { name: '在村页面公示本期数据' }).click();
  await expect(page.getByRole('button', { name: '撤回公示' })).toBeVisible();

  await stranger.goto(`/villages/${mine.slug}`);
  await stranger.getByRole('link', { name: `${year}年` }).click();
  await expect(stranger.getByRole('heading', { level: 1 })).toContainText(`${mine.name}${year}年消费帮扶情况公示`);
  await expect(stranger.getByRole('region', { name: '按产品' })).toBeVisible();
  const html = await stranger.content();
  for (const producer of mine.producers.filter((p) => p.kind === 'household')) expect(html).not.toContain(producer.name);
  expect(html).not.toContain('脱贫户');

  await page.getByRole('button', { name: '撤回公示' }).click();
  await expect(page.getByRole('button', { name: '在村页面公示本期数据' })).toBeVisible();
  expect((await stranger.goto(`/villages/${mine.slug}/notice/${year}`))!.status()).toBe(404);
});

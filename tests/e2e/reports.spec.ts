// A village report in the browser: the figures on the page, the entries behind
// them, and the same figures read back from the downloaded .xlsx and .csv.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import readXlsxFile from 'read-excel-file/node';
import { DEMO_PASSWORD } from '../../db/seed-accounts.ts';
import { villages } from '../../db/demo/data.ts';

// The second demo village: its demo sales history is not touched by other browser tests.
const village = villages[1];

test('an admin opens a village’s yearly figures, drills down, and downloads them as Excel and CSV', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('邮箱').fill('admin@bangfu.local');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('link', { name: '我的账户' })).toBeVisible();

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
  await page.goto('/signin');
  await page.getByLabel('邮箱').fill('unitadmin@bangfu.local');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('link', { name: '我的账户' })).toBeVisible();
  await page.goto('/account/units');
  await page.getByRole('link', { name: '蒙阴县农业农村局' }).first().click();
  await page.getByRole('link', { name: '消费帮扶统计' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '蒙阴县农业农村局 · 消费帮扶统计' })).toBeVisible();
  // The demo staff member's purchases count for the bureau (职工购买).
  await expect(page.locator('#summary-paragraph')).toContainText('蒙阴县农业农村局组织帮扶责任人通过平台购买');
  await page.locator('summary', { hasText: '添加年度目标' }).click();
  await page.getByLabel('名称').fill('食堂预留份额');
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

// The broom contract of DESIGN.md in the browser, with three people: the
// sanitation firm's admin asks 郝家屯村 for 1000 把 a month for a year, the
// village manager quotes (the tier price filled in), the firm accepts, its
// approver approves, and the contract's first delivery is shipped, accepted with
// a shortfall, invoiced and paid. The contract, the statement and the ledger
// then show the exact figures.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signedIn } from '../support/browser.ts';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"]`);

test('the broom contract: request → quote → approval → 12 monthly deliveries → first one shipped, accepted short, invoiced, paid', async ({ browser }) => {
  test.setTimeout(90_000);
  const firm = await signedIn(browser, 'sanitation@bangfu.local');
  const village = await signedIn(browser, 'haojiatun@bangfu.local');
  const approver = await signedIn(browser, 'sanitation-approver@bangfu.local');

  // The firm asks for a quote.
  await firm.goto('/account/units');
  await firm.getByRole('link', { name: '威县城区环卫保洁有限公司' }).click();
  await firm.getByRole('link', { name: '单位采购' }).click();
  await firm.getByRole('link', { name: '新建询价' }).click();
  await firm.getByLabel('向哪个村询价').selectOption({ label: '郝家屯村（结对）' });
  await firm.getByRole('button', { name: '下一步' }).click();
  await expectAccessible(firm);
  await firm.getByLabel('环卫竹扫帚 标准款·竹柄1.5米 · 每次数量').fill('1000');
  await firm.getByLabel('收货人').fill('吴经理');
  await firm.getByLabel('手机号').fill('13931900000');
  await firm.getByLabel('省份').fill('河北省');
  await firm.getByLabel('城市').fill('邢台市');
  await firm.getByLabel('区/县').fill('威县');
  await firm.getByLabel('详细地址').fill('城区环卫所院内');
  await firm.getByLabel('首次送货日期').fill(today);
  await firm.getByLabel('送货频次').selectOption('monthly');
  await firm.getByLabel('共送几次').fill('12');
  await firm.getByRole('button', { name: '提交询价' }).click();
  await expect(firm.getByRole('heading', { level: 1, name: /询价单 XJ\d{14}/ })).toBeVisible();
  await expect(firm.getByText('待村报价')).toBeVisible();
  const requestUrl = firm.url();

  // The village quotes from its desk: the 1000+ tier price (8.80) is filled in.
  await village.goto('/manage/villages/haojiatun-weixian/procurement');
  await village.getByRole('link', { name: requestUrl.split('/').pop()! }).click();
  const price = village.getByLabel(/标准款·竹柄1.5米 · 单价/);
  await expect(price).toHaveValue('8.80');
  await expectAccessible(village);
  await village.getByLabel('运费（每次）（元）').fill('0');
  await village.getByLabel('付款方式').selectOption('net');
  await village.getByLabel('验收后几天内付款').fill('30');
  await village.getByRole('button', { name: '发送报价' }).click();
  await expect(village.getByText('待单位确认报价')).toBeVisible();

  // The firm accepts; its threshold is 0, so the approver decides.
  await firm.goto(requestUrl);
  await expect(firm.getByText('合同总额 ¥105,600.00').first()).toBeVisible();
  await firm.getByRole('button', { name: '确认报价' }).click();
  await expect(firm.getByText('待单位审批')).toBeVisible();
  await expect(firm.getByRole('button', { name: '审批' })).toHaveCount(0); // the requester cannot approve

  await approver.goto(requestUrl);
  await approver.getByRole('button', { name: '审批' }).click();
  await expect(approver.getByText('已签合同')).toBeVisible();
  await approver.getByRole('link', { name: /查看合同 HT\d{14}/ }).click();
  const contractUrl = approver.url();
  await expect(approver.locator('article.pr-delivery')).toHaveCount(12);
  await expect(figure(approver, 'total')).toHaveText('¥105,600.00');
  // Only the delivery due now holds stock; the other eleven wait for their week.
  await expect(approver.locator('#delivery-1')).toContainText('已备货');
  await expect(approver.locator('#delivery-2')).toContainText('未备货');
  await expectAccessible(approver);
  // The printable contract, and the English page of the same contract.
  await approver.goto(`${contractUrl}/print`);
  await expect(approver.getByRole('heading', { level: 1, name: '购销合同' })).toBeVisible();
  await expect(approver.getByText('验收后 30 天内付款')).toBeVisible();
  await expectAccessible(approver);
  await approver.goto(contractUrl.replace('/procurement/', '/en/procurement/'));
  await expect(approver.getByRole('heading', { level: 1, name: /Purchase contract HT\d{14}/ })).toBeVisible();
  await expect(approver.getByText('Payment within 30 days of acceptance')).toBeVisible();

  // The village ships the first delivery with its own truck.
  await village.goto(contractUrl);
  await village.locator('#delivery-1 summary', { hasText: '发货' }).click();
  await village.locator('#delivery-1').getByLabel('承运（快递公司或自有车辆）').fill('村集体货车');
  await village.locator('#delivery-1').getByLabel('备注（车牌、运单号等）').fill('冀E·12345');
  await village.locator('#delivery-1').getByRole('button', { name: '发货' }).click();
  await expect(village.locator('#delivery-1')).toContainText('已发货，待验收');

  // The firm accepts 980 of 1000: a note is required for the shortfall.
  await firm.goto(contractUrl);
  const first = firm.locator('#delivery-1');
  await first.getByLabel(/实收/).fill('980');
  await first.getByRole('button', { name: '确认验收' }).click();
  await expect(firm.getByText('有短缺或拒收时，请在验收说明中写明原因。')).toBeVisible();
  await firm.locator('#delivery-1').getByLabel(/实收/).fill('980');
  await firm.locator('#delivery-1').getByLabel('验收说明（有短缺或拒收时必填）').fill('20 把散架，退回');
  await firm.locator('#delivery-1').getByRole('button', { name: '确认验收' }).click();
  await expect(firm.locator('#delivery-1')).toContainText('应付 ¥8,624.00');
  await expect(firm.locator('#delivery-1')).toContainText('短缺 20');
  await expect(figure(firm, 'drawn')).toHaveText('¥8,624.00');
  await expect(figure(firm, 'total')).toHaveText('¥105,424.00');
  await expect(figure(firm, 'remaining')).toHaveText('¥96,800.00');
  await expect(firm.locator('#delivery-1')).toContainText('开票信息：威县城区环卫保洁有限公司，税号 91130533MA0ABCDE1E，金额 ¥8,624.00');
  await expectAccessible(firm);

  // The village records the invoice; the firm records its bank transfer.
  await village.goto(contractUrl);
  await village.locator('#delivery-1 summary', { hasText: '登记发票' }).click();
  await village.locator('#delivery-1').getByLabel('发票号码').fill('26130000000012345678');
  await expect(village.locator('#delivery-1').getByLabel('发票金额（元）')).toHaveValue('8624.00');
  await village
    .locator('#delivery-1')
    .getByLabel('发票 PDF 或照片（可选）')
    .setInputFiles({ name: '发票.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% demo invoice\n%%EOF\n') });
  await village.locator('#delivery-1').getByRole('button', { name: '登记发票' }).click();
  await expect(village.locator('#delivery-1')).toContainText('发票 26130000000012345678');
  // The invoice PDF is served to the contract's parties only.
  const pdf = (await village.locator('#delivery-1').getByRole('link', { name: '查看附件' }).getAttribute('href'))!;
  const own = await firm.request.get(pdf);
  expect([own.status(), own.headers()['content-type']], pdf).toEqual([200, 'application/pdf']);
  expect((await approver.request.get(pdf)).status()).toBe(200);
  const stranger = await signedIn(browser, 'consumer@bangfu.local');
  expect((await stranger.request.get(pdf)).status()).toBe(404);
  expect((await (await browser.newContext()).request.get(new URL(pdf, firm.url()).href)).status()).toBe(404);

  await firm.goto(contractUrl);
  await firm.locator('summary', { hasText: '登记付款' }).click();
  await firm.getByLabel('转账金额（元）').fill('8624');
  await firm.getByLabel('转账流水号 / 附言').fill('HX2027010500123');
  await firm.getByRole('button', { name: '登记付款' }).click();
  await expect(figure(firm, 'paid')).toHaveText('¥8,624.00');
  await expect(figure(firm, 'outstanding')).toHaveText('¥0.00');
  await expect(firm.getByText('无逾期')).toBeVisible();

  // The statement for this month, and the ledger behind the village's report.
  await firm.goto(contractUrl);
  await firm.getByRole('link', { name: '返回采购' }).click();
  await firm.getByRole('link', { name: '对账单' }).click();
  await firm.getByLabel('期间').selectOption(today.slice(0, 7));
  await firm.getByRole('button', { name: '查看' }).click();
  await expect(figure(firm, 'accepted')).toHaveText('¥8,624.00');
  await expect(figure(firm, 'invoiced')).toHaveText('¥8,624.00');
  await expect(figure(firm, 'paid')).toHaveText('¥8,624.00');
  await expect(figure(firm, 'closing')).toHaveText('¥0.00');
  await expectAccessible(firm);

  const contractNumber = contractUrl.split('/').pop()!;
  await village.goto(`/manage/villages/haojiatun-weixian/report/entries?period=${today.slice(0, 7)}&channel=unit_purchase`);
  const row = village.getByRole('row', { name: new RegExp(contractNumber) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('¥8,624.00');
  await expect(row).toContainText('980');
  await expect(row).toContainText('威县城区环卫保洁有限公司');
  await village.goto('/manage/villages/haojiatun-weixian/procurement');
  await expect(village.getByRole('region', { name: '送货日历（未来两个月）' })).toContainText(contractNumber);
  await expectAccessible(village);

  // On a phone (390 px) every page fits the screen: wide tables scroll inside their own box.
  for (const [page, url] of [
    [village, '/manage/villages/haojiatun-weixian/procurement'],
    [village, contractUrl],
    [firm, requestUrl],
    [firm, '/account/units'],
  ] as const) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
  }
});

const addDaysTo = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

test('a revised quote under the threshold contracts at once; deliveries are rescheduled; the contract is terminated and its deliveries cancelled', async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await signedIn(browser, 'unitadmin@bangfu.local');
  const buyer = await signedIn(browser, 'buyer@bangfu.local');
  const village = await signedIn(browser, 'manager@bangfu.local');

  // The bureau's admin raises its approval threshold to 5000 元.
  await admin.goto('/account/units');
  await admin.getByRole('link', { name: '蒙阴县农业农村局' }).click();
  await admin.getByRole('link', { name: '单位采购' }).click();
  const desk = admin.url();
  await admin.getByLabel('审批金额线（元）').fill('5000');
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByText('当前：¥5,000.00')).toBeVisible();

  // Peanuts for the canteen, 5 bags a week for four weeks.
  await buyer.goto(`${desk}/new`);
  await buyer.getByLabel('向哪个村询价').selectOption({ label: '桃花峪村（结对）' });
  await buyer.getByRole('button', { name: '下一步' }).click();
  await buyer.getByLabel(/沂蒙小粒花生\(带壳\) 5斤装·带壳生花生 · 每次数量/).fill('5');
  await buyer.getByLabel('收货人').fill('刘师傅');
  await buyer.getByLabel('手机号').fill('13953912345');
  await buyer.getByLabel('省份').fill('山东省');
  await buyer.getByLabel('城市').fill('临沂市');
  await buyer.getByLabel('区/县').fill('蒙阴县');
  await buyer.getByLabel('详细地址').fill('机关食堂');
  await buyer.getByLabel('首次送货日期').fill(addDaysTo(today, 1));
  await buyer.getByLabel('送货频次').selectOption('weekly');
  await buyer.getByLabel('共送几次').fill('4');
  await buyer.getByRole('button', { name: '提交询价' }).click();
  await expect(buyer.getByText('待村报价')).toBeVisible();
  const requestUrl = buyer.url();

  // The village quotes 38.00 with freight; the buyer asks for free delivery; the village revises.
  await village.goto(requestUrl);
  await village.getByLabel(/5斤装·带壳生花生 · 单价/).fill('38.00');
  await village.getByLabel('运费（每次）（元）').fill('10');
  await village.getByRole('button', { name: '发送报价' }).click();
  await buyer.goto(requestUrl);
  await buyer.getByLabel('请村里修改报价').check();
  await buyer.getByRole('button', { name: '确认报价' }).click();
  await expect(buyer.getByText('请写明需要修改的地方，方便村里重新报价。')).toBeVisible();
  await buyer.getByLabel('请村里修改报价').check();
  await buyer.getByLabel('说明（请求修改时必填）').fill('请免运费');
  await buyer.getByRole('button', { name: '确认报价' }).click();
  await expect(buyer.getByText('待村报价')).toBeVisible();

  await village.goto(requestUrl);
  await expect(village.getByText('单位请您修改报价：请免运费')).toBeVisible();
  await expect(village.getByLabel(/5斤装·带壳生花生 · 单价/)).toHaveValue('38.00'); // the last quoted price
  await village.getByLabel('运费（每次）（元）').fill('0');
  await village.getByRole('button', { name: '发送报价' }).click();

  // 4 × 5 × 38.00 = 760.00, under 5000: accepting makes the contract at once.
  await buyer.goto(requestUrl);
  await expect(buyer.getByText(/第 2 版报价/)).toBeVisible();
  await expect(buyer.getByText(/第 1 版报价/)).toBeVisible();
  await buyer.getByRole('button', { name: '确认报价' }).click();
  await expect(buyer.getByText('已签合同')).toBeVisible();
  await buyer.getByRole('link', { name: /查看合同 HT\d{14}/ }).click();
  const contractUrl = buyer.url();
  await expect(figure(buyer, 'total')).toHaveText('¥760.00');

  // The second delivery moves three days later, and the ones after it with it.
  const second = buyer.locator('#delivery-2');
  await second.locator('summary', { hasText: '改期或调整数量' }).click();
  await second.getByLabel('新日期').fill(addDaysTo(today, 11));
  await second.getByLabel('以后各批同步顺延').check();
  await second.getByRole('button', { name: '保存' }).click();
  await expect(buyer.locator('#delivery-2 h3')).toContainText(addDaysTo(today, 11));
  await expect(buyer.locator('#delivery-4 h3')).toContainText(addDaysTo(today, 25));
  // One delivery alone cannot jump over its neighbour.
  const third = buyer.locator('#delivery-3');
  await third.locator('summary', { hasText: '改期或调整数量' }).click();
  await third.getByLabel('新日期').fill(addDaysTo(today, 5));
  await third.getByRole('button', { name: '保存' }).click();
  await expect(buyer.getByText('改期后仍须在前后两批送货之间')).toBeVisible();

  // The village terminates it, after confirming: every delivery is cancelled, nothing is owed.
  await village.goto(contractUrl);
  await village.locator('summary', { hasText: '解除合同' }).click();
  await village.getByLabel('解除原因').fill('花生断货');
  await village.getByRole('button', { name: '解除合同' }).click();
  await expect(village.getByText('合同已解除，原因：花生断货')).toHaveCount(0); // the browser refuses the form until it is confirmed
  await village.getByLabel('我确认解除此合同').check();
  await village.getByRole('button', { name: '解除合同' }).click();
  await expect(village.getByText('合同已解除，原因：花生断货')).toBeVisible();
  await expect(village.locator('article.pr-delivery', { hasText: '已取消' })).toHaveCount(4);
  await expect(figure(village, 'total')).toHaveText('¥0.00');
});

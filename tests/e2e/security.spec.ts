// Security headers on every route (both languages, signed out and signed in,
// whatever the answer: page, 303, 403, 404, JSON, XML), the cookie flags of every
// cookie we set, and a real browser that loads pages under the policy without a
// single violation. What the headers are and why: src/lib/security-headers.ts.
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { villages } from '../../db/demo/data.ts';
import { DEMO_PASSWORD } from '../../db/seed-accounts.ts';
import { clients, discoverIds, languageNeutral, origin, routeFiles, routes, type Role } from './routes.ts';

const OUR_COOKIES = ['bangfu_session', 'bangfu_cart', 'bangfu_orders'];

/** What is wrong with one response's headers (empty: nothing). */
function headerProblems(res: APIResponse): string[] {
  const h = res.headers();
  const problems: string[] = [];
  const csp = new Map<string, string[]>();
  for (const part of (h['content-security-policy'] ?? '').split(';')) {
    const [name, ...tokens] = part.trim().split(/\s+/);
    if (name) csp.set(name.toLowerCase(), tokens);
  }
  const expectDirective = (name: string, value: string[]) => {
    if (JSON.stringify(csp.get(name)) !== JSON.stringify(value)) problems.push(`CSP ${name}: ${csp.get(name)?.join(' ') ?? 'missing'}`);
  };
  expectDirective('default-src', ["'self'"]);
  expectDirective('object-src', ["'none'"]);
  expectDirective('base-uri', ["'self'"]);
  expectDirective('frame-ancestors', ["'none'"]);
  // Scripts and styles: our own files only (the build inlines nothing, so there is nothing to hash).
  expectDirective('script-src', ["'self'"]);
  expectDirective('style-src', ["'self'"]);
  // Forms: ours, and Stripe's hosted checkout we redirect to (here its stand-in on 127.0.0.1).
  const formAction = csp.get('form-action') ?? [];
  if (
    formAction[0] !== "'self'" ||
    !formAction.includes('https://checkout.stripe.com') ||
    formAction.slice(1).some((t) => !/^(https:\/\/checkout\.stripe\.com|http:\/\/127\.0\.0\.1:\d+)$/.test(t))
  ) {
    problems.push(`CSP form-action: ${formAction.join(' ') || 'missing'}`);
  }
  if (h['referrer-policy'] !== 'strict-origin-when-cross-origin') problems.push(`Referrer-Policy: ${h['referrer-policy']}`);
  for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()']) {
    if (!(h['permissions-policy'] ?? '').split(/,\s*/).includes(feature)) problems.push(`Permissions-Policy lacks ${feature}`);
  }
  if (h['x-content-type-options'] !== 'nosniff') problems.push(`X-Content-Type-Options: ${h['x-content-type-options']}`);
  if (h['x-frame-options'] !== 'DENY') problems.push(`X-Frame-Options: ${h['x-frame-options']}`);
  // The test server is production over plain http (SITE_URL http://…): no HSTS. security-headers.test.ts proves it is sent behind https.
  if ('strict-transport-security' in h) problems.push('HSTS over http');
  problems.push(
    ...cookieProblems(
      res
        .headersArray()
        .filter((x) => x.name.toLowerCase() === 'set-cookie')
        .map((x) => x.value),
    ),
  );
  return problems;
}

/** Our cookies: HttpOnly, Secure (the server runs NODE_ENV=production), SameSite=Lax, Path=/. */
function cookieProblems(setCookies: string[]): string[] {
  const problems: string[] = [];
  for (const line of setCookies) {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const name = pair.split('=')[0];
    const attrs = attributes.map((a) => a.toLowerCase());
    if (!OUR_COOKIES.includes(name)) problems.push(`unexpected cookie ${name}`);
    for (const flag of ['httponly', 'secure', 'samesite=lax', 'path=/']) if (!attrs.includes(flag)) problems.push(`cookie ${name} lacks ${flag}: ${line}`);
  }
  return problems;
}

test('every route, in both languages, signed out and signed in, carries the security headers', async ({ baseURL }) => {
  test.setTimeout(360_000);
  // Signed out; a plain account; a village manager; an admin (who sees every page) — and buyer@ places the order the order pages show.
  const viewers: Role[] = ['anonymous', 'consumer', 'manager', 'admin'];
  const cs = await clients(baseURL!, [...viewers, 'buyer', 'unitadmin', 'sanitation']);
  const ids = await discoverIds(cs, baseURL!, 'buyer');
  const existing = new Set(routeFiles());
  const failures: string[] = [];
  const check = (label: string, res: APIResponse) => failures.push(...headerProblems(res).map((p) => `${label} → ${res.status()}: ${p}`));
  const statuses = new Set<number>();
  for (const [route, cases] of Object.entries(routes)) {
    if (!existing.has(route)) continue;
    for (const { url } of cases(ids)) {
      for (const prefix of languageNeutral.has(route) ? [''] : ['', '/en']) {
        for (const role of viewers) {
          const { request, cookie } = cs.get(role)!;
          const res = await request.get(prefix + url, { headers: cookie ? { cookie } : {}, maxRedirects: 0 });
          statuses.add(res.status());
          check(`${role} GET ${prefix}${url}`, res);
        }
      }
    }
  }
  // Answers no route list reaches: a missing page, an action's JSON, a refused action, a refused webhook, a form post.
  const anon = cs.get('anonymous')!.request;
  const admin = cs.get('admin')!;
  check('GET /no/such/page', await anon.get('/no/such/page'));
  check('GET /en/no/such/page', await anon.get('/en/no/such/page'));
  check('POST cart.add (bad input)', await anon.post('/_actions/cart.add', { multipart: { variantId: 'x' }, headers: { origin: origin(baseURL!) } }));
  check('POST admin.verifyUnit as anonymous', await anon.post('/_actions/admin.verifyUnit', { multipart: { unitId: '1' }, headers: { origin: origin(baseURL!) } }));
  check('POST webhook unsigned', await anon.post('/api/webhooks/stripe', { data: '{}', headers: { 'content-type': 'application/json' } }));
  check(
    'POST signin wrong password',
    await anon.post('/signin?_action=auth.signIn', {
      form: { email: 'nobody@example.com', password: 'wrong-password-1' },
      headers: { origin: origin(baseURL!) },
      maxRedirects: 0,
    }),
  );
  check('GET /admin/users?q= as admin', await admin.request.get('/admin/users?q=x', { headers: { cookie: admin.cookie! } }));
  expect(failures).toEqual([]);
  // The walk met every kind of answer the headers must survive.
  expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 303, 403]));
});

test('cookies: cart, guest order and session are HttpOnly, Secure, SameSite=Lax, Path=/ — set and cleared', async ({ page }) => {
  const setCookies: string[] = [];
  // Headers are read asynchronously: keep each read so the test waits for all of them before it
  // counts, and once it has counted, a response still in flight when the page closes is ignored
  // (its read would otherwise reject after the test, outside any test).
  const reads: Promise<void>[] = [];
  let counting = true;
  page.on('response', (res) => {
    const read = res.headersArray().then(
      (headers) => {
        for (const h of headers) if (h.name.toLowerCase() === 'set-cookie') setCookies.push(h.value);
      },
      (error) => {
        if (counting) throw error;
      },
    );
    read.catch(() => {}); // reported through Promise.all(reads) below, not as an unhandled rejection
    reads.push(read);
  });
  // What the browser keeps, with the flags it parsed.
  const expectKept = async (name: string) => {
    const cookie = (await page.context().cookies()).find((c) => c.name === name);
    expect(cookie, `${name} is set`).toBeTruthy();
    expect({ name, httpOnly: cookie!.httpOnly, secure: cookie!.secure, sameSite: cookie!.sameSite, path: cookie!.path }).toEqual({
      name,
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/',
    });
  };
  const product = villages[0].products[0];
  await page.goto(`/products/${product.slug}`);
  await page.getByRole('row').nth(1).getByRole('button', { name: '加入购物车' }).click();
  await expect(page.getByText('已加入购物车。')).toBeVisible();
  await expectKept('bangfu_cart');
  await page.goto('/checkout');
  await page.getByLabel('收货人').fill('安全测试');
  await page.getByLabel('手机号').fill('13912345678');
  await page.getByLabel('省份').selectOption('浙江省');
  await page.getByLabel('城市').fill('杭州市');
  await page.getByLabel('区/县').fill('西湖区');
  await page.getByLabel('详细地址').fill('文三路 90 号');
  await page.getByRole('radio', { name: /对公转账/ }).check();
  await page.getByRole('button', { name: '提交订单' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^订单 BF\d{14}$/ })).toBeVisible();
  await expectKept('bangfu_orders');

  await page.goto('/signin');
  await page.getByLabel('邮箱').fill('unitadmin@bangfu.local');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('link', { name: '我的账户' })).toBeVisible();

  await expectKept('bangfu_session');
  expect(await page.evaluate(() => document.cookie), 'no cookie of ours is readable by scripts').toBe('');

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('link', { name: '登录', exact: true })).toBeVisible();
  expect((await page.context().cookies()).some((c) => c.name === 'bangfu_session')).toBe(false);

  // Every Set-Cookie line seen, including the ones that cleared a cookie.
  await Promise.all(reads);
  counting = false;
  const names = new Set(setCookies.map((l) => l.split('=')[0]));
  expect([...names].sort()).toEqual([...OUR_COOKIES].sort());
  expect(setCookies.some((l) => l.startsWith('bangfu_session=;') || /bangfu_session=[^;]*;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(l))).toBe(true);
  expect(cookieProblems(setCookies)).toEqual([]);
});

/** Console messages that say the policy blocked something, and uncaught errors. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`${page.url()}: ${e.message}`));
  return seen;
}

test('in Chromium the policy blocks nothing of ours, and the packing slip still prints', async ({ browser }) => {
  const village = villages[0]; // managed by manager@
  const guest = await browser.newPage();
  const guestViolations = watchViolations(guest);
  for (const path of [
    '/',
    '/en/',
    '/products',
    `/products/${village.products[0].slug}`,
    `/villages/${village.slug}`,
    '/en/villages',
    '/signin',
    '/orders/lookup',
    '/no/such/page',
  ]) {
    await guest.goto(path);
  }
  await guest.goto(`/products/${village.products[0].slug}`);
  await guest.getByRole('row').nth(1).getByRole('button', { name: '加入购物车' }).click();
  await guest.goto('/checkout');
  await guest.getByLabel('收货人').fill('安全测试');
  await guest.getByLabel('手机号').fill('13912345678');
  await guest.getByLabel('省份').selectOption('浙江省');
  await guest.getByLabel('城市').fill('杭州市');
  await guest.getByLabel('区/县').fill('西湖区');
  await guest.getByLabel('详细地址').fill('文三路 90 号');
  await guest.getByRole('radio', { name: /对公转账/ }).check();
  await guest.getByRole('button', { name: '提交订单' }).click();
  await expect(guest.getByRole('heading', { level: 1, name: /^订单 BF\d{14}$/ })).toBeVisible();
  const number = /BF\d{14}/.exec(guest.url())![0];
  expect(guestViolations).toEqual([]);

  const context = await browser.newContext();
  const manager = await context.newPage();
  const managerViolations = watchViolations(manager);
  await manager.goto('/signin');
  await manager.getByLabel('邮箱').fill('manager@bangfu.local');
  await manager.getByLabel('密码').fill(DEMO_PASSWORD);
  await manager.getByRole('button', { name: '登录' }).click();
  await expect(manager.getByRole('link', { name: '我的账户' })).toBeVisible();
  await manager.goto(`/manage/villages/${village.slug}/orders`);
  await manager.goto(`/manage/villages/${village.slug}/orders/${number}-1`);
  await manager.goto(`/manage/villages/${village.slug}/orders/${number}-1/slip`);
  // The print button's handler is a script file under /_astro/ (the build inlines nothing), not an onclick attribute.
  await manager.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await manager.getByRole('button', { name: '打印' }).click();
  await expect(manager.locator('body')).toHaveAttribute('data-printed', 'yes');
  await manager.goto('/admin'); // 403 page
  expect(managerViolations).toEqual([]);
  await context.close();
});

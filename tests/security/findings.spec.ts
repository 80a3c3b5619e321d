// The outside attack of issue #16, replayed: one test per finding, each through the real
// production server (the build, on a PostgreSQL database of its own, the demo seeded), as the
// attacker sent it. Each failed before its fix. Clients are told apart by X-Forwarded-For
// (TRUSTED_PROXIES=1), so one test's throttles do not touch another's.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { parse } from 'devalue';
import { DEMO_PASSWORD, seedAccounts } from '../../db/seed-accounts.ts';
import { seedDemo } from '../../db/seed.ts';
import { afterSaleClaims, outbox, productVariants, products, unitApiTokens, units, users, villageManagers, villages } from '../../db/schema/index.ts';
import type { Db } from '../../db/client.ts';
import { shanghaiDate } from '../../src/lib/dates.ts';
import { createSession } from '../../src/modules/auth/sessions.server.ts';
import { ordersOfCheckout } from '../../src/modules/orders/place-order.server.ts';
import { append } from '../../src/modules/ledger/ledger.server.ts';
import { placeTestOrder } from '../factories/orders.ts';
import { addUnitMember, createUnit, createUser, TEST_PASSWORD } from '../factories/users.ts';
import { startCluster, type Cluster } from '../setup/instances.ts';

let cluster: Cluster;
let origin: string;
let db: Db;
// In order, in one worker (one server for the file), and a failure does not skip the rest.
test.describe.configure({ mode: 'default', timeout: 90_000 });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startCluster(
    1,
    async ({ database }) => {
      await seedDemo(database.db, shanghaiDate(new Date()));
      await seedAccounts(database.db);
    },
    { TRUSTED_PROXIES: '1', LOG_LEVEL: 'info', STRIPE_WEBHOOK_SECRET: 'whsec_security_only' },
  );
  origin = cluster.instances[0].origin;
  db = cluster.db.database.db;
});
test.afterAll(async () => {
  await cluster?.stop();
});

let client = 0;
/** A new client address (X-Forwarded-For), so throttles are per test. */
const newClient = () => `198.51.100.${++client}`;

async function sessionOf(email: string): Promise<string> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const { token } = await createSession(db, user.id, { ip: '127.0.0.1', userAgent: 'security' });
  return `bangfu_session=${token}`;
}

interface Sent {
  cookie?: string;
  from?: string;
  headers?: Record<string, string>;
}
function send(method: string, path: string, body: BodyInit | null, { cookie, from, headers }: Sent = {}) {
  return fetch(`${origin}${path}`, {
    method,
    redirect: 'manual',
    headers: { origin, ...(cookie ? { cookie } : {}), 'x-forwarded-for': from ?? newClient(), ...headers },
    body,
  });
}
const get = (path: string, sent: Sent = {}) => send('GET', path, null, sent);
/** An action as the browser's no-JS form or fetch sends it: a form body, our Origin. */
async function act(name: string, fields: Record<string, string>, sent: Sent = {}) {
  const response = await send('POST', `/_actions/${name}`, new URLSearchParams(fields), sent);
  const text = await response.text();
  // A result is devalue's JSON (Astro's action encoding); an error plain JSON.
  let json: Record<string, unknown> = {};
  try {
    json = response.ok ? parse(text) : JSON.parse(text);
  } catch {}
  return { status: response.status, json, text };
}
const sameOrigin = (location: string | null) => location !== null && new URL(location, origin).origin === origin;
/** The newest mail to `to` once a job has written it. */
async function mailTo(to: string, after = 0): Promise<{ id: number; body: string }> {
  for (let i = 0; i < 200; i++) {
    const [mail] = await db.select({ id: outbox.id, body: outbox.body }).from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.id)).limit(1);
    if (mail && mail.id > after) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to}`);
}
const tokenIn = (body: string) => decodeURIComponent(/token=([a-z2-7.]+)/.exec(body)![1]);

test('1 · open redirect: next= with a tab, backslash, // or another origin never leaves the site', async () => {
  const cookie = await sessionOf('consumer@bangfu.local');
  for (const next of [
    '/%09/evil.example',
    '//evil.example',
    '/%5Cevil.example',
    '%5C%5Cevil.example',
    'https://evil.example/',
    '/%0D%0A/evil.example',
    'javascript:alert(1)',
  ]) {
    const signedIn = await get(`/signin?next=${next}`, { cookie });
    expect(signedIn.status, next).toBe(303);
    expect(sameOrigin(signedIn.headers.get('location')), `${next} → ${signedIn.headers.get('location')}`).toBe(true);
  }
  // The sign-in form follows the same rule.
  const form = await send('POST', '/signin?_action=auth.signIn', new URLSearchParams({ email: 'consumer@bangfu.local', password: DEMO_PASSWORD, next: '/\t/evil.example' }));
  expect([303, 200]).toContain(form.status);
  if (form.status === 303) expect(sameOrigin(form.headers.get('location'))).toBe(true);
});

test('2 · body size: a chunked body past the limit gets 413 before it is read whole — webhook, actions and pages', async () => {
  const chunked = (bytes: number) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new Uint8Array(64 * 1024).fill(0x61);
        for (let sent = 0; sent < bytes; sent += chunk.length) controller.enqueue(chunk);
        controller.close();
      },
    });
  const post = (path: string, bytes: number, type = 'application/json') =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { origin, 'content-type': type, 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
      body: chunked(bytes),
      duplex: 'half',
    } as RequestInit).then(
      (r) => r.status,
      () => 'reset',
    );
  // The webhook's limit is 256 KB; an action's 16 MB, by its own path or a page's form path.
  // The server answers 413 as soon as the limit is passed and closes the connection, so a client
  // still sending may see the reset first; either way the body was not read whole.
  const refused = [413, 'reset'];
  expect(refused).toContain(await post('/api/webhooks/stripe', 2 * 1024 * 1024));
  expect(refused).toContain(await post('/cart?_action=cart.setQuantity', 20 * 1024 * 1024, 'application/x-www-form-urlencoded'));
  expect(refused).toContain(await post('/_actions/cart.add', 20 * 1024 * 1024));
  expect((await fetch(`${origin}/healthz`)).status).toBe(200);
});

test('3 · CSV formula injection: a unit named =HYPERLINK(…) reaches the village export as text, not a formula', async () => {
  // A unit that bought from a village: its name goes into the village's 按帮扶单位 table.
  const buyer = await createUser(db, { email: 'formula-unit@example.com' });
  const unit = await createUnit(db, { createdBy: buyer.id, name: 'placeholder' });
  const [village] = await db.select({ id: villages.id, slug: villages.slug }).from(villages).limit(1);
  const entry = { unitId: unit.id, slug: village.slug, at: new Date() };
  await db.transaction((tx) =>
    append(tx, [
      {
        occurredAt: entry.at,
        villageId: village.id,
        unitId: unit.id,
        channel: 'unit_purchase',
        amountFen: 12_300n,
        quantity: 3,
        grams: 1500n,
        sourceKind: 'offline',
        sourceId: 1,
        note: '',
      },
    ]),
  );
  const formula = '=HYPERLINK("http://ev.il","x")';
  await db.update(units).set({ name: formula }).where(eq(units.id, entry.unitId!));
  const year = shanghaiDate(entry.at).slice(0, 4);
  const csv = await get(`/manage/villages/${entry.slug}/report.csv?period=${year}`, { cookie: await sessionOf('admin@bangfu.local') });
  expect(csv.status).toBe(200);
  const text = await csv.text();
  expect(text).toContain('HYPERLINK');
  // No cell starts with = + - @ (or a tab / CR) once its quotes are off.
  for (const line of text.split(/\r?\n/))
    for (const cell of line.split(',')) {
      const bare = cell.replace(/^"|"$/g, '');
      expect(bare, `cell ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
    }
});

test('4 · order lookup: throttled, guest orders only, and a stranger sees the same 404 for an order that exists', async () => {
  const [variant] = await db.select({ id: productVariants.id }).from(productVariants).limit(1);
  const guest = await placeTestOrder(db, { lines: [{ variantId: variant.id, quantity: 1 }] });
  const [member] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, 'consumer@bangfu.local'));
  const owned = await placeTestOrder(db, { lines: [{ variantId: variant.id, quantity: 1 }], user: member });
  // Five wrong mobiles for a number, then even the right one waits (from any address).
  for (let i = 0; i < 5; i++) expect((await act('orders.lookup', { number: guest.number, mobile: `1390000000${i}` })).status).toBe(404);
  expect((await act('orders.lookup', { number: guest.number, mobile: '13800138000' })).status).toBe(429);
  // An account's order is not opened by number and mobile, and no guest cookie is handed out.
  const response = await send('POST', '/_actions/orders.lookup', new URLSearchParams({ number: owned.number, mobile: '13800138000' }));
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.headers.get('set-cookie') ?? '').not.toContain('bangfu_orders');
  // A stranger: the same 404 for the account's order, the guest's order and no order at all.
  const stranger = await sessionOf('manager@bangfu.local');
  const [mine] = await ordersOfCheckout(db, owned.id);
  for (const number of [owned.number, mine.number, guest.number, 'BF99999999999999']) expect((await get(`/orders/${number}`, { cookie: stranger })).status, number).toBe(404);
});

test('5 · password reset: the same answer for any email, throttled, one live link per account', async () => {
  const email = 'reset-target@example.com';
  await createUser(db, { email });
  const from = newClient();
  const known = await act('auth.requestPasswordReset', { email }, { from });
  const unknown = await act('auth.requestPasswordReset', { email: 'nobody-here@example.com' }, { from });
  expect([known.status, known.text]).toEqual([unknown.status, unknown.text]);
  const first = await mailTo(email);
  expect((await act('auth.requestPasswordReset', { email }, { from: newClient() })).status).toBe(200);
  const second = await mailTo(email, first.id);
  // The newer link ended the older one; using it, it is spent too.
  expect((await act('auth.resetPassword', { token: tokenIn(first.body), password: 'brand-new-peach-2027' })).status).toBe(400);
  expect((await act('auth.resetPassword', { token: tokenIn(second.body), password: 'brand-new-peach-2027' })).status).toBe(200);
  expect((await act('auth.resetPassword', { token: tokenIn(second.body), password: 'other-new-peach-2027' })).status).toBe(400);
  // A third request for the email in 15 minutes is the last; a fourth waits, from any address.
  expect((await act('auth.requestPasswordReset', { email }, { from: newClient() })).status).toBe(200);
  expect((await act('auth.requestPasswordReset', { email }, { from: newClient() })).status).toBe(429);
});

test('6 · invitation links are for one person unless made for staff with a use limit', async () => {
  const admin = await sessionOf('unitadmin@bangfu.local');
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.name, '蒙阴县农业农村局'));
  const made = await act('units.createInvite', { unitId: String(unit.id), role: 'staff' }, { cookie: admin });
  expect(made.status).toBe(200);
  const code = new URL(String(made.json.link)).searchParams.get('code')!;
  const a = await createUser(db, { email: 'joiner-a@example.com' });
  const b = await createUser(db, { email: 'joiner-b@example.com' });
  const [sa, sb] = await Promise.all([a, b].map(async (u) => `bangfu_session=${(await createSession(db, u.id, { ip: '127.0.0.1', userAgent: 'x' })).token}`));
  expect((await act('units.acceptInvite', { code }, { cookie: sa })).status).toBe(200);
  expect((await act('units.acceptInvite', { code }, { cookie: sb })).status).toBe(400);
  // Many uses are for staff only, never for an admin link.
  expect((await act('units.createInvite', { unitId: String(unit.id), role: 'admin', uses: '5' }, { cookie: admin })).status).toBe(400);
});

test('7 · throttles on password changes and sign-ups, and sign-up does not tell which emails have accounts', async () => {
  const user = await createUser(db, { email: 'changer@example.com' });
  const cookie = `bangfu_session=${(await createSession(db, user.id, { ip: '127.0.0.1', userAgent: 'x' })).token}`;
  for (let i = 0; i < 5; i++) expect((await act('auth.changePassword', { currentPassword: `wrong-${i}-guess`, newPassword: 'fresh-melon-2028' }, { cookie })).status).toBe(400);
  expect((await act('auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'fresh-melon-2028' }, { cookie })).status).toBe(429);

  // A taken and a free email get the same answer; the owner gets a note, the newcomer a link.
  const from = newClient();
  const fields = (email: string) => ({ email, displayName: '试', password: 'summer-plum-2027' });
  const taken = await act('auth.signUp', fields('consumer@bangfu.local'), { from });
  const free = await act('auth.signUp', fields('free-address@example.com'), { from });
  expect([taken.status, taken.text]).toEqual([free.status, free.text]);
  expect((await mailTo('consumer@bangfu.local')).body).not.toContain('confirm-signup');
  expect((await mailTo('free-address@example.com')).body).toContain('confirm-signup');
  // 30 sign-ups from one address in 15 minutes, then a pause.
  for (let i = 2; i < 30; i++) expect((await act('auth.signUp', fields(`bulk-${i}@example.com`), { from })).status).toBe(200);
  expect((await act('auth.signUp', fields('bulk-last@example.com'), { from })).status).toBe(429);
});

test('8 · five wrong passwords from one address do not lock the admin out from another', async () => {
  const attacker = newClient();
  for (let i = 0; i < 5; i++) expect((await act('auth.signIn', { email: 'admin@bangfu.local', password: `guess-${i}-wrong` }, { from: attacker })).status).toBe(400);
  expect((await act('auth.signIn', { email: 'admin@bangfu.local', password: DEMO_PASSWORD }, { from: attacker })).status).toBe(429);
  expect((await act('auth.signIn', { email: 'admin@bangfu.local', password: DEMO_PASSWORD }, { from: newClient() })).status).toBe(200);
});

test('9 · no 500s: odd characters in next= get a page with the security headers; a refund on an unpaid cash-on-delivery order is refused in words', async () => {
  for (const next of ['/%E4%B8%AD', '/%0A', '/%0D', '/%00', '%FF']) {
    const response = await get(`/signin?next=${next}`);
    expect(response.status, next).toBeLessThan(500);
    expect(response.headers.get('content-security-policy'), next).toContain("default-src 'self'");
    expect((await response.text()).length).toBeGreaterThan(0);
  }
  // A cash-on-delivery order, shipped and delivered, its money never confirmed; the buyer claims.
  const [managed] = await db
    .select({ villageId: villageManagers.villageId })
    .from(villageManagers)
    .innerJoin(users, eq(users.id, villageManagers.userId))
    .where(eq(users.email, 'manager@bangfu.local'));
  const [variant] = await db
    .select({ id: productVariants.id })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    // In season: a pre-sale option would not ship before its date.
    .where(and(eq(products.villageId, managed.villageId), isNull(productVariants.presaleShipsFrom)))
    .limit(1);
  const [buyer] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, 'consumer@bangfu.local'));
  const placed = await placeTestOrder(db, { lines: [{ variantId: variant.id, quantity: 1 }], user: buyer, paymentMethod: 'cash_on_delivery' });
  const [order] = await ordersOfCheckout(db, placed.id);
  const manager = await sessionOf('manager@bangfu.local');
  const consumer = await sessionOf('consumer@bangfu.local');
  expect((await act('manage.ship', { orderId: String(order.id), courier: '邮政', trackingNo: 'YZ0001112223' }, { cookie: manager })).status).toBe(200);
  expect((await act('manage.markDelivered', { orderId: String(order.id) }, { cookie: manager })).status).toBe(200);
  expect((await act('orders.claim', { orderId: String(order.id), reason: '压坏了两个', amount: '5.00' }, { cookie: consumer })).status).toBe(200);
  const [claim] = await db.select({ id: afterSaleClaims.id, status: afterSaleClaims.status }).from(afterSaleClaims).where(eq(afterSaleClaims.orderId, order.id));
  const decided = await act('manage.decideClaim', { claimId: String(claim.id), decision: 'approve', amount: '5.00', note: '' }, { cookie: manager });
  expect([decided.status, decided.json.message]).toEqual([409, 'refund_not_paid']);
  // The village manager's page, as the form sends it, says why in words.
  const [village] = await db.select({ slug: villages.slug }).from(villages).where(eq(villages.id, managed.villageId));
  const page = await send(
    'POST',
    `/manage/villages/${village.slug}/orders/${order.number}?_action=manage.decideClaim`,
    new URLSearchParams({ claimId: String(claim.id), decision: 'approve', amount: '5.00', note: '' }),
    { cookie: manager },
  );
  expect(page.status).toBeLessThan(500);
  expect(await page.text()).toContain('这笔货到付款的订单还没有确认收款，没有可退的钱。请先确认收款，或拒绝这次售后申请。');
  const [after] = await db.select({ status: afterSaleClaims.status }).from(afterSaleClaims).where(eq(afterSaleClaims.id, claim.id));
  expect(after.status).toBe(claim.status);
});

test("10 · small leaks: another unit's API token cannot be revoked (404) and keeps working for its unit", async () => {
  const ownerCookie = await sessionOf('unitadmin@bangfu.local');
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.name, '蒙阴县农业农村局'));
  const made = await act('reports.createApiToken', { unitId: String(unit.id), name: '财务系统' }, { cookie: ownerCookie });
  expect(made.status).toBe(200);
  const token = String(made.json.token);
  const [row] = await db
    .select({ id: unitApiTokens.id })
    .from(unitApiTokens)
    .where(and(eq(unitApiTokens.unitId, unit.id)))
    .orderBy(desc(unitApiTokens.id))
    .limit(1);
  // The admin of another unit names that token.
  const other = await createUser(db, { email: 'other-unit-admin@example.com' });
  const theirs = await createUnit(db, { createdBy: other.id, name: '别的单位' });
  await addUnitMember(db, theirs.id, other.id, 'admin');
  const otherCookie = `bangfu_session=${(await createSession(db, other.id, { ip: '127.0.0.1', userAgent: 'x' })).token}`;
  const revoked = await act('reports.revokeApiToken', { unitId: String(theirs.id), tokenId: String(row.id) }, { cookie: otherCookie });
  expect(revoked.status).toBe(404);
  expect((await get(`/api/v1/reports/units/${unit.id}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
});

test('11 · TRACE is a 405 with the headers; the API answers JSON for every status, the token before the query, and documents every parameter', async () => {
  for (const path of ['/', '/products', '/api/v1/reports/platform']) {
    // fetch will not send TRACE; node:http will.
    const trace = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) =>
      httpRequest(`${origin}${path}`, { method: 'TRACE' }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
      })
        .on('error', reject)
        .end(),
    );
    expect(trace.status, path).toBe(405);
    expect(trace.headers['x-content-type-options'], path).toBe('nosniff');
  }
  const odd = await get('/api/v1/reports/villages/%E4%B8%AD', { headers: { authorization: 'Bearer bfu_forged' } });
  expect(odd.headers.get('content-type')).toContain('application/json');
  const unknownPath = await get('/api/v1/no/such/thing');
  expect(unknownPath.status).toBe(404);
  expect(unknownPath.headers.get('content-type')).toContain('application/json');
  // No credentials and a bad query: 401, not 400.
  expect((await get('/api/v1/reports/platform?period=2026-Q9')).status).toBe(401);
  const spec = (await (await get('/api/v1/openapi.json')).json()) as {
    paths: Record<string, Record<string, { operationId?: string; description?: string; tags?: string[]; parameters?: { name: string; schema: Record<string, unknown> }[] }>>;
  };
  for (const [path, operations] of Object.entries(spec.paths))
    for (const [method, op] of Object.entries(operations)) {
      expect(op.operationId, `${method} ${path}`).toBeTruthy();
      expect(op.description, `${method} ${path}`).toBeTruthy();
      expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const p of op.parameters ?? []) if (['period', 'from', 'to'].includes(p.name)) expect(p.schema.pattern ?? p.schema.format, `${path} ${p.name}`).toBeTruthy();
    }
});

test('12 · found by the long fuzz: ?done=__proto__ (or constructor) on a page that shows a notice is just no notice', async () => {
  const admin = await sessionOf('admin@bangfu.local');
  for (const path of ['/account/addresses', '/en/account/addresses', '/admin/users', '/admin/units'])
    for (const done of ['__proto__', 'constructor', 'toString'])
      expect((await get(`${path}?done=${done}&user=1&unit=1`, { cookie: admin })).status, `${path}?done=${done}`).toBe(200);
});

test('logs: one line per request with its id; tokens and control characters never reach the log', async () => {
  const response = await get('/reset-password?token=secretpart.topsecretvalue&x=%0Ainjected');
  const id = response.headers.get('x-request-id');
  expect(id).toMatch(/^[0-9a-f]{12}$/);
  await new Promise((r) => setTimeout(r, 200));
  const line = cluster.instances[0]
    .output()
    .split('\n')
    .find((l) => l.includes(`"reqId":"${id}"`) && l.includes('"status"'));
  expect(line, 'the request is logged').toBeTruthy();
  expect(line).not.toContain('topsecretvalue');
  const logged = JSON.parse(line!) as { url: string; status: number };
  expect(logged.status).toBe(200);
  expect(logged.url).not.toMatch(/[\n\r]/);
});

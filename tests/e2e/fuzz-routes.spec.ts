// Fuzzing the routes (issue #7): hostile path segments and query strings on
// every page and API route, hostile cookies, the pages' own no-JS form path
// (POST /checkout?_action=orders.place …) and the Stripe webhook. Never a 500;
// a refused form post or webhook writes nothing. On a server of its own.
import { performance } from 'node:perf_hooks';
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { fuzzCluster, type FuzzCluster } from '../support/fuzz-cluster.ts';
import { formFields, formValue, HOSTILE, tableFingerprint } from '../support/fuzz.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

let cluster: FuzzCluster;
test.describe.configure({ mode: 'serial', timeout: 240_000 });
test.beforeAll(async () => {
  cluster = await fuzzCluster();
});
test.afterAll(async () => {
  await cluster?.stop();
});

/** Route patterns, `*` standing for a fuzzed segment (both languages). */
const ROUTES = [
  '/',
  '/products',
  '/products/*',
  '/villages',
  '/villages/*',
  '/villages/*/notice/*',
  '/cart',
  '/checkout',
  '/orders/*',
  '/orders/lookup',
  '/account',
  '/account/addresses',
  '/account/orders',
  '/account/sessions',
  '/account/units',
  '/units/new',
  '/units/*',
  '/join',
  '/signin',
  '/signup',
  '/confirm-signup',
  '/forgot-password',
  '/reset-password',
  '/forbidden',
  '/manage',
  '/manage/villages/*',
  '/manage/villages/*/orders',
  '/manage/villages/*/orders/*',
  '/manage/villages/*/orders/*/slip',
  '/manage/villages/*/report',
  '/manage/villages/*/report/entries',
  '/manage/villages/*/brokered',
  '/units/*/report',
  '/units/*/brokered',
  '/units/*/group-orders',
  '/group/*',
  '/group/*/split',
  '/admin/reports',
  '/admin',
  '/admin/users',
  '/admin/units',
  '/admin/villages',
  '/admin/outbox',
  '/uploads/*',
  '/uploads/*/*',
  '/healthz',
  '/manage/villages/*/report.csv',
  '/manage/villages/*/report.xlsx',
  '/manage/villages/*/report/entries.xlsx',
  '/api/v1/reports/villages/*',
  '/api/v1/reports/units/*',
  '/api/v1/reports/platform',
  '/api/v1/openapi.json',
  '/sitemap.xml',
  '/robots.txt',
  '/api/webhooks/stripe',
];
const PARAMS = [
  'q',
  'page',
  'period',
  'from',
  'to',
  'channel',
  'product',
  'producer',
  'unit',
  'category',
  'village',
  'sort',
  'status',
  'number',
  'next',
  'token',
  'code',
  'session_id',
  'placed',
  'joined',
  'done',
  'ended',
  'reset',
  'province',
  'role',
];

const segment = fc.oneof(
  fc.constantFrom('taohuayu', 'BF00000000000000', '1', '0', '-1', '99999999999', '%00', '%FF', '..', '%2e%2e%2f', 'a%2Fb', '%ED%A0%80', '%C0%AE%C0%AE'),
  formValue.map((v) => encodeURIComponent(v.slice(0, 300).toWellFormed())),
);
const query = fc.array(
  fc.tuple(
    fc.constantFrom(...PARAMS),
    formValue.map((v) => v.slice(0, 3000)),
  ),
  { maxLength: 4 },
);
const cookie = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('bangfu_session', 'bangfu_cart', 'bangfu_orders', 'bangfu_locale'), fc.constantFrom(...HOSTILE, 'a.b', 'x'.repeat(4000), '..'))
      .map(([k, v]) => `${k}=${encodeURIComponent(v.toWellFormed())}`),
  },
);

test(`GET every route with hostile segments, queries and cookies: never a 500`, async () => {
  const { origin, identities } = cluster;
  console.log(`fuzz-routes: seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const started = performance.now();
  const statuses = new Map<number, number>();
  let requests = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...ROUTES, ...ROUTES.map((r) => `/en${r}`)),
      fc.array(segment, { minLength: 3, maxLength: 3 }),
      query,
      fc.constantFrom(...(Object.keys(identities) as (keyof typeof identities)[])),
      cookie,
      async (route, segments, params, identity, extra) => {
        let i = 0;
        const path = route.replace(/\*/g, () => segments[i++]);
        const search = new URLSearchParams(params).toString();
        const url = `${origin}${path}${search ? `?${search}` : ''}`;
        const response = await fetch(url, { redirect: 'manual', headers: { cookie: [identities[identity], extra].filter(Boolean).join('; ') } });
        const body = await response.text();
        requests++;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const where = `GET ${url.slice(0, 300)} as ${identity} (${extra.slice(0, 100)}) → ${response.status} ${body.slice(0, 200)}`;
        // /healthz answers 503 only when the database is down, which it is not here.
        expect(response.status, where).toBeLessThan(500);
        // 431/414: Node's HTTP parser refuses an oversized URL or header before the app sees it, with no body.
        if (response.status >= 400 && response.status !== 431 && response.status !== 414) expect(body.length, where).toBeGreaterThan(0);
      },
    ),
    { seed: SEED, numRuns: RUNS * 12, endOnFailure: true },
  );
  const line = `fuzz-routes: ${requests} GETs in ${((performance.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`;
  console.log(line);
  test.info().annotations.push({ type: 'fuzz', description: line });
});

/** Pages whose forms post to themselves (?_action=…) without JS. */
const PAGE_FORMS: [string, string, string[]][] = [
  ['/checkout', 'orders.place', ['idempotencyKey', 'addressId', 'recipient', 'mobile', 'province', 'city', 'district', 'detail', 'email', 'paymentMethod', 'note']],
  ['/cart', 'cart.setQuantity', ['variantId', 'quantity']],
  ['/products/taohuayu-cuitao', 'cart.add', ['variantId', 'quantity']],
  ['/orders/lookup', 'orders.lookup', ['number', 'mobile']],
  ['/signin', 'auth.signIn', ['email', 'password', 'next']],
  ['/signup', 'auth.signUp', ['email', 'displayName', 'mobile', 'password', 'next']],
  ['/confirm-signup', 'auth.confirmSignUp', ['token']],
  ['/account', 'account.updateProfile', ['displayName', 'mobile']],
  ['/account/addresses', 'account.saveAddress', ['id', 'recipient', 'mobile', 'province', 'city', 'district', 'detail']],
  ['/units/new', 'units.register', ['name', 'kind', 'creditCode', 'invoiceTitle', 'taxNumber', 'contactName', 'contactPhone', 'parentId']],
  ['/admin/users', 'admin.setUserRole', ['userId', 'role']],
];

test("the pages' own form path (?_action=…): never a 500, a refusal writes nothing", async () => {
  const { origin, identities, sql } = cluster;
  const started = performance.now();
  const statuses = new Map<number, number>();
  let requests = 0;
  let before = await tableFingerprint(sql);
  for (const [page, action, fields] of PAGE_FORMS) {
    await fc.assert(
      fc.asyncProperty(
        formFields(fields),
        fc.constantFrom(...(Object.keys(identities) as (keyof typeof identities)[])),
        fc.constantFrom('application/x-www-form-urlencoded', 'multipart', 'application/json', 'text/plain'),
        fc.boolean(),
        async (pairs, identity, type, english) => {
          let body: BodyInit;
          const headers: Record<string, string> = { origin, cookie: identities[identity] };
          if (type === 'multipart') {
            const data = new FormData();
            for (const [k, v] of pairs) data.append(k, v);
            body = data;
          } else {
            headers['content-type'] = type;
            body = type === 'application/json' ? JSON.stringify(Object.fromEntries(pairs)) : new URLSearchParams(pairs).toString();
          }
          const url = `${origin}${english ? '/en' : ''}${page}?_action=${action}`;
          const response = await fetch(url, { method: 'POST', redirect: 'manual', headers, body });
          const text = await response.text();
          requests++;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const where = `POST ${url} as ${identity} (${type}) ${JSON.stringify(pairs).slice(0, 300)} → ${response.status} ${text.slice(0, 200)}`;
          expect(response.status, where).toBeLessThan(500);
          if (response.status < 400) {
            before = await tableFingerprint(sql); // accepted: may have written
            return;
          }
          expect(text.length, where).toBeGreaterThan(0);
          expect(await tableFingerprint(sql), `${where}: a refused form wrote`).toEqual(before);
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }
  const line = `fuzz-page-forms: ${requests} posts over ${PAGE_FORMS.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`;
  console.log(line);
  test.info().annotations.push({ type: 'fuzz', description: line });
});

test('the Stripe webhook refuses hostile bodies and signatures with a 4xx and writes nothing', async () => {
  const { origin, sql } = cluster;
  const before = await tableFingerprint(sql);
  let requests = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.json(), formValue, fc.constant('{"type":"checkout.session.completed","data":{"object":{"id":"cs_x","metadata":{"checkoutId":"1"}}}}')),
      fc.option(
        fc.oneof(
          formValue,
          fc.constant('t=1,v1=deadbeef'),
          fc.integer().map((n) => `t=${n},v1=${'0'.repeat(64)}`),
        ),
      ),
      fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
      async (body, signature, type) => {
        const headers: Record<string, string> = { 'content-type': type };
        if (signature !== null) headers['stripe-signature'] = signature.replace(/[^\x20-\x7e]/g, '');
        const response = await fetch(`${origin}/api/webhooks/stripe`, { method: 'POST', headers, body });
        requests++;
        const text = await response.text();
        const where = `webhook ${JSON.stringify(body).slice(0, 200)} sig=${signature} → ${response.status} ${text.slice(0, 200)}`;
        expect(response.status, where).toBeGreaterThanOrEqual(400);
        expect(response.status, where).toBeLessThan(500);
      },
    ),
    { seed: SEED, numRuns: RUNS * 2, endOnFailure: true },
  );
  expect(await tableFingerprint(sql)).toEqual(before);
  console.log(`fuzz-webhook: ${requests} posts, all refused`);
});

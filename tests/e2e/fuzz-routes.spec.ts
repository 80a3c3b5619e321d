// Fuzzing the routes (issue #7): hostile path segments and query strings on
// every page and API route, hostile cookies, the pages' own no-JS form path
// (POST /checkout?_action=orders.place …) and the Stripe webhook. Never a 500;
// a refused form post or webhook writes nothing. On a server of its own.
// FUZZ_PAGE_RUNS GETs per route that reads a query (30 in `npm test`, 10,000 in
// `npm run test:fuzz`; at most 1,000 for the others), in a language drawn each time;
// FUZZ_RUNS (at most 1,000) posts per page form. Figures per route are printed.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { fuzzCluster, type FuzzCluster } from '../support/fuzz-cluster.ts';
import { formFields, formValue, FuzzFigures, HOSTILE, tableFingerprint, writeCount } from '../support/fuzz.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const PAGE_RUNS = Number(process.env.FUZZ_PAGE_RUNS ?? 30);
/** Page forms and the webhook: other ways to the actions that fuzz-actions tries FUZZ_RUNS times. */
const FORM_RUNS = Math.min(RUNS, 1000);

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
  '/units/*/procurement',
  '/units/*/procurement/new',
  '/units/*/statement',
  '/procurement/requests/*',
  '/procurement/contracts/*',
  '/procurement/contracts/*/print',
  '/manage/villages/*/procurement',
  '/admin/jobs',
  '/api/v1/*/*',
  '/admin/villages/new',
  '/admin/villages/*',
  '/admin/audit',
  '/manage/accept',
  '/admin/review',
  '/manage/villages/*/producers',
  '/manage/villages/*/products/new',
  '/manage/villages/*/products/*',
];

/** Routes whose page reads its query string (or a token in it): FUZZ_PAGE_RUNS each; the others at most 1,000. */
const QUERY_ROUTES = new Set([
  '/products',
  '/orders/*',
  '/orders/lookup',
  '/account',
  '/account/addresses',
  '/account/orders',
  '/account/sessions',
  '/units/*',
  '/units/*/report',
  '/units/*/group-orders',
  '/units/*/procurement/new',
  '/units/*/statement',
  '/join',
  '/signin',
  '/signup',
  '/confirm-signup',
  '/reset-password',
  '/manage/villages/*/orders',
  '/manage/villages/*/report',
  '/manage/villages/*/report/entries',
  '/manage/villages/*/report.csv',
  '/manage/villages/*/report.xlsx',
  '/manage/villages/*/report/entries.xlsx',
  '/group/*',
  '/group/*/split',
  '/admin/reports',
  '/admin/users',
  '/admin/units',
  '/admin/villages',
  '/admin/jobs',
  '/admin/villages/new',
  '/admin/villages/*',
  '/admin/audit',
  '/manage/accept',
  '/manage/villages/*/producers',
  '/manage/villages/*/products/*',
  '/api/v1/reports/villages/*',
  '/api/v1/reports/units/*',
  '/api/v1/reports/platform',
]);
const runsFor = (route: string) => (QUERY_ROUTES.has(route) ? PAGE_RUNS : Math.min(PAGE_RUNS, 1000));
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
  'refresh',
  'city',
  'county',
  'township',
  'actor',
  'target',
  'id',
  'email',
  'edit',
  'saved',
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

test(`GET every route (${PAGE_RUNS} times each that reads a query), with hostile segments, queries and cookies: never a 500`, async () => {
  test.setTimeout(Math.max(240_000, ROUTES.reduce((n, r) => n + runsFor(r), 0) * 40));
  const { origin, identities } = cluster;
  console.log(`fuzz-routes: seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const started = performance.now();
  const figures = new FuzzFigures();
  for (const route of ROUTES) {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(segment, { minLength: 3, maxLength: 3 }),
        query,
        fc.constantFrom(...(Object.keys(identities) as (keyof typeof identities)[])),
        cookie,
        async (english, segments, params, identity, extra) => {
          let i = 0;
          const path = `${english ? '/en' : ''}${route.replace(/\*/g, () => segments[i++])}`;
          const search = new URLSearchParams(params).toString();
          const url = `${origin}${path}${search ? `?${search}` : ''}`;
          const sent = performance.now();
          const response = await fetch(url, { redirect: 'manual', headers: { cookie: [identities[identity], extra].filter(Boolean).join('; ') } });
          const body = await response.text();
          figures.count(route, response.status, performance.now() - sent);
          const where = `GET ${url.slice(0, 300)} as ${identity} (${extra.slice(0, 100)}) → ${response.status} ${body.slice(0, 200)}`;
          // /healthz answers 503 only when the database is down, which it is not here.
          // (node:assert in the loops: Playwright's expect records a step per call.)
          assert.ok(response.status < 500, where);
          // 431/414: Node's HTTP parser refuses an oversized URL or header before the app sees it, with no body.
          if (response.status >= 400 && response.status !== 431 && response.status !== 414) assert.ok(body.length > 0, `a body is due: ${where}`);
        },
      ),
      { seed: SEED, numRuns: runsFor(route), endOnFailure: true },
    );
    if (PAGE_RUNS >= 1000) console.log(figures.line(route)); // progress, in long runs
  }
  const line = `fuzz-routes: ${figures.requests} GETs over ${ROUTES.length} routes in ${((performance.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(figures.statuses())}`;
  console.log(`${line}\n${figures.table()}`);
  test.info().annotations.push({ type: 'fuzz', description: line });
  expect(figures.atLeast(500)).toBe(0);
});

/** Pages whose forms post to themselves (?_action=…) without JS. */
const PAGE_FORMS: [string, string, string[]][] = [
  ['/checkout', 'orders.place', ['idempotencyKey', 'addressId', 'recipient', 'mobile', 'province', 'city', 'district', 'detail', 'email', 'paymentMethod', 'note']],
  ['/cart', 'cart.setQuantity', ['variantId', 'quantity']],
  ['/products/*', 'cart.add', ['variantId', 'quantity']], // * = a product on sale, found when the test runs
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
  test.setTimeout(Math.max(240_000, FORM_RUNS * PAGE_FORMS.length * 60));
  const { origin, identities, sql } = cluster;
  const started = performance.now();
  const statuses = new Map<number, number>();
  let requests = 0;
  let before = await tableFingerprint(sql);
  let written = await writeCount(sql);
  // A page that exists: Astro runs a `?_action=` even on a 404 page, and a product slug that
  // had left the demo once made an accepted cart.add answer 404 (a "refusal" that wrote).
  const [product] = await sql<{ slug: string }[]>`select slug from products where status = 'active' order by id limit 1`;
  for (const [pattern, action, fields] of PAGE_FORMS) {
    const page = pattern.replace('*', product.slug);
    expect((await fetch(`${origin}${page}`, { redirect: 'manual' })).status, `${page} exists`).toBeLessThan(400);
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
          assert.ok(response.status < 500, where);
          if (response.status < 400) {
            // Accepted: may have written.
            before = await tableFingerprint(sql);
            written = await writeCount(sql);
            return;
          }
          assert.ok(text.length > 0, `a body is due: ${where}`);
          assert.equal(await writeCount(sql), written, `a refused form wrote: ${where}`);
        },
      ),
      { seed: SEED, numRuns: FORM_RUNS, endOnFailure: true },
    );
    expect(await tableFingerprint(sql), `${page}: a refused form wrote`).toEqual(before);
  }
  const line = `fuzz-page-forms: ${requests} posts over ${PAGE_FORMS.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`;
  console.log(line);
  test.info().annotations.push({ type: 'fuzz', description: line });
});

test('the Stripe webhook refuses hostile bodies and signatures with a 4xx and writes nothing', async () => {
  test.setTimeout(Math.max(240_000, FORM_RUNS * 2 * 60));
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
        assert.ok(response.status >= 400 && response.status < 500, where);
      },
    ),
    { seed: SEED, numRuns: FORM_RUNS * 2, endOnFailure: true },
  );
  expect(await tableFingerprint(sql)).toEqual(before);
  console.log(`fuzz-webhook: ${requests} posts, all refused`);
});

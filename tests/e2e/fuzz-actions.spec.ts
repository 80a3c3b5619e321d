// Fuzzing every Astro Action (issue #7): thousands of malformed, oversized,
// wrongly typed and hostile inputs — as form fields, JSON, raw bodies with the
// wrong content type, with and without the right Origin, as a guest and as
// signed-in demo users. Every answer must be a 4xx with a message (or a 200
// when the input happened to be valid), never a 500; and a refused request
// must write no row, on a database of its own: the row-write count is checked
// after every refusal, and every table's fingerprint after each action's batch,
// measured from the last accepted request. FUZZ_RUNS requests per action (30 in
// `npm test`, 1,000 in CI's PostgreSQL run, 10,000 in `npm run test:fuzz`); the
// figures per action are printed. The seed is printed; FUZZ_SEED=<n> replays a run.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { fuzzCluster, type FuzzCluster } from '../support/fuzz-cluster.ts';
import { formFields, FuzzFigures, jsonValue, rawBody, tableFingerprint, writeCount } from '../support/fuzz.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS_PER_ACTION = Number(process.env.FUZZ_RUNS ?? 30);

/** Every action with the field names its schema reads. A new action without an entry fails the suite. */
const ACTIONS: Record<string, string[]> = {
  'auth.signUp': ['email', 'displayName', 'mobile', 'password', 'next'],
  'auth.confirmSignUp': ['token'],
  'auth.signIn': ['email', 'password', 'next'],
  'auth.signOut': [],
  'auth.changePassword': ['currentPassword', 'newPassword'],
  'auth.requestPasswordReset': ['email'],
  'auth.resetPassword': ['token', 'password'],
  'account.updateProfile': ['displayName', 'mobile'],
  'account.saveAddress': ['id', 'recipient', 'mobile', 'province', 'city', 'district', 'detail'],
  'account.setDefaultAddress': ['id'],
  'account.deleteAddress': ['id'],
  'account.endOtherSessions': [],
  'units.register': ['name', 'kind', 'creditCode', 'invoiceTitle', 'taxNumber', 'contactName', 'contactPhone', 'parentId'],
  'units.createInvite': ['unitId', 'role', 'days', 'uses'],
  'units.revokeInvite': ['unitId', 'inviteId'],
  'units.setMemberRole': ['unitId', 'userId', 'role'],
  'units.removeMember': ['unitId', 'userId', 'confirm'],
  'units.acceptInvite': ['code'],
  'admin.setUserRole': ['userId', 'role'],
  'admin.setUserDisabled': ['userId', 'disabled'],
  'admin.verifyUnit': ['unitId'],
  'admin.rejectUnit': ['unitId', 'reason'],
  'admin.setUnitVillages': ['unitId', 'villageIds', 'villageIds'],
  'admin.appointManager': ['villageId', 'email'],
  'admin.removeManager': ['villageId', 'userId', 'confirm'],
  'admin.retryJob': ['jobId'],
  'cart.add': ['variantId', 'quantity'],
  'cart.setQuantity': ['variantId', 'quantity'],
  'cart.remove': ['variantId'],
  'orders.place': ['idempotencyKey', 'addressId', 'recipient', 'mobile', 'province', 'city', 'district', 'detail', 'email', 'paymentMethod', 'note'],
  'orders.pay': ['orderId'],
  'orders.lookup': ['number', 'mobile'],
  'orders.recordReference': ['orderId', 'reference'],
  'orders.cancel': ['orderId', 'reason'],
  'orders.confirmReceipt': ['orderId'],
  'orders.claim': ['orderId', 'reason', 'amount', 'photos'],
  'manage.confirmPayment': ['orderId', 'reference'],
  'manage.ship': ['orderId', 'courier', 'trackingNo'],
  'manage.markDelivered': ['orderId'],
  'manage.cancel': ['orderId', 'reason'],
  'manage.decideClaim': ['claimId', 'decision', 'amount', 'note'],
  'manage.adjustStock': ['variantId', 'delta', 'reason'],
  'reports.addTarget': ['unitId', 'year', 'kind', 'name', 'amount', 'basis'],
  'reports.removeTarget': ['unitId', 'targetId'],
  'reports.createApiToken': ['unitId', 'name'],
  'reports.revokeApiToken': ['unitId', 'tokenId'],
  'reports.recordOfflineSale': ['villageId', 'unitId', 'buyerName', 'productName', 'quantity', 'saleUnit', 'jinPerUnit', 'amount', 'soldOn', 'evidence'],
  'reports.reverseOfflineSale': ['villageId', 'unitId', 'saleId', 'reason'],
  'reports.publishNotice': ['villageId', 'period', 'publish'],
  'procurement.requestQuote': [
    'unitId',
    'villageId',
    'variantId',
    'quantity',
    'customDescription',
    'customUnit',
    'customQuantity',
    'recipient',
    'mobile',
    'province',
    'city',
    'district',
    'detail',
    'firstDeliveryOn',
    'recurrence',
    'periods',
    'note',
  ],
  'procurement.withdraw': ['requestId'],
  'procurement.sendQuote': ['requestId', 'lineId', 'price', 'freight', 'validUntil', 'paymentTerms', 'netDays', 'note'],
  'procurement.decide': ['requestId', 'decision', 'note'],
  'procurement.approve': ['requestId', 'decision', 'reason'],
  'procurement.ship': ['deliveryId', 'shippedOn', 'carrier', 'note'],
  'procurement.reschedule': ['deliveryId', 'scheduledOn', 'following', 'lineId', 'quantity'],
  'procurement.accept': ['deliveryId', 'lineId', 'received', 'note'],
  'procurement.cancelContract': ['contractId', 'reason'],
  'procurement.invoice': ['deliveryId', 'number', 'issuedOn', 'amount', 'file'],
  'procurement.payment': ['contractId', 'amount', 'paidOn', 'reference', 'file'],
  'procurement.setThreshold': ['unitId', 'threshold'],
  'group.open': ['unitId', 'villageId', 'title', 'note', 'variantId', 'variantId', 'closesAt', 'deliverOn', 'paymentMode'],
  'group.signUp': ['token', 'itemId', 'quantity', 'itemId', 'quantity'],
  'group.close': ['token'],
  'group.payShare': ['token'],
  'group.markPaid': ['groupOrderId', 'userId'],
  'shelf.createVillage': ['name', 'township', 'village', 'collectiveName', 'creditCode', 'shippingFee', 'freeShippingOver', 'noFreshProvinces', 'slug', 'bankAccountNo'],
  'shelf.updateVillage': ['villageId', 'name', 'township', 'village', 'collectiveName', 'creditCode', 'shippingFee', 'bankAccountName', 'bankName', 'bankAccountNo'],
  'shelf.pauseVillage': ['villageId', 'paused', 'confirm'],
  'shelf.inviteManager': ['villageId', 'email'],
  'shelf.revokeManagerInvite': ['villageId', 'inviteId', 'confirm'],
  'shelf.acceptManagerInvite': ['code'],
  'listing.saveProducer': ['villageId', 'producerId', 'kind', 'name', 'isLifted', 'creditCode', 'consentBy', 'consentOn', 'consentMethod'],
  'listing.saveProduct': [
    'villageId',
    'productId',
    'producerId',
    'categoryId',
    'name',
    'presaleShipsFrom',
    'variantId',
    'variantName',
    'variantUnit',
    'variantGrams',
    'variantPrice',
    'variantMin',
    'variantStock',
    'variantTiers',
    'variantName',
    'variantPrice',
  ],
  'listing.submitProduct': ['villageId', 'productId'],
  'listing.setOnShelf': ['villageId', 'productId', 'onShelf'],
  'listing.addCredential': ['villageId', 'productId', 'kind', 'certificateNo', 'issuer', 'validUntil', 'scan'],
  'listing.removeCredential': ['villageId', 'productId', 'credentialId'],
  'listing.approveProduct': ['productId'],
  'listing.rejectProduct': ['productId', 'reason'],
};

function actionNames(): string[] {
  const dir = join(import.meta.dirname, '../../src/actions');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !['index.ts', 'run.ts'].includes(f))
    .flatMap((file) => [...readFileSync(join(dir, file), 'utf8').matchAll(/^ {2}(\w+): defineAction\(/gm)].map((m) => `${file.slice(0, -3)}.${m[1]}`));
}

type Request =
  | { kind: 'form'; fields: [string, string][] }
  | { kind: 'json'; value: unknown }
  | { kind: 'multipart'; fields: [string, string][] }
  | { kind: 'raw'; type: string | null; body: Uint8Array };

const requestOf = (names: string[]): fc.Arbitrary<Request> =>
  fc.oneof(
    { weight: 5, arbitrary: formFields(names).map((fields) => ({ kind: 'form' as const, fields })) },
    { weight: 2, arbitrary: formFields(names).map((fields) => ({ kind: 'multipart' as const, fields })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), jsonValue))).map((pairs) => Object.fromEntries(pairs)),
          jsonValue,
        )
        .map((value) => ({ kind: 'json' as const, value })),
    },
    { weight: 1, arbitrary: rawBody.map((r) => ({ kind: 'raw' as const, ...r })) },
  );

function bodyOf(r: Request): { type: string | null; body: BodyInit } {
  switch (r.kind) {
    case 'form':
      return { type: 'application/x-www-form-urlencoded', body: new URLSearchParams(r.fields) };
    case 'multipart': {
      const data = new FormData();
      for (const [k, v] of r.fields) data.append(k, v);
      return { type: null, body: data };
    }
    case 'json':
      return { type: 'application/json', body: JSON.stringify(r.value) ?? 'null' };
    case 'raw':
      return { type: r.type, body: r.body as Uint8Array<ArrayBuffer> };
  }
}

/** The message of an ActionError ({ code, message }) or of an input error ({ type: 'AstroActionInputError', issues: [{ message }] }). */
function messageOf(text: string): string | null {
  try {
    const json = JSON.parse(text) as { message?: unknown; issues?: { message?: unknown }[] };
    if (typeof json.message === 'string' && json.message) return json.message;
    const issue = json.issues?.find((i) => typeof i.message === 'string' && i.message);
    return issue ? String(issue.message) : null;
  } catch {
    return null;
  }
}

let cluster: FuzzCluster;
test.describe.configure({ mode: 'serial', timeout: 240_000 });
test.beforeAll(async () => {
  cluster = await fuzzCluster();
});
test.afterAll(async () => {
  await cluster?.stop();
});

test('every action is in the fuzzing list', () => {
  expect(actionNames().filter((a) => !(a in ACTIONS))).toEqual([]);
  expect(Object.keys(ACTIONS).filter((a) => !actionNames().includes(a))).toEqual([]);
});

test(`every action, ${RUNS_PER_ACTION} hostile requests each: a 4xx with a message or a 200, never a 500, nothing written when refused`, async () => {
  test.setTimeout(Math.max(240_000, RUNS_PER_ACTION * Object.keys(ACTIONS).length * 60));
  const { origin, identities, sql } = cluster;
  console.log(`fuzz-actions: seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const started = performance.now();
  const figures = new FuzzFigures();
  let before = await tableFingerprint(sql);
  let written = await writeCount(sql);
  for (const [name, fields] of Object.entries(ACTIONS)) {
    // Signing out would end the shared identities' sessions: guests only.
    const who =
      name === 'auth.signOut' || name === 'account.endOtherSessions'
        ? fc.constant('guest' as const)
        : fc.constantFrom(...(Object.keys(identities) as (keyof typeof identities)[]));
    const originArb = fc.oneof(
      { weight: 8, arbitrary: fc.constant(origin) },
      { weight: 1, arbitrary: fc.constantFrom('https://evil.example', 'null', '') },
      { weight: 1, arbitrary: fc.constant(null) },
    );
    await fc.assert(
      fc.asyncProperty(who, requestOf(fields), originArb, async (identity, request, sentOrigin) => {
        const { type, body } = bodyOf(request);
        const headers: Record<string, string> = { cookie: identities[identity] };
        if (type) headers['content-type'] = type;
        if (sentOrigin !== null) headers.origin = sentOrigin;
        const sent = performance.now();
        const response = await fetch(`${origin}/_actions/${name}`, { method: 'POST', redirect: 'manual', headers, body });
        const text = await response.text();
        figures.count(name, response.status, performance.now() - sent);
        const where = `${name} as ${identity} → ${response.status} ${text.slice(0, 300)}`;
        if (response.status === 200) {
          // A valid input may write: later refusals are measured from here.
          before = await tableFingerprint(sql);
          written = await writeCount(sql);
          return;
        }
        // node:assert in the loop: Playwright's expect records a step per call, which at
        // 10,000 requests per action costs more time than the requests.
        assert.ok(response.status >= 400 && response.status < 500, `a 4xx is due: ${where}`);
        if (sentOrigin === origin && request.kind !== 'raw') assert.ok(messageOf(text), `a message is due: ${where}`);
        else assert.ok(text.length > 0, `a body is due: ${where}`);
        assert.equal(await writeCount(sql), written, `a refused request wrote: ${where}`);
      }),
      { seed: SEED, numRuns: RUNS_PER_ACTION, endOnFailure: true },
    );
    expect(await tableFingerprint(sql), `${name}: a refused request wrote`).toEqual(before);
    if (RUNS_PER_ACTION >= 1000) console.log(figures.line(name)); // progress, in long runs
  }
  const seconds = (performance.now() - started) / 1000;
  const line = `fuzz-actions: ${figures.requests} requests over ${Object.keys(ACTIONS).length} actions in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(figures.statuses())}`;
  console.log(`${line}\n${figures.table()}`);
  test.info().annotations.push({ type: 'fuzz', description: line });
  expect(figures.atLeast(500)).toBe(0);
});

test('a form whose random multipart boundary happens to spell "json" is read as the form it is', async () => {
  // Chromium draws 16 letters and digits for the boundary, so about one form in 70 000 carried
  // "json" in its Content-Type and was refused as a JSON body that did not parse.
  const { origin, sql } = cluster;
  const [variant] = await sql<{ id: number; slug: string }[]>`
    select v.id, p.slug from product_variants v join products p on p.id = v.product_id where v.stock > 0 order by v.id limit 1`;
  const boundary = '----WebKitFormBoundaryJsoN4fq2ZK8xTb';
  const body = [
    `--${boundary}\r\nContent-Disposition: form-data; name="variantId"\r\n\r\n${variant.id}\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="quantity"\r\n\r\n1\r\n`,
    `--${boundary}--\r\n`,
  ].join('');
  const headers = { origin, 'content-type': `multipart/form-data; boundary=${boundary}` };
  const direct = await fetch(`${origin}/_actions/cart.add`, { method: 'POST', redirect: 'manual', headers, body });
  expect(direct.status, await direct.text()).toBe(200);
  const page = await fetch(`${origin}/products/${variant.slug}?_action=cart.add`, { method: 'POST', redirect: 'manual', headers, body });
  expect([200, 303], `${page.status} ${(await page.text()).slice(0, 300)}`).toContain(page.status);
});

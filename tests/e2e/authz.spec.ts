// The authorization matrix: every route file and every action is classified
// below, and each protected one is tried as every demo role through the real
// server. A new page or action without an entry here fails this test, so nobody
// can add a route without deciding (and proving) who may use it.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../db/seed-accounts.ts';
import { creditCodeCheckChar } from '../../src/lib/credit-code.ts';
import { allowed, clients, discoverIds, languageNeutral, origin, roles, routeFiles, routes, type Ids, type Role, type Rule } from './routes.ts';

const sampleCreditCode = `11110000MB0424242${creditCodeCheckChar('11110000MB0424242')}`;

const USER = { kind: 'user' } as const;
const ADMIN = { kind: 'admin' } as const;

/** Every action → a body that passes its input schema (so the guard, not validation, answers) and who may run it. */
const villageBody = {
  name: '矩阵村',
  township: '999999999',
  collectiveName: '矩阵村股份经济合作社',
  creditCode: `N2611026000000001${creditCodeCheckChar('N2611026000000001')}`,
  shippingFee: '10',
};

const actionRules: Record<string, (ids: Ids) => { body: Record<string, string>; rule: Rule; only?: Role[] } | null> = {
  'auth.signUp': () => null, // public by design
  'auth.confirmSignUp': () => null, // anyone holding a live link
  'auth.signIn': () => null,
  'auth.signOut': () => null,
  'auth.requestPasswordReset': () => null,
  'auth.resetPassword': () => null,
  'cart.add': () => null, // anyone, always on their own cart (session or guest cookie; no cart id in the input)
  'cart.setQuantity': () => null,
  'cart.remove': () => null,
  'orders.place': () => null, // anyone, from their own cart
  'orders.lookup': () => null, // anyone who knows the number and the mobile
  // The buyer's own order only (staff@ placed it: no other browser test uses that account's cart). Tried as everyone else (the buyer's own run would change the order other cases use).
  'orders.recordReference': (ids) => ({ body: { orderId: ids.order.id, reference: '矩阵' }, rule: { kind: 'members', allowed: ['staff'] }, only: notTheBuyer }),
  'orders.cancel': (ids) => ({ body: { orderId: ids.order.id, reason: '矩阵' }, rule: { kind: 'members', allowed: ['staff'] }, only: notTheBuyer }),
  'orders.confirmReceipt': (ids) => ({ body: { orderId: ids.order.id }, rule: { kind: 'members', allowed: ['staff'] }, only: notTheBuyer }),
  'orders.claim': (ids) => ({ body: { orderId: ids.order.id, reason: '矩阵', amount: '1' }, rule: { kind: 'members', allowed: ['staff'] }, only: notTheBuyer }),
  'orders.pay': (ids) => ({ body: { orderId: ids.order.id }, rule: { kind: 'members', allowed: ['staff'] }, only: notTheBuyer }),
  // The village's desk: managers of the order's village (and admins). Tried as everyone who may not.
  'manage.confirmPayment': (ids) => ({ body: { orderId: ids.order.id }, rule: villageDesk, only: notTheVillage }),
  'manage.ship': (ids) => ({ body: { orderId: ids.order.id, courier: '矩阵快递', trackingNo: 'ZT00000000' }, rule: villageDesk, only: notTheVillage }),
  'manage.markDelivered': (ids) => ({ body: { orderId: ids.order.id }, rule: villageDesk, only: notTheVillage }),
  'manage.cancel': (ids) => ({ body: { orderId: ids.order.id, reason: '矩阵' }, rule: villageDesk, only: notTheVillage }),
  'manage.adjustStock': (ids) => ({ body: { variantId: ids.variantId, delta: '1', reason: '矩阵' }, rule: villageDesk, only: notTheVillage }),
  // A claim id that does not exist: only sign-in is provable here; orders.test.ts proves another village's manager is refused.
  'manage.decideClaim': () => ({ body: { claimId: '999999', decision: 'reject', note: '矩阵' }, rule: villageDesk, only: ['anonymous'] }),
  'auth.changePassword': () => ({ body: { currentPassword: 'wrong-password', newPassword: 'not-used-2027x' }, rule: USER }),
  // Account actions act on the caller's own rows only (integration tests prove another person's address id is "not found").
  // Tried only where the effect can't disturb other tests running at the same time.
  'account.updateProfile': () => ({ body: { displayName: '李女士', mobile: '' }, rule: USER, only: ['anonymous', 'consumer'] }),
  'account.saveAddress': () => ({
    body: { recipient: '矩阵', mobile: '13800138000', province: '山东省', city: '临沂市', district: '蒙阴县', detail: '测试路 1 号' },
    rule: USER,
  }),
  'account.setDefaultAddress': () => ({ body: { id: '999999' }, rule: USER }),
  'account.deleteAddress': () => ({ body: { id: '999999' }, rule: USER }),
  'account.endOtherSessions': () => ({ body: {}, rule: USER, only: ['anonymous'] }),
  'admin.setUserRole': () => ({ body: { userId: '999999', role: 'admin' }, rule: ADMIN }),
  'admin.setUserDisabled': () => ({ body: { userId: '999999', disabled: 'true' }, rule: ADMIN }),
  'admin.verifyUnit': () => ({ body: { unitId: '999999' }, rule: ADMIN }),
  'admin.rejectUnit': () => ({ body: { unitId: '999999', reason: '矩阵测试' }, rule: ADMIN }),
  'admin.setUnitVillages': () => ({ body: { unitId: '999999' }, rule: ADMIN }),
  'admin.appointManager': () => ({ body: { villageId: '999999', email: 'nobody@example.com' }, rule: ADMIN }),
  'admin.removeManager': () => ({ body: { villageId: '999999', userId: '999999', confirm: 'on' }, rule: ADMIN }),
  'admin.retryJob': () => ({ body: { jobId: '00000000-0000-4000-8000-000000000000' }, rule: ADMIN }),
  // Villages: well-formed input naming a place that is not in the national list (an admin gets 400), or a village that does not exist (404).
  'shelf.createVillage': () => ({ body: villageBody, rule: ADMIN }),
  'shelf.updateVillage': () => ({ body: { villageId: '999999', ...villageBody }, rule: ADMIN }),
  'shelf.pauseVillage': () => ({ body: { villageId: '999999', paused: 'true', confirm: 'on' }, rule: ADMIN }),
  'shelf.inviteManager': () => ({ body: { villageId: '999999', email: 'nobody@example.com' }, rule: ADMIN }),
  'shelf.revokeManagerInvite': () => ({ body: { villageId: '999999', inviteId: 'x', confirm: 'on' }, rule: ADMIN }),
  'shelf.acceptManagerInvite': () => ({ body: { code: 'x' }, rule: USER }),
  // The listing: the first village's managers (and admins); tried only as those who may not (nothing is written).
  'listing.saveProducer': (ids) => ({
    body: { villageId: ids.village0, kind: 'cooperative', name: '矩阵合作社', creditCode: sampleCreditCode },
    rule: villageDesk,
    only: notTheVillage,
  }),
  'listing.saveProduct': (ids) => ({
    body: { villageId: ids.village0, producerId: '1', categoryId: '1', name: '矩阵', variantName: '一斤', variantUnit: 'jin', variantPrice: '1' },
    rule: villageDesk,
    only: notTheVillage,
  }),
  'listing.submitProduct': (ids) => ({ body: { villageId: ids.village0, productId: ids.product0 }, rule: villageDesk, only: notTheVillage }),
  'listing.setOnShelf': (ids) => ({ body: { villageId: ids.village0, productId: ids.product0, onShelf: 'false' }, rule: villageDesk, only: notTheVillage }),
  'listing.addCredential': (ids) => ({
    body: { villageId: ids.village0, productId: ids.product0, kind: 'organic', certificateNo: '矩阵', issuer: '矩阵' },
    rule: villageDesk,
    only: notTheVillage,
  }),
  'listing.removeCredential': (ids) => ({ body: { villageId: ids.village0, productId: ids.product0, credentialId: '999999' }, rule: villageDesk, only: notTheVillage }),
  'listing.approveProduct': () => ({ body: { productId: '999999' }, rule: ADMIN }),
  'listing.rejectProduct': () => ({ body: { productId: '999999', reason: '矩阵' }, rule: ADMIN }),
  // Targets and API tokens: the unit's admins (and platform admins). Tried as everyone who may not (nothing is written).
  'reports.addTarget': (ids) => ({
    body: { unitId: String(ids.bureau), year: '2026', kind: 'reserved_share', name: '矩阵', amount: '100' },
    rule: { kind: 'members', allowed: ['unitadmin', 'admin'] },
    only: notUnitAdmins,
  }),
  'reports.removeTarget': (ids) => ({
    body: { unitId: String(ids.bureau), targetId: '999999' },
    rule: { kind: 'members', allowed: ['unitadmin', 'admin'] },
    only: notUnitAdmins,
  }),
  'reports.createApiToken': (ids) => ({ body: { unitId: String(ids.bureau), name: '矩阵' }, rule: { kind: 'members', allowed: ['unitadmin', 'admin'] }, only: notUnitAdmins }),
  'reports.revokeApiToken': (ids) => ({
    body: { unitId: String(ids.bureau), tokenId: '999999' },
    rule: { kind: 'members', allowed: ['unitadmin', 'admin'] },
    only: notUnitAdmins,
  }),
  // 帮助销售: the village's managers (and admins). Tried as everyone who may not (nothing is recorded).
  'reports.recordOfflineSale': (ids) => ({
    body: { villageId: ids.village0, buyerName: '矩阵', productName: '鲜桃', quantity: '1', saleUnit: 'jin', amount: '1', soldOn: '2026-01-01' },
    rule: villageDesk,
    only: notTheVillage,
  }),
  'reports.publishNotice': (ids) => ({ body: { villageId: ids.village0, period: '2026', publish: 'yes' }, rule: villageDesk, only: notTheVillage }),
  'reports.reverseOfflineSale': (ids) => ({ body: { villageId: ids.village0, saleId: '999999', reason: '矩阵' }, rule: villageDesk, only: notTheVillage }),
  // Bulk procurement. A request is made by the unit's buyers and admins (a platform admin does not buy for a unit);
  // the threshold is the unit admins'. Requests, quotes, contracts and deliveries that do not exist: only sign-in is
  // provable here; procurement.test.ts proves each party rule on real ones.
  'procurement.requestQuote': (ids) => ({
    body: {
      unitId: String(ids.bureau),
      villageId: ids.village0,
      variantId: ids.variantId,
      quantity: '1',
      recipient: '矩阵',
      mobile: '13800138000',
      province: '山东省',
      city: '临沂市',
      district: '蒙阴县',
      detail: '测试路 1 号',
      firstDeliveryOn: '2030-01-02',
      recurrence: 'once',
      periods: '1',
    },
    rule: { kind: 'members', allowed: ['unitadmin', 'buyer'] },
    only: ['anonymous', 'consumer', 'staff', 'approver', 'sanitation', 'manager', 'admin'],
  }),
  'procurement.setThreshold': (ids) => ({
    body: { unitId: String(ids.bureau), threshold: '0' },
    rule: { kind: 'members', allowed: ['unitadmin', 'admin'] },
    only: notUnitAdmins,
  }),
  'procurement.withdraw': () => ({ body: { requestId: '999999' }, rule: USER, only: ['anonymous'] }),
  'procurement.sendQuote': () => ({
    body: { requestId: '999999', lineId: '1', price: '1', freight: '0', validUntil: '2030-01-01', paymentTerms: 'net', netDays: '30' },
    rule: USER,
    only: ['anonymous'],
  }),
  'procurement.decide': () => ({ body: { requestId: '999999', decision: 'accept' }, rule: USER, only: ['anonymous'] }),
  'procurement.approve': () => ({ body: { requestId: '999999', decision: 'approve' }, rule: USER, only: ['anonymous'] }),
  'procurement.ship': () => ({ body: { deliveryId: '999999', shippedOn: '2026-01-01', carrier: '矩阵' }, rule: USER, only: ['anonymous'] }),
  'procurement.reschedule': () => ({ body: { deliveryId: '999999', scheduledOn: '2030-01-01' }, rule: USER, only: ['anonymous'] }),
  'procurement.accept': () => ({ body: { deliveryId: '999999', lineId: '1', received: '1' }, rule: USER, only: ['anonymous'] }),
  'procurement.cancelContract': () => ({ body: { contractId: '999999', reason: '矩阵' }, rule: USER, only: ['anonymous'] }),
  'procurement.invoice': () => ({ body: { deliveryId: '999999', number: '12345678', issuedOn: '2026-01-01', amount: '1' }, rule: USER, only: ['anonymous'] }),
  'procurement.payment': () => ({ body: { contractId: '999999', amount: '1', paidOn: '2026-01-01', reference: '矩阵' }, rule: USER, only: ['anonymous'] }),
  // 团购接龙: the bureau's buyers and admins open and close; its members (any role) sign up; the village's managers confirm pay-each shares.
  // Tried only as those who may not (nothing is written); group-orders.test.ts and group-orders.spec.ts prove the allowed side.
  'group.open': (ids) => ({
    body: {
      unitId: String(ids.bureau),
      villageId: ids.village0,
      title: '矩阵',
      note: '矩阵',
      variantId: ids.variantId,
      closesAt: '2099-01-01T18:00',
      deliverOn: '2099-01-02',
      paymentMode: 'unit',
    },
    rule: { kind: 'members', allowed: ['unitadmin', 'buyer'] },
    only: ['anonymous', 'consumer', 'staff', 'approver', 'sanitation', 'manager', 'admin'],
  }),
  'group.signUp': (ids) => ({
    body: { token: ids.groupToken, itemId: '999999', quantity: '1' },
    rule: { kind: 'members', allowed: ['unitadmin', 'buyer', 'approver', 'staff'] },
    only: ['anonymous', 'consumer', 'sanitation', 'manager', 'admin'],
  }),
  'group.close': (ids) => ({
    body: { token: ids.groupToken },
    rule: { kind: 'members', allowed: ['unitadmin', 'buyer'] },
    only: ['anonymous', 'consumer', 'staff', 'approver', 'sanitation', 'manager', 'admin'],
  }),
  // A group order id that does not exist: only sign-in is provable here; group-orders.test.ts proves the unit's buyer is refused.
  // Online payment of one's own share: the unit's people only (the village and admins may look but have no share).
  'group.payShare': (ids) => ({
    body: { token: ids.groupToken },
    rule: { kind: 'members', allowed: ['unitadmin', 'buyer', 'approver', 'staff'] },
    only: ['anonymous', 'consumer', 'sanitation', 'manager', 'admin'],
  }),
  'group.markPaid': () => ({ body: { groupOrderId: '999999', userId: '1' }, rule: villageDesk, only: ['anonymous'] }),
  'units.register': () => ({
    body: {
      name: '矩阵测试单位',
      kind: 'government',
      creditCode: sampleCreditCode,
      invoiceTitle: '矩阵测试单位',
      taxNumber: sampleCreditCode,
      contactName: '测试',
      contactPhone: '13800138000',
    },
    rule: USER,
  }),
  'units.acceptInvite': () => ({ body: { code: 'x' }, rule: USER }),
  'units.createInvite': (ids) => ({ body: { unitId: String(ids.bureau), role: 'staff', days: '1' }, rule: { kind: 'members', allowed: ['unitadmin', 'admin'] } }),
  'units.revokeInvite': (ids) => ({ body: { unitId: String(ids.bureau), inviteId: 'none' }, rule: { kind: 'members', allowed: ['unitadmin', 'admin'] } }),
  'units.setMemberRole': (ids) => ({ body: { unitId: String(ids.bureau), userId: '999999', role: 'staff' }, rule: { kind: 'members', allowed: ['unitadmin', 'admin'] } }),
  'units.removeMember': (ids) => ({ body: { unitId: String(ids.bureau), userId: '999999', confirm: 'on' }, rule: { kind: 'members', allowed: ['unitadmin', 'admin'] } }),
};

const notUnitAdmins: Role[] = ['anonymous', 'consumer', 'staff', 'buyer', 'approver', 'sanitation', 'manager'];
const notTheBuyer: Role[] = ['anonymous', 'consumer', 'buyer', 'manager', 'admin'];
const notTheVillage: Role[] = ['anonymous', 'consumer', 'staff', 'sanitation', 'buyer'];
const villageDesk: Rule = { kind: 'members', allowed: ['manager', 'admin'] };

function actionNames(): string[] {
  const names: string[] = [];
  const dir = join(process.cwd(), 'src/actions');
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.ts') || ['index.ts', 'run.ts'].includes(file)) continue;
    const source = readFileSync(join(dir, file), 'utf8');
    const area = /export const (\w+) = \{/.exec(source)?.[1];
    for (const m of source.matchAll(/^ {2}(\w+): defineAction\(/gm)) names.push(`${area}.${m[1]}`);
  }
  return names.sort();
}

test('every page and action is classified in the authorization matrix', () => {
  const unclassifiedRoutes = [...new Set(routeFiles())].filter((r) => !(r in routes));
  expect(unclassifiedRoutes, 'add these routes to tests/e2e/authz.spec.ts').toEqual([]);
  // Each page serves both languages from one file (src/server/english-pages.ts); the walks below visit both.
  expect(
    [...languageNeutral].filter((r) => !routeFiles().includes(r)),
    'language-neutral routes that are not route files',
  ).toEqual([]);
  const unclassifiedActions = actionNames().filter((a) => !(a in actionRules));
  expect(unclassifiedActions, 'add these actions to tests/e2e/authz.spec.ts').toEqual([]);
});

test('each role reaches exactly the pages it may, through the real server', async ({ baseURL }) => {
  test.setTimeout(300_000); // every route × 9 roles × 2 languages, on a shared 2-core machine
  const cs = await clients(baseURL!);
  const ids = await discoverIds(cs, baseURL!);
  const existing = new Set(routeFiles());
  const failures: string[] = [];
  for (const [route, cases] of Object.entries(routes)) {
    if (!existing.has(route)) continue;
    for (const { url, rule } of cases(ids)) {
      for (const prefix of languageNeutral.has(route) ? [''] : ['', '/en']) {
        for (const role of roles) {
          const { request, cookie } = cs.get(role)!;
          const res = await request.get(prefix + url, { headers: cookie ? { cookie } : {}, maxRedirects: 0 });
          const status = res.status();
          const location = res.headers().location ?? '';
          const ok = allowed(rule, role);
          const signInRedirect = status === 303 && location.includes('/signin?next=');
          const lookupRedirect = status === 303 && location.includes('/orders/lookup?number=');
          const expected = ok
            ? status === 200 || (status === 303 && !signInRedirect)
            : role === 'anonymous'
              ? rule.kind === 'buyer'
                ? lookupRedirect
                : signInRedirect
              : // Someone else's order is not found, as if it did not exist (no way to probe which numbers are real).
                status === (rule.kind === 'buyer' ? 404 : 403);
          if (!expected)
            failures.push(
              `${role} GET ${prefix}${url} → ${status} ${location} (expected ${ok ? 'allowed' : role === 'anonymous' ? 'sign-in redirect' : rule.kind === 'buyer' ? '404' : '403'})`,
            );
        }
      }
    }
  }
  expect(failures).toEqual([]);
});

test('each role may run exactly the actions it may', async ({ baseURL }) => {
  test.setTimeout(300_000); // every route × 9 roles × 2 languages, on a shared 2-core machine
  const cs = await clients(baseURL!);
  const ids = await discoverIds(cs, baseURL!);
  const failures: string[] = [];
  for (const name of actionNames()) {
    const spec = actionRules[name]?.(ids);
    if (!spec) continue;
    for (const role of spec.only ?? roles) {
      const { request, cookie } = cs.get(role)!;
      const res = await request.post(`/_actions/${name}`, {
        multipart: spec.body,
        headers: { origin: origin(baseURL!), ...(cookie ? { cookie } : {}) },
        maxRedirects: 0,
      });
      const status = res.status();
      const ok = allowed(spec.rule, role);
      // Allowed callers may still get 400/404/409 for the sample input; never 401/403.
      const expected = ok ? ![401, 403].includes(status) && status < 500 : status === (role === 'anonymous' ? 401 : 403);
      if (!expected) failures.push(`${role} ${name} → ${status} ${(await res.text()).slice(0, 300)} (expected ${ok ? 'not 401/403' : role === 'anonymous' ? 401 : 403})`);
    }
  }
  expect(failures).toEqual([]);
});

test('a cross-origin form POST is refused, and so is one with no Origin', async ({ request }) => {
  const evil = await request.post('/signin?_action=auth.signIn', {
    form: { email: 'admin@bangfu.local', password: DEMO_PASSWORD },
    headers: { origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(evil.status()).toBe(403);
  expect(evil.headers()['set-cookie'] ?? '').not.toContain('bangfu_session=');
  const none = await request.post('/signin?_action=auth.signIn', { form: { email: 'admin@bangfu.local', password: DEMO_PASSWORD }, maxRedirects: 0 });
  expect(none.status()).toBe(403);
});

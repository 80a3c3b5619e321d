// Every route of the app and who may see it, shared by the browser tests that
// walk all pages: authz.spec.ts (each role reaches exactly what it may),
// security.spec.ts (headers on every response) and a11y.spec.ts (axe on every
// page a user can reach). A route file missing here fails authz.spec.ts.
import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from '../../db/seed-accounts.ts';
import { villages } from '../../db/demo/data.ts';
import { LANGUAGE_NEUTRAL, pageFiles } from '../../src/server/english-pages.ts';

/** A village's first product that is not on pre-sale (pre-sale ships only from its date). */
export function inSeason(village: (typeof villages)[number]) {
  return village.products.find((p) => p.variants.every((v) => !v.presaleMonthDay))!;
}

export type Role = 'anonymous' | 'consumer' | 'staff' | 'buyer' | 'approver' | 'unitadmin' | 'sanitation' | 'manager' | 'admin';
export const roles: Role[] = ['anonymous', 'consumer', 'staff', 'buyer', 'approver', 'unitadmin', 'sanitation', 'manager', 'admin'];
// The seed: bureau = 蒙阴县农业农村局 (unitadmin, buyer, approver, staff); sanitation = 威县城区环卫保洁有限公司
// (sanitation); manager manages the first demo village.
export const bureauMembers: Role[] = ['unitadmin', 'buyer', 'approver', 'staff', 'admin'];

export type Rule =
  | { kind: 'public' }
  | { kind: 'buyer'; allowed: Role[] } // an order page: its buyer (and admins); a guest is sent to the lookup form
  | { kind: 'user' } // any signed-in account
  | { kind: 'admin' }
  | { kind: 'members'; allowed: Role[] }; // scoped to one unit or village

const PUBLIC = { kind: 'public' } as const;
const USER = { kind: 'user' } as const;
const ADMIN = { kind: 'admin' } as const;

/** A village manager's page of the first village (theirs) and of the second (only admins). */
const villageDeskPages = (suffix: string) => [
  { url: `/manage/villages/${villages[0].slug}${suffix}`, rule: { kind: 'members', allowed: ['manager', 'admin'] } as Rule },
  { url: `/manage/villages/${villages[1].slug}${suffix}`, rule: { kind: 'members', allowed: ['admin'] } as Rule },
];

/** Every route file (without the /en prefix) → the URLs to try and who may see each. */
export const routes: Record<string, (ids: Ids) => { url: string; rule: Rule }[]> = {
  '/': () => [{ url: '/', rule: PUBLIC }],
  '/404': () => [],
  '/forbidden': () => [],
  '/healthz': () => [{ url: '/healthz', rule: PUBLIC }],
  '/robots.txt': () => [{ url: '/robots.txt', rule: PUBLIC }],
  '/sitemap.xml': () => [{ url: '/sitemap.xml', rule: PUBLIC }],
  '/products': () => [{ url: '/products', rule: PUBLIC }],
  '/products/[slug]': () => [{ url: `/products/${villages[0].products[0].slug}`, rule: PUBLIC }],
  '/villages': () => [{ url: '/villages', rule: PUBLIC }],
  // 公示: public once a village publishes a period (404 before); reports.spec.ts publishes one and reads it signed out.
  '/villages/[slug]/notice/[period]': () => [],
  '/villages/[slug]': () => [{ url: `/villages/${villages[0].slug}`, rule: PUBLIC }],
  '/cart': () => [{ url: '/cart', rule: PUBLIC }],
  '/checkout': () => [{ url: '/checkout', rule: PUBLIC }],
  '/orders/lookup': () => [{ url: '/orders/lookup', rule: PUBLIC }],
  '/orders/[number]': (ids) => [{ url: `/orders/${ids.order.number}`, rule: { kind: 'buyer', allowed: ['staff', 'admin'] } }],
  '/account/orders': () => [{ url: '/account/orders', rule: USER }],
  // Claim photos: orders.spec.ts proves the village sees one and a stranger gets 404.
  '/uploads/[...path]': () => [],
  // POST only, signed by Stripe: tests/integration/stripe.test.ts and orders.spec.ts.
  '/api/webhooks/stripe': () => [],
  '/signin': () => [{ url: '/signin', rule: PUBLIC }],
  '/signup': () => [{ url: '/signup', rule: PUBLIC }],
  '/confirm-signup': () => [{ url: '/confirm-signup?token=x', rule: PUBLIC }],
  '/forgot-password': () => [{ url: '/forgot-password', rule: PUBLIC }],
  '/reset-password': () => [{ url: '/reset-password?token=x', rule: PUBLIC }],
  '/join': () => [{ url: '/join?code=x', rule: USER }],
  '/account': () => [{ url: '/account', rule: USER }],
  '/account/addresses': () => [{ url: '/account/addresses', rule: USER }],
  '/account/sessions': () => [{ url: '/account/sessions', rule: USER }],
  '/account/units': () => [{ url: '/account/units', rule: USER }],
  '/units/new': () => [{ url: '/units/new', rule: USER }],
  '/units/[id]': (ids) => [
    { url: `/units/${ids.bureau}`, rule: { kind: 'members', allowed: bureauMembers } },
    { url: `/units/${ids.sanitation}`, rule: { kind: 'members', allowed: ['sanitation', 'admin'] } },
  ],
  '/units/[id]/report': (ids) => [
    { url: `/units/${ids.bureau}/report?period=2026-H1`, rule: { kind: 'members', allowed: bureauMembers } },
    { url: `/units/${ids.sanitation}/report`, rule: { kind: 'members', allowed: ['sanitation', 'admin'] } },
  ],
  '/units/[id]/brokered': (ids) => [
    { url: `/units/${ids.bureau}/brokered`, rule: { kind: 'members', allowed: ['unitadmin', 'buyer', 'admin'] } },
    { url: `/units/${ids.sanitation}/brokered`, rule: { kind: 'members', allowed: ['sanitation', 'admin'] } },
  ],
  '/units/[id]/procurement': (ids) => [
    { url: `/units/${ids.bureau}/procurement`, rule: { kind: 'members', allowed: ['unitadmin', 'buyer', 'approver', 'admin'] } },
    { url: `/units/${ids.sanitation}/procurement`, rule: { kind: 'members', allowed: ['sanitation', 'admin'] } },
  ],
  '/units/[id]/procurement/new': (ids) => [
    { url: `/units/${ids.bureau}/procurement/new?village=${ids.village0}`, rule: { kind: 'members', allowed: ['unitadmin', 'buyer', 'admin'] } },
  ],
  '/units/[id]/statement': (ids) => [
    { url: `/units/${ids.bureau}/statement?period=2026`, rule: { kind: 'members', allowed: ['unitadmin', 'buyer', 'approver', 'admin'] } },
    { url: `/units/${ids.sanitation}/statement`, rule: { kind: 'members', allowed: ['sanitation', 'admin'] } },
  ],
  // A request or contract is seen by its two parties only: procurement.test.ts proves the rule for every
  // role, procurement.spec.ts walks both pages (axe included) as each party.
  '/procurement/requests/[number]': () => [],
  '/procurement/contracts/[number]': () => [],
  '/procurement/contracts/[number]/print': () => [],
  '/units/[id]/group-orders': (ids) => [
    { url: `/units/${ids.bureau}/group-orders`, rule: { kind: 'members', allowed: bureauMembers } },
    { url: `/units/${ids.bureau}/group-orders?village=${ids.village0}`, rule: { kind: 'members', allowed: bureauMembers } },
    { url: `/units/${ids.sanitation}/group-orders`, rule: { kind: 'members', allowed: ['sanitation', 'admin'] } },
  ],
  // A group order of the bureau with the first village (opened by buyer@ in discoverIds): the unit's members and the village's manager.
  '/group/[token]': (ids) => [{ url: `/group/${ids.groupToken}`, rule: { kind: 'members', allowed: [...bureauMembers, 'manager'] } }],
  // The split list: the unit's buyers, approvers and admins, the village's managers; not staff.
  '/group/[token]/split': (ids) => [{ url: `/group/${ids.groupToken}/split`, rule: { kind: 'members', allowed: ['unitadmin', 'buyer', 'approver', 'manager', 'admin'] } }],
  '/admin/reports': () => [{ url: '/admin/reports?period=2026', rule: ADMIN }],
  // JSON: a session gets the pages' rules but 401 instead of a sign-in redirect (reports.spec.ts tries sessions and tokens).
  '/api/v1/reports/villages/[id]': () => [],
  '/api/v1/reports/units/[id]': () => [],
  '/api/v1/reports/platform': () => [],
  '/api/v1/openapi.json': () => [{ url: '/api/v1/openapi.json', rule: PUBLIC }],
  // Unknown API addresses: a JSON 404 (reports.spec.ts).
  '/api/v1/[...path]': () => [],
  '/manage': () => [{ url: '/manage', rule: USER }],
  '/manage/villages/[slug]': () => [
    { url: `/manage/villages/${villages[0].slug}`, rule: { kind: 'members', allowed: ['manager', 'admin'] } },
    { url: `/manage/villages/${villages[1].slug}`, rule: { kind: 'members', allowed: ['admin'] } },
  ],
  '/manage/villages/[slug]/report': () => villageDeskPages('/report?period=2026-H1'),
  '/manage/villages/[slug]/report/entries': () => villageDeskPages('/report/entries?period=2026&channel=personal'),
  '/manage/villages/[slug]/report.csv': () => villageDeskPages('/report.csv?period=2026'),
  '/manage/villages/[slug]/report.xlsx': () => villageDeskPages('/report.xlsx'),
  '/manage/villages/[slug]/report/entries.xlsx': () => villageDeskPages('/report/entries.xlsx?period=2026'),
  '/manage/villages/[slug]/brokered': () => villageDeskPages('/brokered'),
  '/manage/villages/[slug]/procurement': () => villageDeskPages('/procurement'),
  '/manage/villages/[slug]/orders': () => [
    { url: `/manage/villages/${villages[0].slug}/orders`, rule: { kind: 'members', allowed: ['manager', 'admin'] } },
    { url: `/manage/villages/${villages[1].slug}/orders?status=paid`, rule: { kind: 'members', allowed: ['admin'] } },
  ],
  '/manage/villages/[slug]/orders/[number]': (ids) => [
    { url: `/manage/villages/${villages[0].slug}/orders/${ids.order.number}-1`, rule: { kind: 'members', allowed: ['manager', 'admin'] } },
  ],
  '/manage/villages/[slug]/orders/[number]/slip': (ids) => [
    { url: `/manage/villages/${villages[0].slug}/orders/${ids.order.number}-1/slip`, rule: { kind: 'members', allowed: ['manager', 'admin'] } },
  ],
  '/admin': () => [{ url: '/admin', rule: ADMIN }],
  '/admin/users': () => [{ url: '/admin/users', rule: ADMIN }],
  '/admin/units': () => [{ url: '/admin/units', rule: ADMIN }],
  '/admin/villages': () => [{ url: '/admin/villages', rule: ADMIN }],
  '/admin/outbox': () => [{ url: '/admin/outbox', rule: ADMIN }],
  '/admin/jobs': () => [{ url: '/admin/jobs', rule: ADMIN }],
  '/admin/villages/new': () => [
    { url: '/admin/villages/new', rule: ADMIN },
    { url: '/admin/villages/new?refresh=1&province=61&city=6113', rule: ADMIN },
  ],
  '/admin/villages/[id]': (ids) => [{ url: `/admin/villages/${ids.village0}`, rule: ADMIN }],
  '/admin/audit': () => [
    { url: '/admin/audit', rule: ADMIN },
    { url: '/admin/audit?target=village&from=2020-01-01&to=2030-12-31', rule: ADMIN },
  ],
  '/manage/accept': () => [{ url: '/manage/accept?code=x', rule: USER }],
  '/admin/review': () => [{ url: '/admin/review', rule: ADMIN }],
  '/manage/villages/[slug]/producers': () => [
    ...villageDeskPages('/producers'),
    { url: `/manage/villages/${villages[0].slug}/producers?edit=1`, rule: { kind: 'members', allowed: ['manager', 'admin'] } },
  ],
  '/manage/villages/[slug]/products/new': () => villageDeskPages('/products/new'),
  '/manage/villages/[slug]/products/[id]': (ids) => [
    { url: `/manage/villages/${villages[0].slug}/products/${ids.product0}`, rule: { kind: 'members', allowed: ['manager', 'admin'] } },
  ],
};

// Endpoints that are the same in every language (no /en/ twin): the list the app itself uses.
export const languageNeutral = LANGUAGE_NEUTRAL;

export interface Ids {
  bureau: number;
  sanitation: number;
  /** An order placed for this test (bank transfer, one parcel from the first village), by staff@ unless the test chose another buyer. */
  order: { number: string; id: string };
  /** A variant of the first village. */
  variantId: string;
  /** The first village's id (its manager is manager@). */
  village0: string;
  /** A product of the first village. */
  product0: string;
  /** The sign-up token of an open group order of the bureau with the first village. */
  groupToken: string;
}

/** Every route file's pattern (the Chinese side; each page is also served under /en/ unless language-neutral). */
export function routeFiles(): string[] {
  return pageFiles(process.cwd()).map((p) => p.pattern);
}

export const origin = (baseURL: string) => new URL(baseURL).origin;

export interface Client {
  request: APIRequestContext;
  cookie: string | null;
}

/** One HTTP client per role, each with its own cookie jar, so no role's cookie can leak into another's requests. */
export async function clients(baseURL: string, which: Role[] = roles): Promise<Map<Role, Client>> {
  const map = new Map<Role, Client>();
  for (const role of which) {
    const request = await playwrightRequest.newContext({ baseURL });
    map.set(role, { request, cookie: await signIn(request, baseURL, role) });
  }
  return map;
}

export async function signIn(request: APIRequestContext, baseURL: string, role: Role): Promise<string | null> {
  if (role === 'anonymous') return null;
  const res = await request.post('/signin?_action=auth.signIn', {
    form: { email: `${role}@bangfu.local`, password: DEMO_PASSWORD },
    headers: { origin: origin(baseURL) },
    maxRedirects: 0,
  });
  expect(res.status(), `sign in as ${role}`).toBe(303);
  const cookie = res.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('bangfu_session='));
  expect(cookie, `session cookie for ${role}`).toBeTruthy();
  return cookie!.value.split(';')[0];
}

/**
 * The unit ids of the seed and a fresh order from the first village, placed by `buyer`
 * (staff@ by default: the only account whose cart no other browser test touches;
 * tests that only read pages pass another account so concurrent runs never share a cart).
 */
export async function discoverIds(cs: Map<Role, Client>, baseURL: string, buyer: Role = 'staff'): Promise<Ids> {
  const unitId = async (role: Role) => {
    const { request, cookie } = cs.get(role)!;
    const html = await (await request.get('/account/units', { headers: { cookie: cookie! } })).text();
    return Number(/href="\/units\/(\d+)"/.exec(html)![1]);
  };
  // The first village's id, from its 帮助销售 page as an admin sees it.
  const admin = cs.get('admin') ?? { request: await playwrightRequest.newContext({ baseURL }), cookie: null };
  admin.cookie ??= await signIn(admin.request, baseURL, 'admin');
  const brokered = await (await admin.request.get(`/manage/villages/${villages[0].slug}/brokered`, { headers: { cookie: admin.cookie! } })).text();
  const village0 = /name="villageId" value="(\d+)"/.exec(brokered)![1];
  const desk = await (await admin.request.get(`/manage/villages/${villages[0].slug}`, { headers: { cookie: admin.cookie! } })).text();
  const product0 = new RegExp(`/manage/villages/${villages[0].slug}/products/(\\d+)`).exec(desk)![1];
  const bureau = await unitId('unitadmin');
  const placed = await placeOrderAs(cs.get(buyer)!, baseURL);
  const groupToken = await openGroupOrderAs(
    cs.get('buyer') ?? { request: await playwrightRequest.newContext({ baseURL }), cookie: null },
    baseURL,
    bureau,
    village0,
    placed.variantId,
  );
  return { bureau, sanitation: await unitId('sanitation'), village0, product0, groupToken, ...placed };
}

/** A group order of `unitId` with one variant, closing in two days, opened through the action its page posts to; its token. */
export async function openGroupOrderAs(client: Client, baseURL: string, unitId: number, villageId: string, variantId: string): Promise<string> {
  client.cookie ??= await signIn(client.request, baseURL, 'buyer');
  const shanghai = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString();
  const res = await client.request.post('/_actions/group.open', {
    multipart: {
      unitId: String(unitId),
      villageId,
      title: '矩阵接龙',
      note: '一楼大厅',
      variantId,
      closesAt: `${shanghai(2).slice(0, 11)}18:00`,
      deliverOn: shanghai(4).slice(0, 10),
      paymentMode: 'unit',
    },
    headers: { origin: origin(baseURL), cookie: client.cookie! },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (JSON.parse(await res.text()) as unknown[]).find((v) => typeof v === 'string' && /^[A-Za-z0-9_-]{24}$/.test(v)) as string;
}

/** A bank-transfer order from the first village, placed through the same actions the pages post to. */
export async function placeOrderAs({ request, cookie }: Client, baseURL: string) {
  // In season (not on pre-sale): the order may ship, and the variant may join a group order delivered soon.
  const product = await (await request.get(`/products/${inSeason(villages[0]).slug}`)).text();
  const variantId = /name="variantId" value="(\d+)"/.exec(product)![1];
  const post = (name: string, body: Record<string, string>) => request.post(`/_actions/${name}`, { multipart: body, headers: { origin: origin(baseURL), cookie: cookie! } });
  const added = await post('cart.add', { variantId, quantity: '1' });
  expect(added.status(), `cart.add ${variantId}: ${await added.text()}`).toBe(200);
  const placed = await post('orders.place', {
    idempotencyKey: `routes-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    recipient: '矩阵',
    mobile: '13800138000',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    detail: '文三路 90 号',
    paymentMethod: 'bank_transfer',
  });
  const number = (JSON.parse(await placed.text()) as unknown[]).find((v) => typeof v === 'string' && /^BF\d{14}$/.test(v)) as string;
  const page = await (await request.get(`/orders/${number}`, { headers: { cookie: cookie! } })).text();
  return { order: { number, id: /name="orderId" value="(\d+)"/.exec(page)![1] }, variantId };
}

export function allowed(rule: Rule, role: Role): boolean {
  if (rule.kind === 'public') return true;
  if (role === 'anonymous') return false;
  if (rule.kind === 'user') return true;
  if (rule.kind === 'buyer') return rule.allowed.includes(role);
  if (rule.kind === 'admin') return role === 'admin';
  return rule.allowed.includes(role);
}

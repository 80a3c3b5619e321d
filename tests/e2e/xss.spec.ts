// Markup in what people and villages write renders inert (issue #7): product,
// producer and village text arranged in the database, an order note, recipient
// and address typed at checkout. In Chromium: no dialog opens, no payload's
// flag is set, no element the payload describes exists, and the text shows as
// text — on the product, village and search pages, the buyer's order page, the
// village manager's order page and the packing slip.
import { test as base, expect, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { checkouts, orders } from '../../db/schema/index.ts';
import { createCategory, createProducer, createProduct, createVillage } from '../factories/catalog.ts';
import { appointVillageManager, createSignedInUser } from '../factories/users.ts';
import { startCluster, type Cluster } from '../setup/instances.ts';
import { Client, checkoutForm, outcomeOf, placedNumber } from '../support/client.ts';

// Each payload would call alert() or set window.__xss if it ran.
const SCRIPT = `<script>window.__xss=1;alert('xss')</script>`;
const IMG = `<img src=x id=xss-img onerror="window.__xss=2;alert(2)">`;
const SVG = `"><svg id=xss-svg onload="window.__xss=3">`;
const JS_URL = `<a id=xss-a href="javascript:window.__xss=4">点我</a>`;

const test = base;
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let cluster: Cluster;
let slugs: { product: string; village: string };
let manager = '';
let number = '';
/** The village's own order number (a checkout may span villages). */
let orderNumber = '';
const buyer = new Client();

test.beforeAll(async () => {
  cluster = await startCluster(1, async ({ database: { db } }) => {
    const category = await createCategory(db, { perishable: false, name: `干货${IMG}` });
    const village = await createVillage(db, { name: `桃花${SCRIPT}村`, story: `村史${IMG}${SVG}${JS_URL}`, storyEn: `Story ${SCRIPT}` });
    const producer = await createProducer(db, { villageId: village.id, name: `合作社${SVG}` });
    const { product } = await createProduct(db, {
      villageId: village.id,
      producerId: producer.id,
      categoryId: category.id,
      name: `脆桃${SCRIPT}${IMG}`,
      description: `好吃${SVG}${JS_URL}`,
      variants: [{ name: `五斤装${IMG}`, stock: 50, priceFen: 3000 }],
    });
    slugs = { product: product.slug, village: village.slug };
    const m = await createSignedInUser(db, { displayName: `书记${IMG}` });
    await appointVillageManager(db, village.id, m.user.id);
    manager = m.token;
  });
  // The buyer, a guest, types markup into the checkout form.
  const origin = cluster.instances[0].origin;
  const [variant] = await cluster.db.database.db.query.productVariants.findMany({ limit: 1 });
  expect((await buyer.action(origin, 'cart.add', { variantId: String(variant.id), quantity: '1' })).status).toBe(200);
  const placed = await outcomeOf(
    await buyer.action(origin, 'orders.place', checkoutForm(undefined, { recipient: `王<b>某</b>`, detail: `幸福路${IMG}`, note: `${SCRIPT}${SVG}` })),
  );
  expect(placed.kind, JSON.stringify(placed)).toBe('ok');
  number = placedNumber(placed)!;
  const [order] = await cluster.db.database.db
    .select({ number: orders.number })
    .from(orders)
    .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
    .where(eq(checkouts.number, number));
  orderNumber = order.number;
});
test.afterAll(async () => {
  await cluster?.stop();
});

/** Opens the page and proves nothing ran and the payloads' elements do not exist; returns the body text. */
async function visit(page: Page, path: string): Promise<string> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const response = await page.goto(cluster.instances[0].origin + path);
  expect(response?.status(), path).toBe(200);
  await page.waitForLoadState('load');
  expect(dialogs, path).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), path).toBeUndefined();
  for (const id of ['xss-img', 'xss-svg', 'xss-a']) await expect(page.locator(`[id="${id}"]`), `${path}: #${id}`).toHaveCount(0);
  await expect(page.locator('[href^="javascript:" i], [src^="javascript:" i]'), path).toHaveCount(0);
  return page.locator('body').innerText();
}

test('product, village and search pages show the markup as text', async ({ page }) => {
  const product = await visit(page, `/products/${slugs.product}`);
  expect(product).toContain(`脆桃${SCRIPT}${IMG}`);
  expect(product).toContain(`好吃${SVG}${JS_URL}`);
  const village = await visit(page, `/villages/${slugs.village}`);
  expect(village).toContain(`桃花${SCRIPT}村`);
  expect(village).toContain(`村史${IMG}`);
  const english = await visit(page, `/en/villages/${slugs.village}`);
  expect(english).toContain(`Story ${SCRIPT}`);
  const search = await visit(page, `/products?q=${encodeURIComponent(`脆桃${SCRIPT}`)}`);
  expect(search).toContain('脆桃');
  await visit(page, `/products?q=${encodeURIComponent(IMG + SVG)}`);
});

test("the buyer's order page shows the note and address as text", async ({ page, context }) => {
  const origin = new URL(cluster.instances[0].origin);
  await context.addCookies([...buyer.cookies].map(([name, value]) => ({ name, value, domain: origin.hostname, path: '/' })));
  const text = await visit(page, `/orders/${number}`);
  expect(text).toContain(`${SCRIPT}${SVG}`);
  expect(text).toContain(`幸福路${IMG}`);
});

test("the manager's order page and packing slip show the note and address as text", async ({ page, context }) => {
  const origin = new URL(cluster.instances[0].origin);
  await context.addCookies([{ name: 'bangfu_session', value: manager, domain: origin.hostname, path: '/' }]);
  const order = await visit(page, `/manage/villages/${slugs.village}/orders/${orderNumber}`);
  expect(order).toContain(`${SCRIPT}${SVG}`);
  expect(order).toContain(`幸福路${IMG}`);
  const slip = await visit(page, `/manage/villages/${slugs.village}/orders/${orderNumber}/slip`);
  expect(slip).toContain(`${SCRIPT}${SVG}`);
  expect(slip).toContain(`王<b>某</b>`);
  await visit(page, `/manage/villages/${slugs.village}/orders`);
  await visit(page, `/manage/villages/${slugs.village}`);
});

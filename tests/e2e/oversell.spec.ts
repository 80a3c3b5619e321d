// Never oversold (issue #4): 200 buyers check out the last 20 units at once,
// through two server processes on one PostgreSQL database. Exactly 20 orders,
// 180 clear "库存不足" refusals, nothing lost. Plain HTTP against the built
// servers, each buyer with its own cookie jar; always on real PostgreSQL.
import { performance } from 'node:perf_hooks';
import { test as base, expect } from '@playwright/test';
import { and, count, eq, inArray, max, min, sum } from 'drizzle-orm';
import { cartItems, checkouts, orderLines, orders, productVariants } from '../../db/schema/index.ts';
import { createCategory, createProducer, createProduct, createVillage } from '../factories/catalog.ts';
import { startCluster, type Cluster, type Instance, type PostgresDatabase } from '../setup/instances.ts';
import { checkoutForm, idempotencyKey, outcomeOf as answerOf, placedNumber } from '../support/client.ts';

const BUYERS = 200;
const STOCK = 20;

// Servers and database are torn down even when a test fails or times out.
const test = base.extend<{ cluster: (arrange: (db: PostgresDatabase) => Promise<void>) => Promise<Cluster> }>({
  cluster: async ({}, use) => {
    const started: Cluster[] = [];
    await use(async (arrange) => {
      const cluster = await startCluster(2, arrange);
      started.push(cluster);
      return cluster;
    });
    await Promise.all(started.map((c) => c.stop()));
  },
});
test.describe.configure({ timeout: 180_000 });

/** One shopper: a cookie jar and form POSTs with the Origin the server expects. */
class Buyer {
  readonly cookies = new Map<string, string>();

  async post(instance: Instance, path: string, fields: Record<string, string>): Promise<Response> {
    const response = await fetch(instance.origin + path, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        origin: instance.origin,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: new URLSearchParams(fields),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return response;
  }

  /** Calls an Astro Action the way its client does (POST /_actions/<name>). */
  action(instance: Instance, name: string, fields: Record<string, string>) {
    return this.post(instance, `/_actions/${name}`, fields);
  }
}

/** The shared action answer, with a placed order's number pulled out. */
async function outcomeOf(response: Response) {
  const outcome = await answerOf(response);
  const number = placedNumber(outcome);
  return number ? ({ kind: 'placed', number } as const) : outcome;
}

/** A non-perishable product (so the fresh-delivery province rule plays no part) with one variant. */
async function arrangeProduct(db: PostgresDatabase, stock: number): Promise<number> {
  const d = db.database.db;
  const category = await createCategory(d, { perishable: false });
  const village = await createVillage(d);
  const producer = await createProducer(d, { villageId: village.id });
  const { variants } = await createProduct(d, { villageId: village.id, producerId: producer.id, categoryId: category.id, variants: [{ stock, priceFen: 2500 }] });
  return variants[0].id;
}

async function fillCarts(buyers: Buyer[], instances: Instance[], variantId: number) {
  const added = await Promise.all(buyers.map((b, i) => b.action(instances[i % 2], 'cart.add', { variantId: String(variantId), quantity: '1' })));
  expect(added.map((r) => r.status)).toEqual(buyers.map(() => 200));
  expect(buyers.every((b) => b.cookies.has('bangfu_cart'))).toBe(true);
}

async function stockOf(db: PostgresDatabase, variantId: number) {
  const [row] = await db.database.db
    .select({ stock: productVariants.stock, reserved: productVariants.reserved, sold: productVariants.sold })
    .from(productVariants)
    .where(eq(productVariants.id, variantId));
  return row;
}

async function lineFigures(db: PostgresDatabase) {
  const [row] = await db.database.db
    .select({ lines: count(), units: sum(orderLines.quantity).mapWith(Number), smallest: min(orderLines.quantity), largest: max(orderLines.quantity) })
    .from(orderLines);
  return row;
}

test(`${BUYERS} concurrent checkouts of the last ${STOCK} units through two instances: exactly ${STOCK} orders`, async ({ cluster: start }) => {
  let variantId = 0;
  const { db, instances } = await start(async (db) => {
    variantId = await arrangeProduct(db, STOCK);
  });
  const buyers = Array.from({ length: BUYERS }, () => new Buyer());
  await fillCarts(buyers, instances, variantId);

  // Each buyer checks out on the other instance than the one that filled the cart.
  const started = performance.now();
  const outcomes = await Promise.all(buyers.map(async (b, i) => outcomeOf(await b.action(instances[(i + 1) % 2], 'orders.place', checkoutForm(idempotencyKey())))));
  const seconds = (performance.now() - started) / 1000;

  const placed = outcomes.flatMap((o, i) => (o.kind === 'placed' ? [{ buyer: buyers[i], number: o.number }] : []));
  const refused = outcomes.filter((o) => o.kind === 'refused' && o.status === 409 && o.message === 'insufficient_stock');
  const errors = outcomes.filter((o) => !(o.kind === 'placed' || refused.includes(o)));
  const line = `oversell: ${BUYERS} attempts through ${instances.length} instances, ${placed.length} succeeded, ${refused.length} refused (库存不足), ${errors.length} errors, ${seconds.toFixed(1)} s`;
  console.log(line);
  test.info().annotations.push({ type: 'oversell', description: line });

  expect(errors, instances.map((i) => i.output()).join('\n')).toEqual([]);
  expect(placed).toHaveLength(STOCK);
  expect(new Set(placed.map((p) => p.number)).size).toBe(STOCK);
  expect(refused).toHaveLength(BUYERS - STOCK);

  // The database agrees: reserved for the 20 orders, nothing sold twice, nothing lost.
  const s = await stockOf(db, variantId);
  expect(s).toEqual({ stock: 0, reserved: STOCK, sold: 0 });
  expect(s.stock + s.reserved + s.sold).toBe(STOCK);
  const d = db.database.db;
  const numbers = await d.select({ number: checkouts.number }).from(checkouts);
  expect(numbers.map((n) => n.number).sort()).toEqual(placed.map((p) => p.number).sort());
  const [pending] = await d.select({ n: count() }).from(orders).where(eq(orders.status, 'pending_payment'));
  const [all] = await d.select({ n: count() }).from(orders);
  expect({ all: all.n, pending: pending.n }).toEqual({ all: STOCK, pending: STOCK });
  expect(await lineFigures(db)).toEqual({ lines: STOCK, units: STOCK, smallest: 1, largest: 1 });
  const [ofVariant] = await d.select({ n: count() }).from(orderLines).where(eq(orderLines.variantId, variantId));
  expect(ofVariant.n).toBe(STOCK);

  // The winners' carts were emptied; every refused buyer still has the unit in theirs.
  const cartOf = (b: Buyer) => b.cookies.get('bangfu_cart')!;
  const winners = placed.map((p) => cartOf(p.buyer));
  const [left] = await d.select({ n: count() }).from(cartItems).where(inArray(cartItems.cartId, winners));
  expect(left.n).toBe(0);
  const losers = buyers.filter((b) => !placed.some((p) => p.buyer === b)).map(cartOf);
  const kept = await d
    .select({ quantity: cartItems.quantity })
    .from(cartItems)
    .where(and(inArray(cartItems.cartId, losers), eq(cartItems.variantId, variantId)));
  expect(kept).toHaveLength(BUYERS - STOCK);

  // A refused buyer submitting the checkout page's own form (no JS) reads 库存不足.
  const loser = buyers.find((b) => !placed.some((p) => p.buyer === b))!;
  const page = await loser.post(instances[0], '/checkout?_action=orders.place', checkoutForm(idempotencyKey()));
  const html = await page.text();
  expect(page.status, html.slice(0, 500)).toBe(409);
  // The form-level alert, not the cart summary's own stock hint.
  expect(html).toMatch(/<[^>]*role="alert"[^>]*>[^<]*库存不足/);
  expect(await stockOf(db, variantId)).toEqual({ stock: 0, reserved: STOCK, sold: 0 });
});

test('the same checkout submitted twice at once, to both instances, places one order', async ({ cluster: start }) => {
  let variantId = 0;
  const { db, instances } = await start(async (db) => {
    variantId = await arrangeProduct(db, 100);
  });
  // Ten buyers, each double-submitting one form (same key) to the two instances at the same moment.
  const buyers = Array.from({ length: 10 }, () => new Buyer());
  await fillCarts(buyers, instances, variantId);
  const pairs = await Promise.all(
    buyers.map(async (b) => {
      const form = checkoutForm(idempotencyKey());
      return Promise.all(instances.map(async (instance) => outcomeOf(await b.action(instance, 'orders.place', form))));
    }),
  );
  for (const [first, second] of pairs) {
    expect(first.kind, JSON.stringify(first)).toBe('placed');
    expect(second).toEqual(first);
  }
  expect(new Set(pairs.map(([first]) => (first as { number: string }).number)).size).toBe(buyers.length);
  expect(await stockOf(db, variantId)).toEqual({ stock: 90, reserved: 10, sold: 0 });
  const [placed] = await db.database.db.select({ n: count() }).from(checkouts);
  expect(placed.n).toBe(buyers.length);
  expect(await lineFigures(db)).toEqual({ lines: buyers.length, units: buyers.length, smallest: 1, largest: 1 });
});

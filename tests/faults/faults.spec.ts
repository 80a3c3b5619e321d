// Fault tests (issue #7), against the built server (`npm run build` first):
//  a) `kill -9` one of two instances in the middle of a checkout load, restart
//     it: every acknowledged order exists whole, nothing is half-written, stock
//     is conserved, and a retry with the same key never places a second order;
//  b) PostgreSQL (a private throwaway cluster) stopped and started under load:
//     the same server process serves again within seconds;
//  c) one person's cart and checkout through two instances, alternating, with
//     no sticky sessions: the right cart, one order.
// Run by `npm run test:faults`; every figure is printed and kept as an annotation.
import { performance } from 'node:perf_hooks';
import { test, expect } from '@playwright/test';
import postgres from 'postgres';
import { createCategory, createProducer, createProduct, createVillage } from '../factories/catalog.ts';
import { createSignedInUser } from '../factories/users.ts';
import { openDatabase, type Db } from '../../db/client.ts';
import { startCluster, startInstance, type Cluster, type Instance } from '../setup/instances.ts';
import { createPrivatePostgres, type PrivatePostgres } from '../setup/private-postgres.ts';
import { Client, checkoutForm, idempotencyKey, outcomeOf, placedNumber, type Outcome } from '../support/client.ts';
import { migrate } from '../../src/workflows/migrate.ts';

const report = (line: string) => {
  console.log(line);
  test.info().annotations.push({ type: 'figure', description: line });
};

/** A non-perishable product with `stocks.length` variants. */
async function arrange(db: Db, stocks: number[]) {
  const category = await createCategory(db, { perishable: false });
  const village = await createVillage(db);
  const producer = await createProducer(db, { villageId: village.id });
  const { product, variants } = await createProduct(db, {
    villageId: village.id,
    producerId: producer.id,
    categoryId: category.id,
    variants: stocks.map((stock) => ({ stock, priceFen: 1500 })),
  });
  return { slug: product.slug, variantIds: variants.map((v) => v.id) };
}

/** The database's word on orders: half-written checkouts, stock per variant, committed numbers. */
async function audit(sql: postgres.Sql) {
  const [half] = await sql`
    select
      (select count(*) from checkouts c where not exists (select 1 from orders o where o.checkout_id = c.id))::int as checkouts_without_orders,
      (select count(*) from orders o where not exists (select 1 from order_lines l where l.order_id = o.id))::int as orders_without_lines,
      (select count(*) from orders o where not exists (select 1 from order_events e where e.order_id = o.id))::int as orders_without_events`;
  const stock = await sql<{ id: number; stock: number; reserved: number; sold: number; held: number }[]>`
    select v.id, v.stock, v.reserved, v.sold,
      coalesce((select sum(l.quantity) from order_lines l join orders o on o.id = l.order_id where l.variant_id = v.id and o.status = 'pending_payment'), 0)::int as held
    from product_variants v order by v.id`;
  const numbers = (await sql<{ number: string }[]>`select number from checkouts`).map((r) => r.number);
  return { half, stock, numbers };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test.describe.configure({ timeout: 240_000 });

test('a) kill -9 an instance mid-checkout, restart it: acknowledged orders exist whole, stock conserved', async () => {
  const STOCKS = [40, 40, 40];
  const BUYERS = 160;
  let variantIds: number[] = [];
  const cluster: Cluster = await startCluster(2, async ({ database: { db } }) => {
    ({ variantIds } = await arrange(db, STOCKS));
  });
  const sql = postgres(cluster.db.url, { max: 2, onnotice: () => {} });
  try {
    const [a, b] = cluster.instances;
    const buyers = Array.from({ length: BUYERS }, (_, i) => ({ client: new Client(), key: idempotencyKey(), variant: variantIds[i % 3], quantity: 1 + (i % 2) }));
    const added = await Promise.all(
      buyers.map((x, i) => x.client.action(cluster.instances[i % 2].origin, 'cart.add', { variantId: String(x.variant), quantity: String(x.quantity) })),
    );
    expect(added.map((r) => r.status)).toEqual(buyers.map(() => 200));

    // Everyone checks out at once, half through each instance; A dies once 15 answers are in.
    let answered = 0;
    let killedAt = 0;
    let killing: Promise<void> | null = null;
    const started = performance.now();
    const first = await Promise.all(
      buyers.map(async (x, i) => {
        const target = i % 2 === 0 ? a : b;
        try {
          const outcome = await outcomeOf(await x.client.action(target.origin, 'orders.place', checkoutForm(x.key)));
          return { target, outcome };
        } catch (error) {
          return { target, outcome: null, error: String(error) };
        } finally {
          if (++answered === 15) {
            killedAt = performance.now() - started;
            killing = a.kill();
          }
        }
      }),
    );
    await killing;
    const ack = (o: Outcome | null) => (o ? placedNumber(o) : null);
    const acknowledged = first.map((r) => ack(r.outcome));
    const lost = first.flatMap((r, i) => (r.outcome === null ? [i] : []));
    const refused = first.filter((r) => r.outcome?.kind === 'refused' && r.outcome.message === 'insufficient_stock').length;
    const errors = first.filter((r) => r.outcome && r.outcome.kind === 'error');
    expect(
      errors.map((e) => e.outcome),
      b.output(),
    ).toEqual([]);
    expect(lost.length, 'the kill should cut requests in flight').toBeGreaterThan(0);
    expect(lost.every((i) => first[i].target === a)).toBe(true);

    // Before the restart: the database is consistent already (PostgreSQL rolled back A's open transactions).
    const mid = await audit(sql);
    expect(mid.half).toEqual({ checkouts_without_orders: 0, orders_without_lines: 0, orders_without_events: 0 });

    // Restart A on its port; the buyers whose answer was lost submit the same form again.
    const restartStarted = performance.now();
    const a2: Instance = await startInstance({ databaseUrl: cluster.db.url, port: a.port });
    cluster.instances[0] = a2;
    const restartSeconds = (performance.now() - restartStarted) / 1000;
    const retried = await Promise.all(
      lost.map(async (i) => ({ i, outcome: await outcomeOf(await buyers[i].client.action(a2.origin, 'orders.place', checkoutForm(buyers[i].key))) })),
    );
    expect(retried.filter((r) => r.outcome.kind === 'error').map((r) => r.outcome)).toEqual([]);
    for (const r of retried) acknowledged[r.i] = ack(r.outcome);
    // A second retry of every acknowledged buyer returns the same order: idempotent across the crash.
    const again = await Promise.all(
      buyers.map(async (x, i) => (acknowledged[i] ? ack(await outcomeOf(await x.client.action(b.origin, 'orders.place', checkoutForm(x.key)))) : null)),
    );
    expect(again).toEqual(acknowledged);

    const end = await audit(sql);
    const numbers = acknowledged.filter((n): n is string => n !== null);
    expect(end.half).toEqual({ checkouts_without_orders: 0, orders_without_lines: 0, orders_without_events: 0 });
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(end.numbers.sort()).toEqual([...numbers].sort()); // every acknowledged order exists, and no other
    for (const [k, v] of end.stock.entries()) {
      expect(v.stock + v.reserved + v.sold, `variant ${v.id}`).toBe(STOCKS[k]);
      expect(v.reserved, `variant ${v.id}: reserved = units on unpaid orders`).toBe(v.held);
    }
    const unitsOrdered = buyers.reduce((sum, x, i) => sum + (acknowledged[i] ? x.quantity : 0), 0);
    expect(end.stock.reduce((s, v) => s + v.reserved, 0)).toBe(unitsOrdered);

    const firstAck = first.filter((r) => ack(r.outcome)).length;
    report(
      `kill -9: ${BUYERS} checkouts over 2 instances, instance A killed after ${killedAt.toFixed(0)} ms (15 answers in); ` +
        `${firstAck} acknowledged and ${refused} refused (库存不足) before/through the kill, ${lost.length} cut off; A restarted in ${restartSeconds.toFixed(1)} s; ` +
        `${retried.filter((r) => ack(r.outcome)).length} of the cut-off retries placed (${retried.filter((r) => r.outcome.kind === 'refused').length} refused); ` +
        `${numbers.length} orders acknowledged, ${end.numbers.length} found, 0 half-written; stock ${STOCKS.join('+')} = stock+reserved+sold per variant`,
    );
  } finally {
    await sql.end({ timeout: 5 });
    await cluster.stop();
  }
});

test('b) PostgreSQL stopped and started under load: the same server process serves again within seconds', async () => {
  const pg: PrivatePostgres = await createPrivatePostgres();
  let instance: Instance | null = null;
  try {
    const database = await openDatabase({ url: pg.url, poolMax: 2 });
    await migrate(database);
    const { slug, variantIds } = await arrange(database.db, [100_000]);
    await database.close();
    instance = await startInstance({ databaseUrl: pg.url, env: { DATABASE_POOL_MAX: '5' } });
    const origin = instance.origin;
    const pid = instance.process.pid;

    // Load: four loops of product page + add-to-cart, each result timed.
    type Hit = { at: number; start: number; kind: string; status: number };
    const hits: Hit[] = [];
    const t0 = performance.now();
    const now = () => performance.now() - t0;
    let running = true;
    const loop = async () => {
      const client = new Client();
      while (running) {
        for (const [kind, go] of [
          ['page', () => client.request(`${origin}/products/${slug}`)],
          ['cart.add', () => client.action(origin, 'cart.add', { variantId: String(variantIds[0]), quantity: '1' })],
        ] as const) {
          const start = now();
          const status = await go().then(
            async (r) => {
              await r.arrayBuffer();
              return r.status;
            },
            () => 0,
          );
          hits.push({ at: now(), start, kind, status });
        }
        await sleep(20);
      }
    };
    const loops = Array.from({ length: 4 }, loop);
    await sleep(2_000);

    const downAt = now();
    pg.stop();
    const stoppedAt = now();
    const healthDown: number[] = [];
    while (now() - stoppedAt < 3_000) {
      healthDown.push(
        await fetch(`${origin}/healthz`).then(
          (r) => r.status,
          () => 0,
        ),
      );
      await sleep(250);
    }
    pg.start();
    const upAt = now();
    // Recovered = /healthz and the product page both answer 200 again.
    let recoveredAt = 0;
    while (now() - upAt < 30_000) {
      const [h, p] = await Promise.all([
        fetch(`${origin}/healthz`).then(
          (r) => r.status,
          () => 0,
        ),
        fetch(`${origin}/products/${slug}`).then(
          (r) => r.status,
          () => 0,
        ),
      ]);
      if (h === 200 && p === 200) {
        recoveredAt = now();
        break;
      }
      await sleep(100);
    }
    expect(recoveredAt, instance.output()).toBeGreaterThan(0);
    await sleep(3_000);
    running = false;
    await Promise.all(loops);

    // The same process, never restarted; after recovery every request succeeds, a checkout too.
    expect(instance.process.exitCode).toBeNull();
    expect(instance.process.pid).toBe(pid);
    const after = hits.filter((h) => h.start > recoveredAt);
    expect(after.length).toBeGreaterThan(4);
    expect(
      after.filter((h) => h.status !== 200),
      `down ${downAt.toFixed(0)} up ${upAt.toFixed(0)} recovered ${recoveredAt.toFixed(0)} ms\n${instance.output()}`,
    ).toEqual([]);
    const buyer = new Client();
    expect((await buyer.action(origin, 'cart.add', { variantId: String(variantIds[0]), quantity: '1' })).status).toBe(200);
    const placed = await outcomeOf(await buyer.action(origin, 'orders.place', checkoutForm()));
    expect(placedNumber(placed), JSON.stringify(placed)).toBeTruthy();

    const during = hits.filter((h) => h.at >= downAt && h.at < recoveredAt);
    const tally = (list: Hit[]) =>
      JSON.stringify(
        Object.fromEntries([...list.reduce((m, h) => m.set(`${h.kind} ${h.status}`, (m.get(`${h.kind} ${h.status}`) ?? 0) + 1), new Map<string, number>())].sort()),
      );
    report(
      `postgres restart: stop took ${((stoppedAt - downAt) / 1000).toFixed(1)} s, down ${((upAt - stoppedAt) / 1000).toFixed(1)} s (healthz while down: ${[...new Set(healthDown)].join('/')}); ` +
        `served again ${((recoveredAt - upAt) / 1000).toFixed(2)} s after PostgreSQL was back, same process (pid ${pid}); ` +
        `during the outage ${tally(during)}; after: ${after.length} requests, all 200`,
    );
    expect(healthDown.every((s) => s === 503)).toBe(true);
    // While the database is away, pages and actions say "busy, retry" (503), never a 500.
    expect(
      during.filter((h) => h.status >= 500 && h.status !== 503),
      tally(during),
    ).toEqual([]);
    expect((recoveredAt - upAt) / 1000).toBeLessThan(10);
  } finally {
    await instance?.stop();
    pg.destroy();
  }
});

test('c) one shopper, two instances, no sticky sessions: the right cart and one order', async () => {
  let variantIds: number[] = [];
  let token = '';
  const cluster = await startCluster(2, async ({ database: { db } }) => {
    ({ variantIds } = await arrange(db, [50, 50]));
    ({ token } = await createSignedInUser(db));
  });
  const sql = postgres(cluster.db.url, { max: 1, onnotice: () => {} });
  try {
    const [a, b] = cluster.instances;
    const [v1, v2] = variantIds.map(String);
    for (const [who, client] of [
      ['guest', new Client()],
      ['signed in', new Client({ bangfu_session: token })],
    ] as const) {
      const steps: [Instance, string, Record<string, string>][] = [
        [a, 'cart.add', { variantId: v1, quantity: '2' }],
        [b, 'cart.add', { variantId: v2, quantity: '1' }],
        [a, 'cart.add', { variantId: v1, quantity: '1' }],
        [b, 'cart.setQuantity', { variantId: v2, quantity: '4' }],
        [a, 'cart.add', { variantId: v2, quantity: '1' }],
        [b, 'cart.remove', { variantId: v2 }],
        [a, 'cart.add', { variantId: v2, quantity: '2' }],
      ];
      for (const [instance, name, fields] of steps) expect((await client.action(instance.origin, name, fields)).status, `${who} ${name} on ${instance.port}`).toBe(200);
      // Both instances show the same cart page: 3 of v1, 2 of v2.
      const pages = await Promise.all([a, b].map(async (i) => (await client.request(`${i.origin}/cart`)).text()));
      expect(pages[0].replace(/name="idempotencyKey" value="[^"]*"/g, '')).toBe(pages[1].replace(/name="idempotencyKey" value="[^"]*"/g, ''));
      // Checkout on B, the same form submitted again on A: one order.
      const key = idempotencyKey();
      const placed = [
        await outcomeOf(await client.action(b.origin, 'orders.place', checkoutForm(key))),
        await outcomeOf(await client.action(a.origin, 'orders.place', checkoutForm(key))),
      ];
      const numbers = placed.map(placedNumber);
      expect(numbers[0], JSON.stringify(placed)).toBeTruthy();
      expect(numbers[1]).toBe(numbers[0]);
      // The order page answers on both instances (a guest's access cookie came from B).
      for (const i of [a, b]) expect((await client.request(`${i.origin}/orders/${numbers[0]}`)).status, `${who} order page on ${i.port}`).toBe(200);
      const lines = await sql<{ variant_id: number; quantity: number }[]>`
        select l.variant_id, l.quantity from order_lines l join orders o on o.id = l.order_id join checkouts c on c.id = o.checkout_id
        where c.number = ${numbers[0]!} order by l.variant_id`;
      expect(lines.map((l) => [l.variant_id, l.quantity])).toEqual([
        [variantIds[0], 3],
        [variantIds[1], 2],
      ]);
      const emptied = (await client.request(`${a.origin}/cart`)).status;
      expect(emptied).toBe(200);
    }
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from checkouts`;
    expect(n).toBe(2);
    const stock = await sql<{ stock: number; reserved: number }[]>`select stock, reserved from product_variants order by id`;
    expect(stock).toEqual([
      { stock: 44, reserved: 6 },
      { stock: 46, reserved: 4 },
    ]);
    report('two instances, alternating requests: guest and signed-in carts identical on both, 2 checkouts (one each), resubmits on the other instance gave the same order');
  } finally {
    await sql.end({ timeout: 5 });
    await cluster.stop();
  }
});

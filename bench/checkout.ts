// bench:checkout — concurrent guest checkouts through the HTTP interface (the
// Astro Action orders.place, exactly as tests/e2e/oversell.spec.ts drives it) on
// a few hot variants, against a raw postgres.js transaction doing the same
// writes, on one fresh database.
//
// Carts are put straight into the database beforehand (one per checkout), so
// only the checkout itself is timed. Each cart holds one of four hot variants,
// every other cart a second one from the other village (two parcels, two orders).
//   store — orders.place, BENCH_CONNECTIONS at once, warm-up then BENCH_SECONDS
//   raw   — the same writes in one transaction (insert checkout, reserve stock with
//           the conditional UPDATE in variant order, insert orders, lines, events,
//           delete the cart's items; plus the guest access token the action writes),
//           the same number of concurrent callers on a pool of the same size
//   last units — 100 buyers at once for a variant with 20 left, through HTTP
// Then the books are checked: stock + reserved + sold unchanged per variant,
// reserved = units in order lines, never below zero. `oversold` counts units
// sold beyond stock plus every broken invariant: it must be 0.
// Prints one JSON line: {"orders_per_s","p99_ms","oversold","sql_tps","ratio",…}.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { shanghaiDate } from '../src/lib/dates.ts';
import { checkoutNumber, shippingFeeFen } from '../src/modules/orders/orders.ts';
import { createCategory, createProducer, createProduct, createVillage } from '../tests/factories/catalog.ts';
import { checkoutForm } from '../tests/support/client.ts';
import { ensureBuild, log, onCleanup, round, runBench, seconds } from './lib/harness.ts';
import { benchDatabase, startStore } from './lib/servers.ts';

const POOL = 10;
const HOT_STOCK = 1_000_000;
const LAST_STOCK = 20;
const LAST_BUYERS = 100;
const connections = Math.round(seconds('BENCH_CONNECTIONS', 32));
const duration = seconds('BENCH_SECONDS', 10);
const warmup = Math.min(3, Math.max(1, Math.round(duration / 4)));

const form = (key: string) => new URLSearchParams(checkoutForm(key)).toString();
const newKey = () => `b-${randomBytes(12).toString('hex')}`;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const cartId = () => Array.from(randomBytes(32), (b) => BASE32[b & 31]).join('');
/** orders.place answers 200 with devalue data holding the number, BF + 14 digits. */
const placedNumber = (status: number, body: string) => (status === 200 ? (/"(BF\d{14})"/.exec(body)?.[1] ?? null) : null);

type Sql = postgres.Sql;

/** `count` guest carts; cart i holds hot[i % 4] and, for even i, also the same-position variant of the other village. */
async function makeCarts(sql: Sql, count: number, variants: number[], pairs: boolean): Promise<string[]> {
  const ids = Array.from({ length: count }, cartId);
  for (let at = 0; at < ids.length; at += 5000) {
    const chunk = ids.slice(at, at + 5000);
    await sql`insert into carts (id) select * from unnest(${chunk}::text[])`;
    const cart: string[] = [];
    const variant: number[] = [];
    chunk.forEach((id, j) => {
      const i = at + j;
      cart.push(id);
      variant.push(variants[i % variants.length]);
      if (pairs && i % 2 === 0) {
        cart.push(id);
        variant.push(variants[(i + 2) % variants.length]);
      }
    });
    await sql`insert into cart_items (cart_id, variant_id, quantity) select c, v, 1 from unnest(${cart}::text[], ${variant}::int[]) as t(c, v)`;
  }
  return ids;
}

interface Latencies {
  placed: number;
  refused: number;
  failed: number;
  p50: number;
  p99: number;
  seconds: number;
}

/** Carts not used yet; `exhausted` when a run wanted more than were made. */
interface CartQueue {
  carts: string[];
  next: number;
  exhausted: boolean;
}
const queue = (carts: string[]): CartQueue => ({ carts, next: 0, exhausted: false });
function take(q: CartQueue): string | null {
  const cart = q.carts[q.next++];
  if (!cart) q.exhausted = true;
  return cart ?? null;
}

/** orders.place through HTTP for `seconds`, each request with the next unused cart. */
async function httpCheckouts(origin: string, carts: CartQueue, secondsToRun: number, label: string): Promise<Latencies> {
  let placed = 0;
  let refused = 0;
  let failed = 0;
  const r = await autocannon({
    url: origin,
    connections,
    duration: secondsToRun,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/_actions/orders.place',
        setupRequest: (req) => {
          // Out of carts (a much faster machine): an empty cart, answered 409 and reported.
          const cart = take(carts) ?? 'a'.repeat(32);
          return { ...req, headers: { origin, 'content-type': 'application/x-www-form-urlencoded', cookie: `bangfu_cart=${cart}` }, body: form(newKey()) };
        },
        onResponse: (status, body) => {
          if (placedNumber(status, body)) placed++;
          else if (status === 409) refused++;
          else {
            failed++;
            if (failed <= 3) log(`${label}: unexpected answer ${status}: ${body.slice(0, 300)}`);
          }
        },
      },
    ],
  });
  return { placed, refused, failed, p50: r.latency.p50, p99: r.latency.p99, seconds: r.duration };
}

interface Line {
  variant_id: number;
  quantity: number;
  price_fen: number;
  product_id: number;
  producer_id: number;
  village_id: number;
  product_name: string;
  product_name_en: string;
  variant_name: string;
  variant_name_en: string;
  sku: string;
  sale_unit: string;
  net_grams: number | null;
  shipping_fee_fen: number;
  free_shipping_over_fen: number | null;
}

/** The store's checkout writes as one raw transaction; false when stock ran short. */
async function rawCheckout(sql: Sql, cart: string, day: string): Promise<boolean> {
  const lines = await sql<Line[]>`
    select ci.variant_id, ci.quantity, v.price_fen, p.id as product_id, p.producer_id, p.village_id, p.name as product_name, p.name_en as product_name_en,
           v.name as variant_name, v.name_en as variant_name_en, v.sku, v.sale_unit, v.net_grams, vi.shipping_fee_fen, vi.free_shipping_over_fen
    from cart_items ci join product_variants v on v.id = ci.variant_id join products p on p.id = v.product_id join villages vi on vi.id = p.village_id
    where ci.cart_id = ${cart} order by ci.variant_id`;
  const villages = [...new Set(lines.map((l) => l.village_id))];
  const groups = villages.map((id) => {
    const ls = lines.filter((l) => l.village_id === id);
    const goods = ls.reduce((s, l) => s + BigInt(l.price_fen * l.quantity), 0n);
    const ship = shippingFeeFen({ shippingFeeFen: ls[0].shipping_fee_fen, freeShippingOverFen: ls[0].free_shipping_over_fen, noFreshProvinces: [] }, goods);
    return { villageId: id, lines: ls, goods, ship };
  });
  const goods = groups.reduce((s, g) => s + g.goods, 0n);
  const ship = groups.reduce((s, g) => s + g.ship, 0n);
  const now = new Date();
  const reservedUntil = new Date(now.getTime() + 30 * 60_000);
  for (let attempt = 1; ; attempt++) {
    try {
      return await sql.begin(async (tx) => {
        const [checkout] = await tx`
          insert into checkouts (number, idempotency_key, email, recipient, mobile, province, city, district, detail, note, payment_method, goods_fen, shipping_fen, total_fen, locale, created_at)
          values (${checkoutNumber(day, randomInt(100_000_000))}, ${newKey()}, null, '王某', '13800138000', '山东省', '临沂市', '蒙阴县', '城关镇幸福路1号', '', 'bank_transfer',
                  ${goods.toString()}, ${ship.toString()}, ${(goods + ship).toString()}, 'zh', ${now})
          returning id, number`;
        for (const l of lines) {
          const held =
            await tx`update product_variants set stock = stock - ${l.quantity}::int, reserved = reserved + ${l.quantity}::int where id = ${l.variant_id} and stock >= ${l.quantity} returning price_fen`;
          if (held.length === 0) throw new ShortOfStock();
        }
        for (const [i, g] of groups.entries()) {
          const [order] = await tx`
            insert into orders (checkout_id, number, village_id, goods_fen, shipping_fen, total_fen, reserved_until, updated_at)
            values (${checkout.id}, ${`${checkout.number}-${i + 1}`}, ${g.villageId}, ${g.goods.toString()}, ${g.ship.toString()}, ${(g.goods + g.ship).toString()}, ${reservedUntil}, ${now})
            returning id`;
          await tx`insert into order_lines ${tx(
            g.lines.map((l) => ({
              order_id: order.id,
              variant_id: l.variant_id,
              product_id: l.product_id,
              producer_id: l.producer_id,
              product_name: l.product_name,
              product_name_en: l.product_name_en,
              variant_name: l.variant_name,
              variant_name_en: l.variant_name_en,
              sku: l.sku,
              sale_unit: l.sale_unit,
              net_grams: l.net_grams,
              quantity: l.quantity,
              unit_price_fen: l.price_fen,
              total_fen: String(l.price_fen * l.quantity),
            })),
          )}`;
          await tx`insert into order_events (order_id, from_status, to_status, actor, at) values (${order.id}, null, 'pending_payment', 'buyer', ${now})`;
        }
        await tx`delete from cart_items where cart_id = ${cart}`;
        await tx`insert into order_access (token_hash, checkout_id) values (${createHash('sha256').update(randomBytes(20)).digest('hex')}, ${checkout.id})`;
        return true;
      });
    } catch (error) {
      if (error instanceof ShortOfStock) return false;
      const e = error as { code?: string; constraint_name?: string };
      // Random checkout numbers clash now and then: draw again, as the store does.
      if (attempt < 5 && e.code === '23505' && e.constraint_name === 'checkouts_number_unique') continue;
      throw error;
    }
  }
}
class ShortOfStock extends Error {}

/** `connections` callers, each taking the next cart, for `secondsToRun`. */
async function rawCheckouts(sql: Sql, carts: CartQueue, secondsToRun: number) {
  const day = shanghaiDate(new Date());
  let placed = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + secondsToRun * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const cart = take(carts);
        if (!cart) return;
        const t0 = performance.now();
        if (await rawCheckout(sql, cart, day)) placed++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { placed, seconds: elapsed, p50: at(0.5), p99: at(0.99) };
}

/** The books per variant; every discrepancy is counted as oversold. */
async function oversoldUnits(sql: Sql, initial: Map<number, number>): Promise<number> {
  const rows = await sql<{ id: number; stock: number; reserved: number; sold: number; in_lines: number }[]>`
    select v.id, v.stock, v.reserved, v.sold, coalesce((select sum(quantity) from order_lines l where l.variant_id = v.id), 0)::int as in_lines
    from product_variants v where v.id = any(${[...initial.keys()]}::int[])`;
  let bad = 0;
  for (const r of rows) {
    const start = initial.get(r.id)!;
    bad += Math.max(0, r.in_lines - start);
    if (r.stock < 0) bad += -r.stock;
    if (r.stock + r.reserved + r.sold !== start) bad += Math.abs(r.stock + r.reserved + r.sold - start) || 1;
    if (r.reserved !== r.in_lines) bad += Math.abs(r.reserved - r.in_lines);
  }
  return bad;
}

await runBench(async () => {
  ensureBuild();
  const db = await benchDatabase('checkout', false);
  const d = db.database.db;
  // Two villages, two non-perishable products each with two variants: four hot variants.
  const category = await createCategory(d, { perishable: false });
  const hot: number[] = [];
  let last = 0;
  for (const v of [0, 1]) {
    const village = await createVillage(d);
    const producer = await createProducer(d, { villageId: village.id });
    const { variants } = await createProduct(d, {
      villageId: village.id,
      producerId: producer.id,
      categoryId: category.id,
      variants: [{ stock: HOT_STOCK, priceFen: 2500 }, { stock: HOT_STOCK, priceFen: 4800 }, ...(v === 0 ? [{ stock: LAST_STOCK, priceFen: 3900 }] : [])],
    });
    hot.push(variants[0].id, variants[1].id);
    if (v === 0) last = variants[2].id;
  }
  // hot = [A1, A2, B1, B2]: cart i holds hot[i % 4], even carts also hot[(i + 2) % 4], from the other village.
  const initial = new Map([...hot.map((id) => [id, HOT_STOCK] as const), [last, LAST_STOCK]]);

  const sql = postgres(db.url, { max: POOL, onnotice: () => {}, prepare: false });
  onCleanup(() => sql.end({ timeout: 5 }));
  const store = await startStore(db.url, { DATABASE_POOL_MAX: String(POOL) });

  // Enough carts for a fast machine; a run that exhausts them says so.
  const httpCarts = queue(await makeCarts(sql, Math.round(500 * (duration + warmup)), hot, true));
  const rawCarts = queue(await makeCarts(sql, Math.round(2500 * (duration + warmup)), hot, true));
  const lastCarts = await makeCarts(sql, LAST_BUYERS, [last], false);
  log(`carts ready: ${httpCarts.carts.length} for HTTP, ${rawCarts.carts.length} for raw SQL, ${lastCarts.length} for the last ${LAST_STOCK} units`);

  log(`store: warm-up ${warmup} s, then ${duration} s at ${connections} connections`);
  const warm = await httpCheckouts(store.origin, httpCarts, warmup, 'store warm-up');
  log(`store warm-up: ${warm.placed} checkouts`);
  const http = await httpCheckouts(store.origin, httpCarts, duration, 'store');
  log(`store: ${http.placed} checkouts in ${http.seconds} s, p50 ${http.p50} ms, p99 ${http.p99} ms, ${http.refused} refused, ${http.failed} failed`);

  log(`raw SQL: warm-up ${warmup} s, then ${duration} s with ${connections} callers on ${POOL} connections`);
  const rawWarm = await rawCheckouts(sql, rawCarts, warmup);
  log(`raw SQL warm-up: ${rawWarm.placed} transactions`);
  const raw = await rawCheckouts(sql, rawCarts, duration);
  log(`raw SQL: ${raw.placed} transactions in ${raw.seconds.toFixed(1)} s, p50 ${raw.p50.toFixed(1)} ms, p99 ${raw.p99.toFixed(1)} ms`);

  log(`last units: ${LAST_BUYERS} buyers at once for ${LAST_STOCK} units`);
  const answers = await Promise.all(
    lastCarts.map(async (cart) => {
      const r = await fetch(`${store.origin}/_actions/orders.place`, {
        method: 'POST',
        headers: { origin: store.origin, 'content-type': 'application/x-www-form-urlencoded', cookie: `bangfu_cart=${cart}` },
        body: form(newKey()),
      });
      return placedNumber(r.status, await r.text()) ? 'placed' : r.status === 409 ? 'refused' : 'failed';
    }),
  );
  const lastPlaced = answers.filter((a) => a === 'placed').length;

  const oversold = await oversoldUnits(sql, initial);
  const orders_per_s = round(http.placed / http.seconds);
  const sql_tps = round(raw.placed / raw.seconds);
  return {
    orders_per_s,
    p99_ms: round(http.p99),
    oversold,
    sql_tps,
    ratio: round(orders_per_s / sql_tps, 2),
    p50_ms: round(http.p50),
    sql_p50_ms: round(raw.p50),
    sql_p99_ms: round(raw.p99),
    refused: http.refused,
    failed: http.failed,
    carts_ran_out: httpCarts.exhausted || rawCarts.exhausted,
    last_units: {
      stock: LAST_STOCK,
      buyers: LAST_BUYERS,
      placed: lastPlaced,
      refused: answers.filter((a) => a === 'refused').length,
      failed: answers.filter((a) => a === 'failed').length,
    },
    connections,
    seconds: duration,
    pool_max: POOL,
  };
});

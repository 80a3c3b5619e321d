// Test helpers for Stripe Checkout: a placed two-village checkout with its
// session, events shaped like Stripe's, and deliveries signed with the SDK.
import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import Stripe from 'stripe';
import { expect } from 'vitest';
import type { Db } from '../../db/client.ts';
import { checkouts, ledgerEntries, orderEvents, orderLines, orders, productVariants, refunds } from '../../db/schema/index.ts';
import { addToCart, ensureCart } from '../../src/modules/cart/cart.server.ts';
import { placeOrder } from '../../src/modules/orders/place-order.server.ts';
import { CheckoutSchema } from '../../src/modules/orders/orders.ts';
import { STRIPE_API_VERSION } from '../../src/modules/payments/client.server.ts';
import { startStripeCheckout } from '../../src/workflows/pay-online.ts';
import { receiveStripeWebhook } from '../../src/workflows/stripe-events.ts';
import { createCategory, createProducer, createProduct, createVillage } from '../factories/catalog.ts';
import { STANDIN_WEBHOOK_SECRET, type StandinSession } from './stripe-standin.ts';

export const WEBHOOK_SECRET = STANDIN_WEBHOOK_SECRET;

/** Two villages: one parcel pays 12 元 shipping (69.80 元 of goods), the other ships free (100 元). */
export async function placeStripeCheckout(db: Db, email: string | null = 'buyer@example.com') {
  const category = await createCategory(db);
  const v1 = await createVillage(db, { shippingFeeFen: 1200, freeShippingOverFen: 9900 });
  const v2 = await createVillage(db, { shippingFeeFen: 1500, freeShippingOverFen: 9900 });
  const p1 = await createProducer(db, { villageId: v1.id });
  const p2 = await createProducer(db, { villageId: v2.id });
  const {
    variants: [peach],
  } = await createProduct(db, { villageId: v1.id, producerId: p1.id, categoryId: category.id, variants: [{ priceFen: 3980, stock: 10 }] });
  const {
    variants: [eggs],
  } = await createProduct(db, { villageId: v1.id, producerId: p1.id, categoryId: category.id, variants: [{ priceFen: 1500, stock: 10 }] });
  const {
    variants: [broom],
  } = await createProduct(db, { villageId: v2.id, producerId: p2.id, categoryId: category.id, variants: [{ priceFen: 2000, stock: 10 }] });
  const { cartId } = await ensureCart(db, { userId: null, guestCartId: null });
  await addToCart(db, cartId, peach.id, 1);
  await addToCart(db, cartId, eggs.id, 2);
  await addToCart(db, cartId, broom.id, 5);
  const input = CheckoutSchema.parse({
    idempotencyKey: randomBytes(12).toString('hex'),
    recipient: '张三',
    mobile: '13800138000',
    province: '河南省',
    city: '新乡市',
    district: '封丘县',
    detail: '城关镇幸福路 1 号',
    email,
    paymentMethod: 'stripe',
    note: '',
  });
  const now = new Date();
  const placed = await placeOrder(db, input, { owner: { userId: null, guestCartId: cartId }, user: null, now, reservationMinutes: 30, stripeEnabled: true, locale: 'zh' });
  const url = await startStripeCheckout(
    db,
    placed.id,
    { successUrl: 'http://localhost:4321/orders/x?session_id={CHECKOUT_SESSION_ID}', cancelUrl: 'http://localhost:4321/orders/x' },
    now,
  );
  const [row] = await db.select().from(checkouts).where(eq(checkouts.id, placed.id));
  const orderIds = (await db.select({ id: orders.id }).from(orders).where(eq(orders.checkoutId, placed.id)).orderBy(orders.id)).map((o) => o.id);
  return { checkout: row, sessionId: row.stripeSessionId!, url, orderIds, variantIds: [peach.id, eggs.id, broom.id], now };
}

export const event = (type: string, session: StandinSession) => ({
  id: `evt_test_${randomBytes(10).toString('hex')}`,
  object: 'event',
  api_version: STRIPE_API_VERSION,
  created: Math.floor(Date.now() / 1000),
  type,
  data: { object: structuredClone(session) },
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
});

export function webhookRequest(payload: string, signature: string | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (signature) headers['stripe-signature'] = signature;
  return new Request('http://localhost:4321/api/webhooks/stripe', { method: 'POST', headers, body: payload });
}

export async function deliver(db: Db, evt: object, secret = WEBHOOK_SECRET) {
  const payload = JSON.stringify(evt);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  const response = await receiveStripeWebhook(webhookRequest(payload, signature), db);
  return { status: response.status, body: (await response.json()) as { result?: string; error?: string } };
}

/** Each event 10 times, shuffled (seeded), delivered a few at a time concurrently. */
export async function deliverReplayed(db: Db, events: object[], seed = 7) {
  const all = events.flatMap((e) => Array.from({ length: 10 }, () => e));
  let s = seed;
  for (let i = all.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [all[i], all[j]] = [all[j], all[i]];
  }
  const results: string[] = [];
  for (let i = 0; i < all.length; i += 4) {
    for (const r of await Promise.all(all.slice(i, i + 4).map((e) => deliver(db, e)))) {
      expect(r.status).toBe(200);
      results.push(r.body.result!);
    }
  }
  return results;
}

export async function facts(db: Db, checkoutId: number, variantIds: number[]) {
  const ids = (await db.select({ id: orders.id }).from(orders).where(eq(orders.checkoutId, checkoutId))).map((o) => o.id);
  const lineIds = (await db.select({ id: orderLines.id }).from(orderLines).where(inArray(orderLines.orderId, ids))).map((l) => l.id);
  const events = await db.select({ to: orderEvents.toStatus, from: orderEvents.fromStatus }).from(orderEvents).where(inArray(orderEvents.orderId, ids));
  const ledger = await db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.sourceKind, 'order_line'), inArray(ledgerEntries.sourceId, lineIds)));
  const statuses = (await db.select({ status: orders.status }).from(orders).where(eq(orders.checkoutId, checkoutId)).orderBy(orders.id)).map((o) => o.status);
  const stock = await db
    .select({ stock: productVariants.stock, reserved: productVariants.reserved, sold: productVariants.sold })
    .from(productVariants)
    .where(inArray(productVariants.id, variantIds))
    .orderBy(productVariants.id);
  const refundRows = await db.select().from(refunds).where(inArray(refunds.orderId, ids)).orderBy(refunds.id);
  return { events, ledger, statuses, stock, refundRows, lineCount: lineIds.length };
}

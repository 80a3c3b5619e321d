// Stripe Checkout end to end on a real database, with the real `stripe` SDK
// talking to a local stand-in and webhooks signed the way Stripe signs them:
// the session sent, signatures checked, replays and reordering harmless, stock
// conserved, late money refunded once.
import type { APIContext } from 'astro';
import { eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkouts, orders, outbox, paymentEvents, refunds } from '../../db/schema/index.ts';
import { setStripeConfigForTests, STRIPE_API_VERSION, stripeEnabled } from '../../src/modules/payments/client.server.ts';
import { stripeRefundKey } from '../../src/modules/payments/refunds.server.ts';
import { cancelOrder } from '../../src/workflows/cancel-order.ts';
import { confirmStripeReturn, startStripeCheckout } from '../../src/workflows/pay-online.ts';
import { refundInTx, settleRefundById } from '../../src/workflows/refunds.ts';
import { handleStripeEvent } from '../../src/workflows/stripe-events.ts';
import { POST } from '../../src/pages/api/webhooks/stripe.ts';
import { deliver, deliverReplayed, event, facts, placeStripeCheckout, WEBHOOK_SECRET, webhookRequest } from '../support/stripe-checkout.ts';
import { startStripeStandin, type StripeStandin } from '../support/stripe-standin.ts';
import { useTestDatabase } from '../setup/test-db.ts';
import { log } from '../../src/lib/log.ts';

const t = useTestDatabase();
let standin: StripeStandin;
const settings = () => ({ secretKey: 'sk_test_standin', webhookSecret: WEBHOOK_SECRET, apiBase: standin.url, reservationMinutes: 30 });

beforeAll(async () => {
  standin = await startStripeStandin();
  setStripeConfigForTests(settings());
});
afterAll(async () => {
  setStripeConfigForTests(null);
  await standin?.close();
});
afterEach(() => {
  setStripeConfigForTests(settings());
  vi.restoreAllMocks();
});

describe('Stripe Checkout session', () => {
  it('is created in CNY for card, Alipay and WeChat Pay, with every line and shipping, and its id stored', async () => {
    const { checkout, sessionId, url } = await placeStripeCheckout(t.db);
    const [sent] = standin.requestsTo('POST', '/v1/checkout/sessions').slice(-1);
    const body = sent.body as Record<string, any>;
    expect(sent.headers['stripe-version']).toBe(STRIPE_API_VERSION);
    expect(sent.headers['idempotency-key']).toBe(`${checkout.idempotencyKey}:session:first`);
    expect(body.mode).toBe('payment');
    expect(body.currency).toBe('cny');
    expect(body.allowed_payment_method_types).toEqual(['card', 'alipay', 'wechat_pay']);
    expect(body).not.toHaveProperty('payment_method_types');
    expect(body.payment_method_options).toEqual({ wechat_pay: { client: 'web' } });
    const lines = (body.line_items as any[]).map((l) => [l.price_data.currency, Number(l.price_data.unit_amount), Number(l.quantity)]);
    expect(lines).toEqual([
      ['cny', 3980, 1],
      ['cny', 1500, 2],
      ['cny', 2000, 5],
      ['cny', 1200, 1],
    ]);
    expect(BigInt(lines.reduce((s, [, a, q]) => s + (a as number) * (q as number), 0))).toBe(checkout.totalFen);
    expect(checkout.totalFen).toBe(3980n + 3000n + 1200n + 10000n);
    expect(body.line_items[3].price_data.product_data.name).toMatch(/^运费（/);
    expect(body.client_reference_id).toBe(checkout.number);
    expect(body.metadata).toEqual({ checkoutId: String(checkout.id) });
    expect(body.customer_email).toBe('buyer@example.com');
    expect(body.locale).toBe('zh');
    const expiresIn = Number(body.expires_at) - Math.floor(Date.now() / 1000);
    expect(expiresIn).toBeGreaterThan(29 * 60);
    expect(expiresIn).toBeLessThanOrEqual(30 * 60);
    expect(sessionId).toMatch(/^cs_test_/);
    expect(url).toBe(standin.sessions.get(sessionId)!.url);
  });

  it('gives the open session again instead of a second one', async () => {
    const { checkout, url } = await placeStripeCheckout(t.db, null);
    const before = standin.requestsTo('POST', '/v1/checkout/sessions').length;
    const again = await startStripeCheckout(t.db, checkout.id, { successUrl: 'http://localhost/s', cancelUrl: 'http://localhost/c' });
    expect(again).toBe(url);
    expect(standin.requestsTo('POST', '/v1/checkout/sessions').length).toBe(before);
    expect(standin.requestsTo('POST', '/v1/checkout/sessions').at(-1)!.body).not.toHaveProperty('customer_email');
  });

  it('is off without a secret key', () => {
    expect(stripeEnabled()).toBe(true);
    setStripeConfigForTests({ secretKey: null });
    expect(stripeEnabled()).toBe(false);
  });
});

describe('Stripe webhook', () => {
  it('refuses a wrong or missing signature, and everything when no secret is configured', async () => {
    const { sessionId } = await placeStripeCheckout(t.db);
    const payload = JSON.stringify(event('checkout.session.completed', standin.pay(sessionId)));
    const call = (signature: string | null, body = payload) => POST({ request: webhookRequest(body, signature), locals: { db: t.db } } as unknown as APIContext);

    const forged = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else' });
    expect((await call(forged)).status).toBe(400);
    expect((await call(null)).status).toBe(400);
    const signed = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    expect((await call(signed, payload.replace('"paid"', '"unpaid"'))).status).toBe(400);
    // What the route accepts is exactly what the SDK itself would verify.
    expect(Stripe.webhooks.constructEvent(payload, signed, WEBHOOK_SECRET).type).toBe('checkout.session.completed');

    setStripeConfigForTests({ webhookSecret: null });
    expect((await call(signed)).status).toBe(503);
    expect(await t.db.select().from(paymentEvents).where(sql`${paymentEvents.type} like 'checkout.%'`)).toEqual([]);
  });

  it('card: completed delivered 10 times out of order → paid once, ledger once, one mail per parcel', async () => {
    const { checkout, sessionId, orderIds, variantIds } = await placeStripeCheckout(t.db);
    const paid = standin.pay(sessionId);
    const results = await deliverReplayed(t.db, [event('checkout.session.completed', paid)]);
    expect(results.filter((r) => r === 'handled')).toHaveLength(1);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(9);

    const f = await facts(t.db, checkout.id, variantIds);
    expect(f.statuses).toEqual(['paid', 'paid']);
    expect(f.events.filter((e) => e.to === 'paid')).toHaveLength(orderIds.length);
    expect(f.events).toHaveLength(orderIds.length * 2); // placed + paid, nothing else
    expect(f.ledger).toHaveLength(f.lineCount);
    expect(f.ledger.reduce((s, e) => s + e.amountFen, 0n)).toBe(3980n + 3000n + 10000n);
    expect(f.stock).toEqual([
      { stock: 9, reserved: 0, sold: 1 },
      { stock: 8, reserved: 0, sold: 2 },
      { stock: 5, reserved: 0, sold: 5 },
    ]);
    const [saved] = await t.db.select({ pi: checkouts.stripePaymentIntentId }).from(checkouts).where(eq(checkouts.id, checkout.id));
    expect(saved.pi).toBe(paid.payment_intent);
    // One 'paid' mail per parcel (subject: 已收到付款：BF…-1), none for the replays.
    const perParcel = await t.db
      .select()
      .from(outbox)
      .where(sql`${outbox.subject} like ${`已收到付款：${checkout.number}-%`}`);
    expect(perParcel).toHaveLength(orderIds.length);
  });

  it('async method: completed (unpaid) and async_payment_succeeded, 10 times each in any order → one transition', async () => {
    const { checkout, sessionId, orderIds, variantIds } = await placeStripeCheckout(t.db);
    const pending = event('checkout.session.completed', standin.pay(sessionId, { paid: false }));
    const succeeded = event('checkout.session.async_payment_succeeded', standin.settle(sessionId));
    const results = await deliverReplayed(t.db, [pending, succeeded], 11);
    expect(results.filter((r) => r === 'handled')).toHaveLength(1);
    const f = await facts(t.db, checkout.id, variantIds);
    expect(f.statuses).toEqual(['paid', 'paid']);
    expect(f.events.filter((e) => e.to === 'paid')).toHaveLength(orderIds.length);
    expect(f.ledger).toHaveLength(f.lineCount);
  });

  for (const type of ['checkout.session.async_payment_failed', 'checkout.session.expired'] as const) {
    it(`${type.split('.').at(-1)} 10 times (with the unpaid completed) → cancelled once, stock released and conserved`, async () => {
      const { checkout, sessionId, orderIds, variantIds } = await placeStripeCheckout(t.db);
      const before = await facts(t.db, checkout.id, variantIds);
      expect(before.stock.map((s) => s.reserved)).toEqual([1, 2, 5]);
      const pending = event('checkout.session.completed', standin.pay(sessionId, { paid: false }));
      await deliverReplayed(t.db, [pending, event(type, standin.expire(sessionId))], 3);
      const f = await facts(t.db, checkout.id, variantIds);
      expect(f.statuses).toEqual(['cancelled', 'cancelled']);
      expect(f.events.filter((e) => e.to === 'cancelled')).toHaveLength(orderIds.length);
      expect(f.stock).toEqual([
        { stock: 10, reserved: 0, sold: 0 },
        { stock: 10, reserved: 0, sold: 0 },
        { stock: 10, reserved: 0, sold: 0 },
      ]);
      expect(f.ledger).toHaveLength(0);
    });
  }

  it('money after expiry: each cancelled parcel refunded once, at Stripe with its idempotency key, outside the ledger', async () => {
    const { checkout, sessionId, orderIds, variantIds } = await placeStripeCheckout(t.db);
    await deliver(t.db, event('checkout.session.expired', standin.expire(sessionId)));
    const paid = standin.pay(sessionId);
    const before = standin.refunds.length;
    await deliverReplayed(t.db, [event('checkout.session.completed', paid), event('checkout.session.async_payment_succeeded', paid)], 5);
    await confirmStripeReturn(t.db, sessionId);

    const f = await facts(t.db, checkout.id, variantIds);
    expect(f.statuses).toEqual(['cancelled', 'cancelled']);
    expect(f.ledger).toHaveLength(0);
    expect(f.refundRows.map((r) => [r.orderId, r.idempotencyKey, r.status])).toEqual(orderIds.map((id) => [id, `late-${id}`, 'succeeded']));
    const orderTotals = (await t.db.select({ total: orders.totalFen }).from(orders).where(eq(orders.checkoutId, checkout.id)).orderBy(orders.id)).map((o) => o.total);
    expect(f.refundRows.map((r) => r.amountFen)).toEqual(orderTotals);
    // Two events racing may both send a refund; Stripe's idempotency key makes it one.
    const made = standin.refunds.slice(before);
    expect(made.map((r) => [r.payment_intent, r.amount])).toEqual(orderTotals.map((total) => [paid.payment_intent, Number(total)]));
    const keys = new Set(
      standin
        .requestsTo('POST', '/v1/refunds')
        .filter((c) => c.body.payment_intent === paid.payment_intent)
        .map((c) => c.headers['idempotency-key']),
    );
    expect([...keys].sort()).toEqual(orderIds.map((id) => stripeRefundKey(paid.payment_intent!, `late-${id}`)).sort());
    expect(f.refundRows.map((r) => r.stripeRefundId)).toEqual(made.map((r) => r.id));
  });

  it('a parcel paid, then cancelled by the buyer, is not refunded a second time when Stripe reports the payment again', async () => {
    const { checkout, sessionId, orderIds, variantIds } = await placeStripeCheckout(t.db);
    const paid = standin.pay(sessionId);
    await deliver(t.db, event('checkout.session.completed', paid));
    const { refund } = await cancelOrder(t.db, { kind: 'buyer', userId: null }, orderIds[0], '买错了', new Date());
    // The cancellation sent it to Stripe already; settling again does nothing.
    expect(refund).toMatchObject({ viaStripe: true });
    expect(await settleRefundById(t.db, refund!.id)).toBe('skipped');
    await deliver(t.db, event('checkout.session.async_payment_succeeded', paid));
    const f = await facts(t.db, checkout.id, variantIds);
    expect(f.refundRows.map((r) => r.idempotencyKey)).toEqual([`cancel-${orderIds[0]}`]);
    expect(f.statuses).toEqual(['cancelled', 'paid']);
  });

  it('the success page fulfils a paid session before the webhook; the webhook then changes nothing', async () => {
    const { checkout, sessionId, orderIds, variantIds } = await placeStripeCheckout(t.db);
    await confirmStripeReturn(t.db, sessionId); // not paid yet
    expect((await facts(t.db, checkout.id, variantIds)).statuses).toEqual(['pending_payment', 'pending_payment']);
    const paid = standin.pay(sessionId);
    await confirmStripeReturn(t.db, 'cs_test_not_ours');
    await confirmStripeReturn(t.db, sessionId);
    await deliverReplayed(t.db, [event('checkout.session.completed', paid)]);
    const f = await facts(t.db, checkout.id, variantIds);
    expect(f.statuses).toEqual(['paid', 'paid']);
    expect(f.events.filter((e) => e.to === 'paid')).toHaveLength(orderIds.length);
    expect(f.ledger).toHaveLength(f.lineCount);
  });

  it('ignores sessions it did not create and amounts that do not match', async () => {
    const { checkout, sessionId, variantIds } = await placeStripeCheckout(t.db);
    const stranger = { ...standin.pay(sessionId), id: 'cs_test_stranger', metadata: { checkoutId: String(checkout.id) } };
    expect((await deliver(t.db, event('checkout.session.completed', stranger))).body.result).toBe('ignored');
    const errors = vi.spyOn(log, 'error').mockImplementation(() => {});
    const cheap = { ...standin.sessions.get(sessionId)!, amount_total: 100 };
    expect((await deliver(t.db, event('checkout.session.completed', cheap))).body.result).toBe('ignored');
    expect(errors).toHaveBeenCalled();
    expect((await facts(t.db, checkout.id, variantIds)).statuses).toEqual(['pending_payment', 'pending_payment']);
    expect(await handleStripeEvent(t.db, event('customer.created', cheap) as unknown as Stripe.Event)).toBe('ignored');
  });
});

describe('settling a Stripe refund', () => {
  async function paidParcel() {
    const placed = await placeStripeCheckout(t.db);
    await deliver(t.db, event('checkout.session.completed', standin.pay(placed.sessionId)));
    return placed;
  }
  const partial = (orderId: number, key: string) =>
    t.db.transaction((tx) => refundInTx(tx, { orderId, amountFen: 500n, reason: '一个桃子坏了', idempotencyKey: key }, { kind: 'village', userId: null }, new Date()));

  it('sends a partial refund to Stripe once, however often it is called', async () => {
    const { orderIds } = await paidParcel();
    const refund = (await partial(orderIds[0], `claim-${orderIds[0]}`))!;
    const before = standin.requestsTo('POST', '/v1/refunds').length;
    expect(await settleRefundById(t.db, refund.id)).toBe('succeeded');
    expect(await settleRefundById(t.db, refund.id)).toBe('skipped');
    const calls = standin.requestsTo('POST', '/v1/refunds').slice(before);
    expect(calls).toHaveLength(1);
    expect(Number(calls[0].body.amount)).toBe(500);
    const [row] = await t.db.select().from(refunds).where(eq(refunds.id, refund.id));
    expect(row.status).toBe('succeeded');
    expect(standin.refunds.find((r) => r.id === row.stripeRefundId)?.amount).toBe(500);
  });

  it('called twice at once, makes one refund at Stripe (same idempotency key)', async () => {
    const { orderIds } = await paidParcel();
    const refund = (await partial(orderIds[1], `claim-${orderIds[1]}`))!;
    const before = standin.refunds.length;
    await Promise.all([settleRefundById(t.db, refund.id), settleRefundById(t.db, refund.id)]);
    expect(standin.refunds.length - before).toBe(1);
    const [row] = await t.db.select().from(refunds).where(eq(refunds.id, refund.id));
    expect(row.status).toBe('succeeded');
  });

  it('marks a refund Stripe refuses as failed, without throwing', async () => {
    const { orderIds } = await paidParcel();
    const refund = (await partial(orderIds[0], `claim-refused-${orderIds[0]}`))!;
    vi.spyOn(log, 'error').mockImplementation(() => {});
    standin.refuseRefunds('This charge has already been refunded.');
    try {
      expect(await settleRefundById(t.db, refund.id)).toBe('failed');
    } finally {
      standin.refuseRefunds(null);
    }
    const [row] = await t.db.select().from(refunds).where(eq(refunds.id, refund.id));
    expect(row.status).toBe('failed');
  });

  it('leaves a refund pending when Stripe cannot be reached', async () => {
    const { orderIds } = await paidParcel();
    const refund = (await partial(orderIds[0], `claim-offline-${orderIds[0]}`))!;
    vi.spyOn(log, 'error').mockImplementation(() => {});
    setStripeConfigForTests({ ...settings(), apiBase: 'http://127.0.0.1:9' });
    expect(await settleRefundById(t.db, refund.id)).toBe('pending');
    setStripeConfigForTests(settings());
    expect(await settleRefundById(t.db, refund.id)).toBe('succeeded');
  });
});

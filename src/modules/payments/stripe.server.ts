// Stripe Checkout (card, Alipay, WeChat Pay) for a placed checkout. Who: the
// buyer who placed it (the caller has checked). From: a stripe checkout whose
// orders are all pending_payment. The buyer pays on Stripe's page; the orders
// become paid only on Stripe's word (webhook.server.ts, or confirmStripeReturn
// asking Stripe's API) — never because the browser came back to the success URL.
import { asc, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../../db/client.ts';
import { checkouts, orderLines, orders, villages } from '../../../db/schema/index.ts';
import { refuse } from '../../lib/errors.ts';
import { isStripeError, stripeClient, stripeSettings } from './client.server.ts';
import { afterPaid, applyPaidSession } from './fulfil.server.ts';
import { STRIPE_CURRENCY, STRIPE_METHODS, checkoutLines, linesTotalFen, sessionExpiresAt, type PayOrder } from './payments.ts';

export { setStripeConfigForTests, stripeEnabled, STRIPE_API_VERSION } from './client.server.ts';
export { retryPendingStripeRefunds, settleStripeRefund } from './settle-refund.server.ts';

async function payOrders(db: Db, checkoutId: number, locale: 'zh' | 'en', now: Date): Promise<PayOrder[]> {
  const rows = await db
    .select({ order: orders, village: villages.name, villageEn: villages.nameEn })
    .from(orders)
    .innerJoin(villages, eq(villages.id, orders.villageId))
    .where(eq(orders.checkoutId, checkoutId))
    .orderBy(asc(orders.id));
  // Past its reservation the sweep is about to release the stock: no new payment page.
  const payable = (o: typeof orders.$inferSelect) => o.status === 'pending_payment' && (o.reservedUntil === null || o.reservedUntil > now);
  if (rows.length === 0 || !rows.every((r) => payable(r.order))) throw refuse.conflict('order_state_changed');
  const lines = await db
    .select({ orderId: orderLines.orderId, name: orderLines.productName, nameEn: orderLines.productNameEn, variant: orderLines.variantName, variantEn: orderLines.variantNameEn, unitPriceFen: orderLines.unitPriceFen, quantity: orderLines.quantity })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(eq(orders.checkoutId, checkoutId))
    .orderBy(asc(orderLines.id));
  return rows.map(({ order, village, villageEn }) => ({
    number: order.number,
    village: locale === 'en' ? villageEn : village,
    goodsFen: order.goodsFen,
    shippingFen: order.shippingFen,
    lines: lines
      .filter((l) => l.orderId === order.id)
      .map((l) => ({ name: locale === 'en' ? `${l.nameEn} · ${l.variantEn}` : `${l.name} · ${l.variant}`, unitPriceFen: l.unitPriceFen, quantity: l.quantity })),
  }));
}

/**
 * Creates the Checkout Session for a placed checkout and returns the URL to send
 * the buyer to. Called again for the same checkout (a second tab, "pay now" on
 * the order page) it returns the session still open rather than a second one.
 */
export async function startStripeCheckout(db: Db, checkoutId: number, urls: { successUrl: string; cancelUrl: string }, now: Date = new Date()): Promise<string> {
  const [checkout] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  if (!checkout) throw refuse.notFound();
  if (checkout.paymentMethod !== 'stripe') throw refuse.conflict('payment_method_invalid', 'paymentMethod');
  const stripe = stripeClient();
  if (checkout.stripeSessionId) {
    const existing = await stripe.checkout.sessions.retrieve(checkout.stripeSessionId);
    if (existing.status === 'open' && existing.url) return existing.url;
    if (existing.status === 'complete') throw refuse.conflict('already_paid');
  }
  const locale = checkout.locale === 'en' ? 'en' : 'zh';
  const lines = checkoutLines(await payOrders(db, checkoutId, locale, now), locale);
  // The lines are rebuilt from order rows: if they do not add up to what the buyer
  // was shown, charging them would be wrong either way.
  if (linesTotalFen(lines) !== checkout.totalFen) throw new Error(`checkout ${checkoutId}: Stripe lines total ${linesTotalFen(lines)} ≠ ${checkout.totalFen} fen`);

  const params: Stripe.Checkout.SessionCreateParams = {
    mode: 'payment',
    currency: STRIPE_CURRENCY,
    // 2026-10-28 replaced payment_method_types: this filters what Stripe deems eligible.
    allowed_payment_method_types: [...STRIPE_METHODS],
    // WeChat Pay needs to know where the QR code is shown: a desktop or phone browser.
    payment_method_options: { wechat_pay: { client: 'web' } },
    line_items: lines.map((l) => ({
      quantity: l.quantity,
      price_data: { currency: STRIPE_CURRENCY, unit_amount: l.unitAmountFen, product_data: { name: l.name } },
    })),
    client_reference_id: checkout.number,
    metadata: { checkoutId: String(checkout.id) },
    payment_intent_data: { metadata: { checkoutId: String(checkout.id), checkoutNumber: checkout.number } },
    expires_at: sessionExpiresAt(now, stripeSettings().reservationMinutes),
    locale,
    success_url: urls.successUrl,
    cancel_url: urls.cancelUrl,
    ...(checkout.email && { customer_email: checkout.email }),
  };
  // Keyed by the checkout form's own key (random, unique everywhere): a double
  // request creates one session. A replacement for an expired session gets its own key.
  const idempotencyKey = `${checkout.idempotencyKey}:session:${checkout.stripeSessionId ?? 'first'}`;
  const session = await stripe.checkout.sessions.create(params, { idempotencyKey });
  await db.update(checkouts).set({ stripeSessionId: session.id }).where(eq(checkouts.id, checkoutId));
  if (!session.url) throw new Error(`stripe session ${session.id} has no url`);
  return session.url;
}

const SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/;

/**
 * The success page: the buyer may be back before the webhook, so ask Stripe
 * about the session and fulfil the checkout if it is paid. The session id comes
 * from the URL, so it only counts once found among our checkouts and confirmed
 * by Stripe. A Stripe problem is logged; the webhook will still arrive.
 */
export async function confirmStripeReturn(db: Db, sessionId: string, now: Date = new Date()): Promise<void> {
  if (!SESSION_ID.test(sessionId)) return;
  const [checkout] = await db.select({ id: checkouts.id, totalFen: checkouts.totalFen }).from(checkouts).where(eq(checkouts.stripeSessionId, sessionId));
  if (!checkout) return;
  let session: Stripe.Checkout.Session;
  try {
    session = await stripeClient().checkout.sessions.retrieve(sessionId);
  } catch (error) {
    if (!isStripeError(error)) throw error;
    console.error(`stripe session ${sessionId} could not be read: ${error.message}`);
    return;
  }
  if (session.payment_status !== 'paid') return;
  const outcome = await db.transaction((tx) => applyPaidSession(tx, checkout, session, now));
  if (outcome) await afterPaid(db, outcome);
}

// Paying a checkout online through Stripe Checkout (card, Alipay, WeChat Pay).
// start — who: the buyer who placed it (checked by the caller); from: a stripe
//   checkout whose orders can all still be paid. Returns the payment page's URL.
// payment confirmed — who: Stripe, through a signed webhook (stripe-events.ts) or
//   the session read back from Stripe when the buyer returns; never the browser.
//   From: the checkout's pending_payment orders → paid, stock sold, ledger
//   written (orders.fulfilCheckout). Orders already cancelled when the money came
//   are not revived: their money goes back by refund. Idempotent: a second call
//   finds nothing pending and no refund left to create.
import type Stripe from 'stripe';
import type { Db, Tx } from '../../db/client.ts';
import { STRIPE } from '../lib/actor.ts';
import { refuse } from '../lib/errors.ts';
import { notifyOrder } from '../modules/orders/notify.server.ts';
import { attachStripeSession, checkoutById, checkoutBySession, orderTotal, payOrders, recordPaymentIntent } from '../modules/orders/online-payment.server.ts';
import { fulfilCheckout } from '../modules/orders/pay-order.server.ts';
import {
  createCheckoutSession,
  isSessionId,
  orderSessionExpiry,
  paymentIntentOf,
  readSessionOnReturn,
  retrieveCheckoutSession,
  sessionCharged,
} from '../modules/payments/checkout-session.server.ts';
import { checkoutLines, linesTotalFen } from '../modules/payments/payments.ts';
import { refundByKey } from '../modules/payments/refunds.server.ts';
import { refundInTx, settleRefundById } from './refunds.ts';
import { log } from '../lib/log.ts';

export const LATE_PAYMENT_REASON = '订单已取消，付款原路退回';

/**
 * Creates the Checkout Session for a placed checkout and returns the URL to send
 * the buyer to. Called again for the same checkout (a second tab, "pay now" on
 * the order page) it returns the session still open rather than a second one.
 */
export async function startStripeCheckout(db: Db, checkoutId: number, urls: { successUrl: string; cancelUrl: string }, now: Date = new Date()): Promise<string> {
  const checkout = await checkoutById(db, checkoutId);
  if (checkout.paymentMethod !== 'stripe') throw refuse.conflict('payment_method_invalid', 'paymentMethod');
  if (checkout.stripeSessionId) {
    const existing = await retrieveCheckoutSession(checkout.stripeSessionId);
    if (existing.status === 'open' && existing.url) return existing.url;
    if (existing.status === 'complete') throw refuse.conflict('already_paid');
  }
  const locale = checkout.locale === 'en' ? 'en' : 'zh';
  const lines = checkoutLines(await payOrders(db, checkoutId, locale, now), locale);
  // The lines are rebuilt from order rows: if they do not add up to what the buyer
  // was shown, charging them would be wrong either way.
  if (linesTotalFen(lines) !== checkout.totalFen) throw new Error(`checkout ${checkoutId}: Stripe lines total ${linesTotalFen(lines)} ≠ ${checkout.totalFen} fen`);
  const session = await createCheckoutSession({
    lines,
    reference: checkout.number,
    metadata: { checkoutId: String(checkout.id) },
    paymentMetadata: { checkoutId: String(checkout.id), checkoutNumber: checkout.number },
    locale,
    email: checkout.email,
    successUrl: urls.successUrl,
    cancelUrl: urls.cancelUrl,
    expiresAt: orderSessionExpiry(now),
    // Keyed by the checkout form's own key (random, unique everywhere): a double
    // request creates one session. A replacement for an expired session gets its own key.
    idempotencyKey: `${checkout.idempotencyKey}:session:${checkout.stripeSessionId ?? 'first'}`,
  });
  await attachStripeSession(db, checkoutId, session.id);
  if (!session.url) throw new Error(`stripe session ${session.id} has no url`);
  return session.url;
}

export interface PaidOutcome {
  paid: number[];
  refundIds: number[];
}

/** Inside the caller's transaction. Null when the session does not match the checkout (nothing is changed). */
export async function applyPaidSession(tx: Tx, checkout: { id: number; totalFen: bigint }, session: Stripe.Checkout.Session, now: Date): Promise<PaidOutcome | null> {
  // The session is ours (found by its id), so a mismatch means something is badly
  // wrong; paying the orders anyway could ship goods for the wrong amount.
  if (!sessionCharged(session, checkout.totalFen)) {
    log.error(`stripe session ${session.id}: ${session.amount_total} ${session.currency} does not match checkout ${checkout.id} (${checkout.totalFen} fen); not fulfilled`);
    return null;
  }
  const paymentIntent = paymentIntentOf(session);
  if (paymentIntent) await recordPaymentIntent(tx, checkout.id, paymentIntent);
  const { paid, cancelled } = await fulfilCheckout(tx, checkout.id, now);
  const refundIds: number[] = [];
  for (const orderId of cancelled) {
    const idempotencyKey = `late-${orderId}`;
    const created = await refundInTx(
      tx,
      { orderId, amountFen: await orderTotal(tx, orderId), reason: LATE_PAYMENT_REASON, idempotencyKey, countsInLedger: false },
      STRIPE,
      now,
    );
    // Already created by an earlier delivery: settle it again in case that run died before Stripe heard of it.
    const id = created?.id ?? (await refundByKey(tx, idempotencyKey))?.id;
    if (id !== undefined) refundIds.push(id);
  }
  return { paid, refundIds };
}

/** After the commit: money back to Stripe for cancelled orders, mail for paid ones. */
export async function afterPaid(db: Db, outcome: PaidOutcome): Promise<void> {
  for (const id of outcome.refundIds) await settleRefundById(db, id);
  for (const id of outcome.paid) await notifyOrder(db, id, 'paid');
}

/**
 * The success page: the buyer may be back before the webhook, so ask Stripe
 * about the session and fulfil the checkout if it is paid. The session id comes
 * from the URL, so it only counts once found among our checkouts and confirmed
 * by Stripe. A Stripe problem is logged; the webhook will still arrive.
 */
export async function confirmStripeReturn(db: Db, sessionId: string, now: Date = new Date()): Promise<void> {
  if (!isSessionId(sessionId)) return;
  const checkout = await checkoutBySession(db, sessionId);
  if (!checkout) return;
  const session = await readSessionOnReturn(sessionId);
  if (session?.payment_status !== 'paid') return;
  const outcome = await db.transaction((tx) => applyPaidSession(tx, checkout, session, now));
  if (outcome) await afterPaid(db, outcome);
}

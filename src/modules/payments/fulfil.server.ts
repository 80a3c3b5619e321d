// Stripe says a checkout is paid. Who: Stripe — through a signed webhook, or the
// session read back from Stripe's API when the buyer returns; never the browser.
// From: the checkout's pending_payment orders (→ paid, stock sold, ledger written).
// Orders already cancelled when the money came (the buyer cancelled, or the
// reservation ran out) are not revived: their money goes back by refund.
// Idempotent: a second call finds nothing pending and no refund left to create.
import { and, eq, isNull } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db, Tx } from '../../../db/client.ts';
import { checkouts, orders, refunds } from '../../../db/schema/index.ts';
import { notifyOrder } from '../orders/notify.server.ts';
import { fulfilCheckout } from '../orders/pay-order.server.ts';
import { refundInTx } from '../orders/refund-order.server.ts';
import { STRIPE_CURRENCY } from './payments.ts';
import { settleStripeRefund } from './settle-refund.server.ts';

export interface PaidOutcome {
  paid: number[];
  refundIds: number[];
}

export interface StripeCheckoutRef {
  id: number;
  totalFen: bigint;
}

export const LATE_PAYMENT_REASON = '订单已取消，付款原路退回';

/** Inside the caller's transaction. Null when the session does not match the checkout (nothing is changed). */
export async function applyPaidSession(tx: Tx, checkout: StripeCheckoutRef, session: Stripe.Checkout.Session, now: Date): Promise<PaidOutcome | null> {
  // The session is ours (found by its id), so a mismatch means something is badly
  // wrong; paying the orders anyway could ship goods for the wrong amount.
  if (session.currency !== STRIPE_CURRENCY || session.amount_total === null || BigInt(session.amount_total) !== checkout.totalFen) {
    console.error(`stripe session ${session.id}: ${session.amount_total} ${session.currency} does not match checkout ${checkout.id} (${checkout.totalFen} fen); not fulfilled`);
    return null;
  }
  const paymentIntent = typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null);
  if (paymentIntent) {
    // Refunds are made against it: it must be saved before any refund row can be settled.
    await tx
      .update(checkouts)
      .set({ stripePaymentIntentId: paymentIntent })
      .where(and(eq(checkouts.id, checkout.id), isNull(checkouts.stripePaymentIntentId)));
  }
  const { paid, cancelled } = await fulfilCheckout(tx, checkout.id, now);
  const refundIds: number[] = [];
  for (const orderId of cancelled) {
    const [order] = await tx.select({ totalFen: orders.totalFen }).from(orders).where(eq(orders.id, orderId));
    const idempotencyKey = `late-${orderId}`;
    const created = await refundInTx(
      tx,
      { orderId, amountFen: order.totalFen, reason: LATE_PAYMENT_REASON, idempotencyKey, countsInLedger: false },
      { actor: 'stripe', userId: null },
      now,
    );
    // Already created by an earlier delivery: settle it again in case that run died before Stripe heard of it.
    const id = created?.id ?? (await tx.select({ id: refunds.id }).from(refunds).where(eq(refunds.idempotencyKey, idempotencyKey)))[0]?.id;
    if (id !== undefined) refundIds.push(id);
  }
  return { paid, refundIds };
}

/** After the commit: money back to Stripe for cancelled orders, mail for paid ones. */
export async function afterPaid(db: Db, outcome: PaidOutcome): Promise<void> {
  for (const id of outcome.refundIds) await settleStripeRefund(db, id);
  for (const id of outcome.paid) await notifyOrder(db, id, 'paid');
}

// Sending a refund to Stripe. Who: the system, after the commit that created the
// refund row (a cancel, an approved claim, money that arrived for a cancelled
// order). From: refunds.status = pending. To: succeeded (Stripe took it) or
// failed (Stripe refused it); an outage or a config error leaves it pending.
// The refund row is already in our books; this only moves the money.
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { checkouts, orders, refunds } from '../../../db/schema/index.ts';
import { isStripeRefusal, stripeClient, stripeEnabled } from './client.server.ts';

/**
 * Stripe keys are per account and kept 24 hours, and every laptop and CI run
 * shares the test account: `cancel-12` alone would collide across databases.
 * The payment intent is unique in the account, so the pair is too.
 */
export function stripeRefundKey(paymentIntentId: string, refundKey: string): string {
  return `${paymentIntentId}:${refundKey}`;
}

type Settled = 'succeeded' | 'failed' | 'pending' | 'skipped';

/** Never throws: the action that made the refund has already succeeded in our books. */
export async function settleStripeRefund(db: Db, refundId: number): Promise<Settled> {
  try {
    return await settle(db, refundId);
  } catch (error) {
    console.error(`stripe refund ${refundId} not settled, left pending for a retry:`, error);
    return 'pending';
  }
}

async function settle(db: Db, refundId: number): Promise<Settled> {
  const [row] = await db
    .select({ status: refunds.status, amountFen: refunds.amountFen, key: refunds.idempotencyKey, paymentIntent: checkouts.stripePaymentIntentId })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
    .where(eq(refunds.id, refundId));
  if (!row || row.status !== 'pending') return 'skipped';
  if (!stripeEnabled() || !row.paymentIntent) {
    console.error(`stripe refund ${refundId}: ${row.paymentIntent ? 'Stripe is not configured' : 'no payment intent on the checkout'}; left pending`);
    return 'pending';
  }
  try {
    const refund = await stripeClient().refunds.create(
      { payment_intent: row.paymentIntent, amount: Number(row.amountFen), metadata: { refundId: String(refundId) } },
      { idempotencyKey: stripeRefundKey(row.paymentIntent, row.key) },
    );
    // Alipay and WeChat Pay refunds may stay `pending` at Stripe for a while; Stripe has
    // accepted them, and a later failure comes as a refund.failed event.
    const status = refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'succeeded';
    await db
      .update(refunds)
      .set({ status, stripeRefundId: refund.id })
      .where(and(eq(refunds.id, refundId), eq(refunds.status, 'pending')));
    return status;
  } catch (error) {
    if (!isStripeRefusal(error)) throw error;
    console.error(`stripe refund ${refundId} refused: ${error.type} ${error.code ?? ''} ${error.message}`);
    await db.update(refunds).set({ status: 'failed' }).where(and(eq(refunds.id, refundId), eq(refunds.status, 'pending')));
    return 'failed';
  }
}

/** Refunds still pending some minutes after their commit (Stripe was down, the process died): send them again. */
export async function retryPendingStripeRefunds(db: Db, now: Date, olderThanMinutes = 5, limit = 50): Promise<number> {
  const due = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(and(eq(refunds.status, 'pending'), lt(refunds.createdAt, new Date(now.getTime() - olderThanMinutes * 60_000))))
    .orderBy(refunds.id)
    .limit(limit);
  let settled = 0;
  for (const { id } of due) if ((await settleStripeRefund(db, id)) !== 'pending') settled++;
  return settled;
}

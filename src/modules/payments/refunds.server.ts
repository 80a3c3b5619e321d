// Refunds: the row that records money owed back to a buyer, and sending it to
// Stripe. A refund row is made inside the transaction that changes the order (the
// refund workflow); Stripe is called after the commit, with the refund's
// idempotency key, so a retry never refunds twice.
// settle — who: the system, after that commit (or the retry job). From: pending.
// To: succeeded (Stripe took it) or failed (Stripe refused it); an outage or a
// config error leaves it pending. The books are already right; this moves money.
import { and, eq, lt } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../../db/client.ts';
import { refunds } from '../../../db/schema/payments.ts';
import { isStripeRefusal, stripeClient, stripeEnabled } from './client.server.ts';
import { log } from '../../lib/log.ts';

export interface NewRefund {
  orderId: number;
  claimId: number | null;
  amountFen: bigint;
  reason: string;
  /** Stripe refunds wait to be sent; offline ones (transfer, cash) the village pays back itself. */
  viaStripe: boolean;
  // One key per business event (claim-12, cancel-34): the same event never refunds twice.
  idempotencyKey: string;
  createdBy: number | null;
  createdAt: Date;
}

/** The refund made for a business event, if there is one already. */
export async function refundByKey(tx: DbOrTx, idempotencyKey: string): Promise<{ id: number } | null> {
  const [row] = await tx.select({ id: refunds.id }).from(refunds).where(eq(refunds.idempotencyKey, idempotencyKey));
  return row ?? null;
}

export async function createRefund(tx: Tx, refund: NewRefund): Promise<number> {
  const { viaStripe, ...values } = refund;
  const [row] = await tx
    .insert(refunds)
    .values({ ...values, status: viaStripe ? 'pending' : 'offline' })
    .returning({ id: refunds.id });
  return row.id;
}

/** The order a refund pays back. */
export async function refundOrderId(db: DbOrTx, refundId: number): Promise<number | null> {
  const [row] = await db.select({ orderId: refunds.orderId }).from(refunds).where(eq(refunds.id, refundId));
  return row?.orderId ?? null;
}

/**
 * Stripe keys are per account and kept 24 hours, and every laptop and CI run
 * shares the test account: `cancel-12` alone would collide across databases.
 * The payment intent is unique in the account, so the pair is too.
 */
export function stripeRefundKey(paymentIntentId: string, refundKey: string): string {
  return `${paymentIntentId}:${refundKey}`;
}

export type Settled = 'succeeded' | 'failed' | 'pending' | 'skipped';

/** Sends a pending refund to Stripe against the payment it refunds. Never throws: the books already hold the refund. */
export async function settleStripeRefund(db: Db, refundId: number, paymentIntentId: string | null): Promise<Settled> {
  try {
    return await settle(db, refundId, paymentIntentId);
  } catch (error) {
    log.error({ err: error }, `stripe refund ${refundId} not settled, left pending for a retry`);
    return 'pending';
  }
}

async function settle(db: Db, refundId: number, paymentIntent: string | null): Promise<Settled> {
  const [row] = await db.select({ status: refunds.status, amountFen: refunds.amountFen, key: refunds.idempotencyKey }).from(refunds).where(eq(refunds.id, refundId));
  if (row?.status !== 'pending') return 'skipped';
  if (!stripeEnabled() || !paymentIntent) {
    log.error(`stripe refund ${refundId}: ${paymentIntent ? 'Stripe is not configured' : 'no payment intent on the checkout'}; left pending`);
    return 'pending';
  }
  try {
    const refund = await stripeClient().refunds.create(
      { payment_intent: paymentIntent, amount: Number(row.amountFen), metadata: { refundId: String(refundId) } },
      { idempotencyKey: stripeRefundKey(paymentIntent, row.key) },
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
    log.error(`stripe refund ${refundId} refused: ${error.type} ${error.code ?? ''} ${error.message}`);
    await db
      .update(refunds)
      .set({ status: 'failed' })
      .where(and(eq(refunds.id, refundId), eq(refunds.status, 'pending')));
    return 'failed';
  }
}

/** Refunds still pending some minutes after their commit (Stripe was down, the process died): to be sent again. */
export async function pendingStripeRefunds(db: Db, now: Date, olderThanMinutes = 5, limit = 50): Promise<{ id: number; orderId: number }[]> {
  return db
    .select({ id: refunds.id, orderId: refunds.orderId })
    .from(refunds)
    .where(and(eq(refunds.status, 'pending'), lt(refunds.createdAt, new Date(now.getTime() - olderThanMinutes * 60_000))))
    .orderBy(refunds.id)
    .limit(limit);
}

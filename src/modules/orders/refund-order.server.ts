// Money back to a buyer, inside the transaction that changes the order: the
// refund row, the order's refunded total and the negative ledger entries commit
// together. Stripe is called after the commit (settleStripeRefund), with the
// refund's idempotency key, so a retry never refunds twice.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { checkouts, orders, refunds } from '../../../db/schema/index.ts';
import { refuse } from '../../lib/errors.ts';
import { writeRefundEntries } from '../ledger/ledger.server.ts';
import { goodsPartOfRefund } from './orders.ts';
import type { ActorRef } from './transition.server.ts';

export interface RefundRequest {
  orderId: number;
  amountFen: bigint;
  reason: string;
  // One key per business event (claim-12, cancel-34): the same event never refunds twice.
  idempotencyKey: string;
  claimId?: number | null;
  // False when the order was never paid in our books (Stripe money that arrived after cancelling).
  countsInLedger?: boolean;
}

export interface RefundRecord {
  id: number;
  viaStripe: boolean;
}

export async function refundInTx(tx: Tx, req: RefundRequest, by: ActorRef, now: Date): Promise<RefundRecord | null> {
  const [existing] = await tx.select({ id: refunds.id }).from(refunds).where(eq(refunds.idempotencyKey, req.idempotencyKey));
  if (existing) return null;
  const [order] = await tx
    .select({ goodsFen: orders.goodsFen, totalFen: orders.totalFen, refundedFen: orders.refundedFen, method: checkouts.paymentMethod })
    .from(orders)
    .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
    .where(eq(orders.id, req.orderId));
  if (!order) throw refuse.notFound();
  const countsInLedger = req.countsInLedger ?? true;
  if (req.amountFen <= 0n || (countsInLedger && req.amountFen > order.totalFen - order.refundedFen)) throw refuse.invalid('refund_amount_invalid', 'amount');
  const viaStripe = order.method === 'stripe';
  const [refund] = await tx
    .insert(refunds)
    .values({
      orderId: req.orderId,
      claimId: req.claimId ?? null,
      amountFen: req.amountFen,
      reason: req.reason,
      status: viaStripe ? 'pending' : 'offline',
      idempotencyKey: req.idempotencyKey,
      createdBy: by.userId,
      createdAt: now,
    })
    .returning({ id: refunds.id });
  if (countsInLedger) {
    await writeRefundEntries(tx, req.orderId, refund.id, goodsPartOfRefund(order.goodsFen, order.refundedFen, req.amountFen), now);
    await tx.update(orders).set({ refundedFen: sql`${orders.refundedFen} + ${req.amountFen}::bigint` }).where(eq(orders.id, req.orderId));
  }
  return { id: refund.id, viaStripe };
}

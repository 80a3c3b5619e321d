// Money back to a buyer — orders, payments and the ledger together.
// refundInTx — inside the transaction that changes the order (a cancellation, an
//   approved claim, money that arrived for a cancelled order): the refund row,
//   the order's refunded total and the negative ledger entries commit together.
//   One idempotency key per business event (claim-12, cancel-34): never twice.
// settleRefund — after that commit: Stripe is asked to pay it back (offline
//   refunds are paid back by the village itself). The retry job sends again what
//   could not reach Stripe.
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../lib/actor.ts';
import { refuse } from '../lib/errors.ts';
import * as ledger from '../modules/ledger/ledger.server.ts';
import { refundEntries } from '../modules/orders/ledger-entries.server.ts';
import { paymentIntentOfOrder } from '../modules/orders/online-payment.server.ts';
import { goodsPartOfRefund } from '../modules/orders/orders.ts';
import { addRefunded, refundableOrder } from '../modules/orders/refunded.server.ts';
import { createRefund, pendingStripeRefunds, refundByKey, refundOrderId, settleStripeRefund, type Settled } from '../modules/payments/refunds.server.ts';

export interface RefundRequest {
  orderId: number;
  amountFen: bigint;
  reason: string;
  idempotencyKey: string;
  claimId?: number | null;
  // False when the order was never paid in our books (Stripe money that arrived after cancelling).
  countsInLedger?: boolean;
}

export interface RefundRecord {
  id: number;
  viaStripe: boolean;
}

/** Null when this business event was refunded before. */
export async function refundInTx(tx: Tx, req: RefundRequest, by: Actor, now: Date): Promise<RefundRecord | null> {
  if (await refundByKey(tx, req.idempotencyKey)) return null;
  const order = await refundableOrder(tx, req.orderId);
  const countsInLedger = req.countsInLedger ?? true;
  // Nothing was paid (cash on delivery not confirmed): nothing to give back, and no sale in the ledger to reverse.
  if (countsInLedger && order.paidAt === null) throw refuse.conflict('refund_not_paid');
  if (req.amountFen <= 0n || (countsInLedger && req.amountFen > order.totalFen - order.refundedFen)) throw refuse.invalid('refund_amount_invalid', 'amount');
  const viaStripe = order.method === 'stripe';
  const id = await createRefund(tx, {
    orderId: req.orderId,
    claimId: req.claimId ?? null,
    amountFen: req.amountFen,
    reason: req.reason,
    viaStripe,
    idempotencyKey: req.idempotencyKey,
    createdBy: by.userId,
    createdAt: now,
  });
  if (countsInLedger) {
    await ledger.append(tx, await refundEntries(tx, req.orderId, id, goodsPartOfRefund(order.goodsFen, order.refundedFen, req.amountFen), now));
    await addRefunded(tx, req.orderId, req.amountFen);
  }
  return { id, viaStripe };
}

/** After the commit: a Stripe refund is sent to Stripe. Never throws (the books already hold it). */
export async function settleRefund(db: Db, refund: RefundRecord | null): Promise<Settled | null> {
  if (!refund?.viaStripe) return null;
  return settleRefundById(db, refund.id);
}

export async function settleRefundById(db: Db, refundId: number): Promise<Settled> {
  const orderId = await refundOrderId(db, refundId);
  return settleStripeRefund(db, refundId, orderId === null ? null : await paymentIntentOfOrder(db, orderId));
}

/** The retry job: refunds still pending some minutes after their commit (Stripe was down, the process died). */
export async function retryPendingRefunds(db: Db, now: Date): Promise<number> {
  let settled = 0;
  for (const { id, orderId } of await pendingStripeRefunds(db, now)) {
    if ((await settleStripeRefund(db, id, await paymentIntentOfOrder(db, orderId))) !== 'pending') settled++;
  }
  return settled;
}

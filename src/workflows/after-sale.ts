// A village decides an after-sale claim (the edge has checked it manages the
// order's village): approved, the order is refunded (all or part) in the same
// transaction as the decision; then Stripe is asked, and the buyer gets mail.
import type { Db } from '../../db/client.ts';
import { decideClaim as decide, type ClaimDecision } from '../modules/orders/claims.server.ts';
import { notifyOrder } from '../modules/orders/notify.server.ts';
import type { OrderActor } from '../modules/orders/orders.ts';
import { refundInTx, settleRefund } from './refunds.ts';

export async function decideClaim(db: Db, by: OrderActor, claimId: number, decision: ClaimDecision, now = new Date()) {
  const { orderId, refund } = await db.transaction(async (tx) => {
    const decided = await decide(tx, by, claimId, decision, now);
    return { orderId: decided.orderId, refund: decided.refund ? await refundInTx(tx, { orderId: decided.orderId, ...decided.refund }, by, now) : null };
  });
  await settleRefund(db, refund);
  await notifyOrder(db, orderId, decision.approve ? 'refund_approved' : 'refund_rejected', {
    amountFen: decision.approve ? decision.amountFen : undefined,
    note: decision.note,
  });
  return { decided: true };
}

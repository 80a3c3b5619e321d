// Cancelling an order, by the buyer, the village or an admin (the edge has
// checked who): the order is cancelled and its stock goes back on sale, and a
// paid order's money is refunded — in one transaction; Stripe is asked after it.
import type { Db } from '../../db/client.ts';
import { cancelOrder as cancel } from '../modules/orders/cancel-order.server.ts';
import type { OrderActor } from '../modules/orders/orders.ts';
import { refundInTx, settleRefund } from './refunds.ts';

export async function cancelOrder(db: Db, by: OrderActor, orderId: number, reason: string, now = new Date()) {
  const refund = await db.transaction(async (tx) => {
    const { refundDueFen } = await cancel(tx, by, orderId, reason);
    if (refundDueFen <= 0n) return null;
    return refundInTx(tx, { orderId, amountFen: refundDueFen, reason: `取消订单：${reason}`, idempotencyKey: `cancel-${orderId}` }, by, now);
  });
  await settleRefund(db, refund);
  return { cancelled: true, refund };
}

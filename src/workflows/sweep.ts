// The periodic work that spans domains, one pass: unpaid reservations that ran
// out go back on sale, delivered orders past the 48-hour claim window complete,
// Stripe refunds that could not be sent are sent again, group orders past their
// closing time are closed, and contract deliveries coming up within a week get
// their stock held. Each step claims its rows so instances never collide.
import type { Db } from '../../db/client.ts';
import { completeDelivered, expireReservations } from '../modules/orders/cancel-order.server.ts';
import { closeDueGroupOrders } from '../modules/procurement/close-group-order.server.ts';
import { reserveUpcoming } from '../modules/procurement/contract.server.ts';
import { retryPendingRefunds } from './refunds.ts';

export async function sweepOnce(db: Db, now = new Date()) {
  return {
    expired: await expireReservations(db, now),
    completed: await completeDelivered(db, now),
    refundsRetried: await retryPendingRefunds(db, now),
    groupOrdersClosed: await closeDueGroupOrders(db, now),
    deliveriesReserved: await reserveUpcoming(db, now),
  };
}

// Every sweep once, in order, at one moment: for tests that move the clock. The
// server runs each sweep as its own scheduled job instead (src/workflows/jobs.ts).
import type { Db } from '../../../db/client.ts';
import { retryPendingStripeRefunds } from '../payments/settle-refund.server.ts';
import { reserveUpcoming } from '../procurement/contract.server.ts';
import { closeDueGroupOrders } from '../procurement/close-group-order.server.ts';
import { completeDelivered, expireReservations } from './cancel-order.server.ts';

export async function sweepOnce(db: Db, now = new Date()) {
  return {
    expired: await expireReservations(db, now),
    completed: await completeDelivered(db, now),
    refundsRetried: await retryPendingStripeRefunds(db, now),
    groupOrdersClosed: await closeDueGroupOrders(db, now),
    deliveriesReserved: await reserveUpcoming(db, now),
  };
}

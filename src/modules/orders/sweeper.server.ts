// The order sweep, on every server instance: unpaid reservations that ran out go
// back on sale, delivered orders past the 48-hour claim window complete, and
// Stripe refunds that could not be sent are sent again, contract deliveries
// coming up within a week get their stock held, and group orders past their
// closing time are closed.
// Instances never collide (rows are claimed with SKIP LOCKED), so there is no
// leader to elect and nothing to configure; it starts with the first request.
import type { Db } from '../../../db/client.ts';
import { retryPendingStripeRefunds } from '../payments/settle-refund.server.ts';
import { reserveUpcoming } from '../procurement/contract.server.ts';
import { closeDueGroupOrders } from '../procurement/close-group-order.server.ts';
import { completeDelivered, expireReservations } from './cancel-order.server.ts';

const EVERY_MS = 60_000;
const state = globalThis as typeof globalThis & { __bangfuSweeper?: ReturnType<typeof setInterval> };

export async function sweepOnce(db: Db, now = new Date()) {
  return {
    expired: await expireReservations(db, now),
    completed: await completeDelivered(db, now),
    // Stripe refunds that could not reach Stripe (network, outage) are tried again.
    refundsRetried: await retryPendingStripeRefunds(db, now),
    // 团购接龙 past their closing time become one contract each (or cancelled when empty); exactly once across instances.
    groupOrdersClosed: await closeDueGroupOrders(db, now),
    deliveriesReserved: await reserveUpcoming(db, now),
  };
}

export function startSweeper(getDb: () => Promise<Db>) {
  if (state.__bangfuSweeper) return;
  const run = async () => {
    try {
      await sweepOnce(await getDb());
    } catch (error) {
      console.error('order sweep failed (retrying in a minute):', error);
    }
  };
  state.__bangfuSweeper = setInterval(run, EVERY_MS);
  state.__bangfuSweeper.unref();
  setTimeout(run, 1_000).unref();
}

// Cancelling, expiring and completing orders.
// cancel — who: the buyer, the village or an admin (checked at the edge), before
//   the parcel ships. From: pending_payment (stock goes back on sale) or paid
//   (stock back on sale, and the whole amount is owed back: the cancel-order
//   workflow refunds it in the same transaction).
// expire — who: the system (the reservation ran out) or Stripe (session expired,
//   payment failed). From: pending_payment.
// complete — who: the system, 48 hours after delivery with no open claim.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../../db/client.ts';
import { checkouts, orders } from '../../../db/schema/orders.ts';
import { STRIPE, SYSTEM } from '../../lib/actor.ts';
import { DomainError, refuse } from '../../lib/errors.ts';
import * as stock from '../stock/stock.server.ts';
import { stockLines } from './order-stock.server.ts';
import type { OrderActor } from './orders.ts';
import { transition } from './transition.server.ts';

/** What a cancellation leaves owed to the buyer: nothing, or the rest of what they paid. */
export interface Cancelled {
  refundDueFen: bigint;
}

export async function cancelOrder(tx: Tx, by: OrderActor, orderId: number, reason: string): Promise<Cancelled> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) throw refuse.notFound();
  if (order.status !== 'pending_payment' && order.status !== 'paid') throw refuse.conflict('cannot_cancel');
  await transition(tx, orderId, 'cancel', by, { set: { cancelReason: reason, reservedUntil: null }, note: reason });
  const lines = await stockLines(tx, orderId);
  if (order.stockCommittedAt) await stock.returnSold(tx, lines);
  else await stock.release(tx, lines);
  return { refundDueFen: order.paidAt !== null ? order.totalFen - order.refundedFen : 0n };
}

/** Unpaid orders whose reservation ran out, or whose payment failed / session expired at Stripe. */
async function expireOne(db: DbOrTx, orderId: number, by: OrderActor, note: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    // SKIP LOCKED: another instance sweeping at the same moment takes other rows.
    const [row] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.status, 'pending_payment')))
      .for('update', { skipLocked: true });
    if (!row) return false;
    await transition(tx, orderId, 'expire', by, { set: { cancelReason: note, reservedUntil: null }, note });
    await stock.release(tx, await stockLines(tx, orderId));
    return true;
  });
}

/** Stripe grace: its own session expiry (the same length) should normally arrive first. */
const STRIPE_GRACE_MS = 10 * 60_000;

/**
 * The reservation sweep (the orders.expire-reservations job, each minute); rows
 * are claimed with SKIP LOCKED, so a run never fights a person or another run over one order.
 */
export async function expireReservations(db: Db, now: Date, limit = 200): Promise<number> {
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
    .where(
      and(
        eq(orders.status, 'pending_payment'),
        sql`${orders.reservedUntil} < (${now.toISOString()}::timestamptz - case when ${checkouts.paymentMethod} = 'stripe' then ${STRIPE_GRACE_MS / 1000} * interval '1 second' else interval '0' end)`,
      ),
    )
    .orderBy(orders.reservedUntil)
    .limit(limit);
  let n = 0;
  for (const { id } of due) if (await expireOne(db, id, SYSTEM, '超时未付款，库存已释放')) n++;
  return n;
}

/** Stripe reports the session expired or the payment failed: every unpaid order of the checkout is released. */
export async function expireCheckout(db: DbOrTx, checkoutId: number, note: string): Promise<number> {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.checkoutId, checkoutId), eq(orders.status, 'pending_payment')));
  let n = 0;
  for (const { id } of rows) if (await expireOne(db, id, STRIPE, note)) n++;
  return n;
}

/** Delivered more than 48 hours ago with no open claim: the order is complete. */
export async function completeDelivered(db: Db, now: Date): Promise<number> {
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, 'delivered'), lt(orders.deliveredAt, new Date(now.getTime() - 48 * 3600_000))))
    .limit(200);
  let n = 0;
  for (const { id } of due) {
    try {
      await db.transaction((tx) => transition(tx, id, 'complete', SYSTEM, { note: '签收满48小时，订单完成' }));
      n++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error; // moved meanwhile (a claim): fine
    }
  }
  return n;
}

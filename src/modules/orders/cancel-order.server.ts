// Cancelling. Who: the buyer, the village or an admin, before the parcel ships;
// the system or Stripe when an unpaid reservation runs out or payment fails.
// From: pending_payment (stock goes back on sale) or paid (stock back on sale,
// and the whole amount refunded with a negative ledger entry).
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { checkouts, orders } from '../../../db/schema/index.ts';
import { DomainError, refuse } from '../../lib/errors.ts';
import { refundInTx, type RefundRecord } from './refund-order.server.ts';
import { releaseReservation, returnSold } from './stock.server.ts';
import { transition, type ActorRef } from './transition.server.ts';

export interface CancelResult {
  refund: RefundRecord | null;
}

export async function cancelOrder(db: Db, by: ActorRef, orderId: number, reason: string, now: Date): Promise<CancelResult> {
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) throw refuse.notFound();
    if (order.status !== 'pending_payment' && order.status !== 'paid') throw refuse.conflict('cannot_cancel');
    const wasPaid = order.paidAt !== null;
    await transition(tx, orderId, 'cancel', by, { set: { cancelReason: reason, reservedUntil: null }, note: reason });
    if (order.stockCommittedAt) await returnSold(tx, orderId);
    else await releaseReservation(tx, orderId);
    const refund = wasPaid
      ? await refundInTx(tx, { orderId, amountFen: order.totalFen - order.refundedFen, reason: `取消订单：${reason}`, idempotencyKey: `cancel-${orderId}` }, by, now)
      : null;
    return { refund };
  });
}

/** Unpaid orders whose reservation ran out, or whose payment failed / session expired at Stripe. */
async function expireOne(db: Db, orderId: number, by: ActorRef, note: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    // SKIP LOCKED: another instance sweeping at the same moment takes other rows.
    const [row] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.status, 'pending_payment')))
      .for('update', { skipLocked: true });
    if (!row) return false;
    await transition(tx, orderId, 'expire', by, { set: { cancelReason: note, reservedUntil: null }, note });
    await releaseReservation(tx, orderId);
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
  for (const { id } of due) if (await expireOne(db, id, { actor: 'system', userId: null }, '超时未付款，库存已释放')) n++;
  return n;
}

/** Stripe reports the session expired or the payment failed: every unpaid order of the checkout is released. */
export async function expireCheckout(db: Db, checkoutId: number, note: string): Promise<number> {
  const rows = await db.select({ id: orders.id }).from(orders).where(and(eq(orders.checkoutId, checkoutId), eq(orders.status, 'pending_payment')));
  let n = 0;
  for (const { id } of rows) if (await expireOne(db, id, { actor: 'stripe', userId: null }, note)) n++;
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
      await db.transaction(async (tx) => {
        await transition(tx, id, 'complete', { actor: 'system', userId: null }, { note: '签收满48小时，订单完成' });
      });
      n++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error; // moved meanwhile (a claim): fine
    }
  }
  return n;
}

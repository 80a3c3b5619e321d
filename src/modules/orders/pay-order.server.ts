// Payment makes a sale firm: the order becomes paid, its reserved stock becomes
// sold, and its lines enter the assistance ledger — all in one transaction.
// Who: the village (offline payment received), Stripe (through fulfilCheckout).
// From: pending_payment; for cash on delivery also shipped/delivered while unpaid.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { checkouts, orders } from '../../../db/schema/index.ts';
import { refuse } from '../../lib/errors.ts';
import { writeSaleEntries } from '../ledger/ledger.server.ts';
import { commitStock } from './stock.server.ts';
import { recordEvent, transition, type ActorRef } from './transition.server.ts';

/** Inside a transaction: pending_payment → paid, stock committed, ledger written. */
async function markPaid(tx: Tx, orderId: number, by: ActorRef, at: Date, set: { payerReference?: string | null }, note: string) {
  await transition(tx, orderId, 'pay', by, { set: { paidAt: at, reservedUntil: null, ...set }, note });
  await commitStock(tx, orderId, at);
  await writeSaleEntries(tx, orderId, at);
}

/**
 * The village confirms money received for an offline order: a bank transfer
 * (with the payer's reference) or cash on delivery. Cash on delivery is usually
 * confirmed after shipping: then the state stays and the timeline records the money.
 */
export async function confirmOfflinePayment(db: Db, by: ActorRef, orderId: number, reference: string, now: Date): Promise<'paid' | 'cod_settled'> {
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({ status: orders.status, paidAt: orders.paidAt, method: checkouts.paymentMethod })
      .from(orders)
      .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
      .where(eq(orders.id, orderId))
      .for('update', { of: orders });
    if (!order) throw refuse.notFound();
    if (order.method === 'stripe') throw refuse.conflict('not_offline_payment');
    if (order.paidAt !== null) throw refuse.conflict('already_paid');
    const note = reference ? `付款参考：${reference}` : '';
    if (order.status === 'pending_payment') {
      await markPaid(tx, orderId, by, now, { payerReference: reference || null }, note);
      return 'paid' as const;
    }
    if (order.method === 'cash_on_delivery' && (order.status === 'shipped' || order.status === 'delivered' || order.status === 'completed')) {
      const [row] = await tx
        .update(orders)
        .set({ paidAt: now, payerReference: reference || null, updatedAt: now })
        .where(and(eq(orders.id, orderId), sql`${orders.paidAt} IS NULL`))
        .returning({ id: orders.id });
      if (!row) throw refuse.conflict('already_paid');
      await commitStock(tx, orderId, now);
      await writeSaleEntries(tx, orderId, now);
      await recordEvent(tx, orderId, order.status, by, note ? `货到付款已收款；${note}` : '货到付款已收款');
      return 'cod_settled' as const;
    }
    throw refuse.conflict('order_state_changed');
  });
}

/**
 * Stripe says the checkout is paid (webhook or success page, whichever comes
 * first). Idempotent: orders already paid are left alone, so replays change nothing.
 * Returns the orders this call moved to paid, and those that had already been
 * cancelled (the buyer cancelled, or the reservation ran out) — money taken for
 * those must go back, which the caller does through a refund.
 */
export async function fulfilCheckout(db: Db, checkoutId: number, now: Date): Promise<{ paid: number[]; cancelled: number[] }> {
  return db.transaction(async (tx) => {
    const rows = await tx.select({ id: orders.id, status: orders.status, paidAt: orders.paidAt }).from(orders).where(eq(orders.checkoutId, checkoutId)).orderBy(orders.id).for('update');
    const paid: number[] = [];
    const cancelled: number[] = [];
    for (const o of rows) {
      // Paid, then cancelled: cancelOrder has refunded it already.
      if (o.status === 'cancelled' && o.paidAt === null) cancelled.push(o.id);
      if (o.status !== 'pending_payment') continue;
      await markPaid(tx, o.id, { actor: 'stripe', userId: null }, now, {}, 'Stripe 付款成功');
      paid.push(o.id);
    }
    return { paid, cancelled };
  });
}

// Payment makes a sale firm: the order becomes paid, its reserved stock becomes
// sold, and its lines enter the assistance ledger — all in one transaction.
// Who: the village or an admin (offline money received, checked at the edge),
// Stripe (through the payment-confirmed workflow).
// From: pending_payment; for cash on delivery also shipped/delivered while unpaid.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { checkouts, orders } from '../../../db/schema/orders.ts';
import { STRIPE } from '../../lib/actor.ts';
import { refuse } from '../../lib/errors.ts';
import * as ledger from '../ledger/ledger.server.ts';
import { saleEntries } from './ledger-entries.server.ts';
import { commitOrderStock } from './order-stock.server.ts';
import type { OrderActor } from './orders.ts';
import { recordEvent, transition } from './transition.server.ts';

/** Inside a transaction: pending_payment → paid, stock committed, ledger written. */
async function markPaid(tx: Tx, orderId: number, by: OrderActor, at: Date, set: { payerReference?: string | null }, note: string) {
  await transition(tx, orderId, 'pay', by, { set: { paidAt: at, reservedUntil: null, ...set }, note });
  await commitOrderStock(tx, orderId, at);
  await ledger.append(tx, await saleEntries(tx, orderId, at));
}

/**
 * The village confirms money received for an offline order: a bank transfer
 * (with the payer's reference) or cash on delivery. Cash on delivery is usually
 * confirmed after shipping: then the state stays and the timeline records the money.
 */
export async function confirmOfflinePayment(db: Db, by: OrderActor, orderId: number, reference: string, now: Date): Promise<'paid' | 'cod_settled'> {
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
      await commitOrderStock(tx, orderId, now);
      await ledger.append(tx, await saleEntries(tx, orderId, now));
      await recordEvent(tx, orderId, order.status, by, note ? `货到付款已收款；${note}` : '货到付款已收款');
      return 'cod_settled' as const;
    }
    throw refuse.conflict('order_state_changed');
  });
}

/**
 * Stripe says the checkout is paid (webhook or success page, whichever comes
 * first), inside the caller's transaction. Idempotent: orders already paid are
 * left alone, so replays change nothing. Returns the orders this call moved to
 * paid, and those that had already been cancelled (the buyer cancelled, or the
 * reservation ran out) — money taken for those must go back by refund.
 */
export async function fulfilCheckout(tx: Tx, checkoutId: number, now: Date): Promise<{ paid: number[]; cancelled: number[] }> {
  const rows = await tx
    .select({ id: orders.id, status: orders.status, paidAt: orders.paidAt })
    .from(orders)
    .where(eq(orders.checkoutId, checkoutId))
    .orderBy(orders.id)
    .for('update');
  const paid: number[] = [];
  const cancelled: number[] = [];
  for (const o of rows) {
    // Paid, then cancelled: the cancellation has refunded it already.
    if (o.status === 'cancelled' && o.paidAt === null) cancelled.push(o.id);
    if (o.status !== 'pending_payment') continue;
    await markPaid(tx, o.id, STRIPE, now, {}, 'Stripe 付款成功');
    paid.push(o.id);
  }
  return { paid, cancelled };
}

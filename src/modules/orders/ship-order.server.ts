// Shipping and delivery.
// ship — who: the village (or an admin); from: paid, or pending_payment for cash
//   on delivery (the courier collects the money); records courier + tracking no.
// deliver — who: the buyer (确认收货), the village or an admin; from: shipped.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { checkouts, orders } from '../../../db/schema/orders.ts';
import { refuse } from '../../lib/errors.ts';
import { commitOrderStock } from './order-stock.server.ts';
import type { OrderActor } from './orders.ts';
import { transition } from './transition.server.ts';

export async function shipOrder(db: Db, by: OrderActor, orderId: number, courier: string, trackingNo: string, now: Date) {
  await db.transaction(async (tx) => {
    const [order] = await tx
      .select({ status: orders.status, method: checkouts.paymentMethod })
      .from(orders)
      .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
      .where(eq(orders.id, orderId));
    if (!order) throw refuse.notFound();
    if (order.status === 'pending_payment' && order.method !== 'cash_on_delivery') throw refuse.conflict('not_paid_yet');
    await transition(tx, orderId, 'ship', by, {
      from: order.method === 'cash_on_delivery' ? ['paid', 'pending_payment'] : ['paid'],
      set: { courier, trackingNo, shippedAt: now, reservedUntil: null },
      note: `${courier} ${trackingNo}`,
    });
    // Cash on delivery: the goods have left, so the reservation is spent even before the money comes.
    if (order.method === 'cash_on_delivery') await commitOrderStock(tx, orderId, now);
  });
}

export async function markDelivered(db: Db, by: OrderActor, orderId: number, now: Date) {
  await db.transaction((tx) => transition(tx, orderId, 'deliver', by, { set: { deliveredAt: now }, note: by.kind === 'buyer' ? '买家确认收货' : '快递显示已签收' }));
}

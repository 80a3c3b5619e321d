// Shipping and delivery.
// ship — who: the village (or an admin); from: paid, or pending_payment for cash
//   on delivery (the courier collects the money); records courier + tracking no.
// deliver — who: the buyer (确认收货), the village or an admin; from: shipped.
import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import type { Db } from '../../../db/client.ts';
import { checkouts, orderLines, orders } from '../../../db/schema/orders.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { presaleBlocks } from '../catalog/presale.server.ts';
import { refuse } from '../../lib/errors.ts';
import { commitOrderStock } from './order-stock.server.ts';
import type { OrderActor } from './orders.ts';
import { transition } from './transition.server.ts';

/** A pre-sale line ships from its date: neither shipped nor delivered before it (Asia/Shanghai). */
async function refuseEarlyPresale(tx: Tx, orderId: number, now: Date) {
  const lines = await tx.select({ variantId: orderLines.variantId }).from(orderLines).where(eq(orderLines.orderId, orderId));
  if (
    await presaleBlocks(
      tx,
      lines.map((l) => l.variantId).filter((v): v is number => v !== null),
      shanghaiDate(now),
    )
  )
    throw refuse.conflict('presale_not_ready');
}

export async function shipOrder(db: Db, by: OrderActor, orderId: number, courier: string, trackingNo: string, now: Date) {
  await db.transaction(async (tx) => {
    const [order] = await tx
      .select({ status: orders.status, method: checkouts.paymentMethod })
      .from(orders)
      .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
      .where(eq(orders.id, orderId));
    if (!order) throw refuse.notFound();
    if (order.status === 'pending_payment' && order.method !== 'cash_on_delivery') throw refuse.conflict('not_paid_yet');
    await refuseEarlyPresale(tx, orderId, now);
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
  await db.transaction(async (tx) => {
    await refuseEarlyPresale(tx, orderId, now);
    await transition(tx, orderId, 'deliver', by, { set: { deliveredAt: now }, note: by.kind === 'buyer' ? '买家确认收货' : '快递显示已签收' });
  });
}

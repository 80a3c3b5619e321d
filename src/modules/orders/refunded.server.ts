// An order's side of a refund (the refund workflow makes the refund row and the
// ledger entries): what can still be refunded, and the running refunded total.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { checkouts, orders } from '../../../db/schema/orders.ts';
import { refuse } from '../../lib/errors.ts';
import type { PaymentMethod } from './orders.ts';

export interface RefundableOrder {
  goodsFen: bigint;
  totalFen: bigint;
  refundedFen: bigint;
  method: PaymentMethod;
  /** Null while the money has not come (cash on delivery not yet confirmed). */
  paidAt: Date | null;
}

export async function refundableOrder(tx: Tx, orderId: number): Promise<RefundableOrder> {
  const [order] = await tx
    .select({ goodsFen: orders.goodsFen, totalFen: orders.totalFen, refundedFen: orders.refundedFen, method: checkouts.paymentMethod, paidAt: orders.paidAt })
    .from(orders)
    .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
    .where(eq(orders.id, orderId));
  if (!order) throw refuse.notFound();
  return order;
}

export async function addRefunded(tx: Tx, orderId: number, amountFen: bigint) {
  await tx
    .update(orders)
    .set({ refundedFen: sql`${orders.refundedFen} + ${amountFen}::bigint` })
    .where(eq(orders.id, orderId));
}

// A checkout's side of paying online: what the payment page charges, line by
// line, and the provider's session and payment ids kept on the checkout (the
// pay-online workflow asks the provider and records the answers here).
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../../db/client.ts';
import { villages } from '../../../db/schema/catalog.ts';
import { checkouts, orderLines, orders } from '../../../db/schema/orders.ts';
import { refuse } from '../../lib/errors.ts';
import type { PayOrder } from '../payments/payments.ts';

export type CheckoutRow = typeof checkouts.$inferSelect;

export async function checkoutById(db: DbOrTx, checkoutId: number): Promise<CheckoutRow> {
  const [checkout] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  if (!checkout) throw refuse.notFound();
  return checkout;
}

/** The orders of a checkout as the payment page lists them; refused unless every one can still be paid. */
export async function payOrders(db: Db, checkoutId: number, locale: 'zh' | 'en', now: Date): Promise<PayOrder[]> {
  const rows = await db
    .select({ order: orders, village: villages.name, villageEn: villages.nameEn })
    .from(orders)
    .innerJoin(villages, eq(villages.id, orders.villageId))
    .where(eq(orders.checkoutId, checkoutId))
    .orderBy(asc(orders.id));
  // Past its reservation the sweep is about to release the stock: no new payment page.
  const payable = (o: typeof orders.$inferSelect) => o.status === 'pending_payment' && (o.reservedUntil === null || o.reservedUntil > now);
  if (rows.length === 0 || !rows.every((r) => payable(r.order))) throw refuse.conflict('order_state_changed');
  const lines = await db
    .select({
      orderId: orderLines.orderId,
      name: orderLines.productName,
      nameEn: orderLines.productNameEn,
      variant: orderLines.variantName,
      variantEn: orderLines.variantNameEn,
      unitPriceFen: orderLines.unitPriceFen,
      quantity: orderLines.quantity,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(eq(orders.checkoutId, checkoutId))
    .orderBy(asc(orderLines.id));
  return rows.map(({ order, village, villageEn }) => ({
    number: order.number,
    village: locale === 'en' ? villageEn : village,
    goodsFen: order.goodsFen,
    shippingFen: order.shippingFen,
    lines: lines
      .filter((l) => l.orderId === order.id)
      .map((l) => ({ name: locale === 'en' ? `${l.nameEn} · ${l.variantEn}` : `${l.name} · ${l.variant}`, unitPriceFen: l.unitPriceFen, quantity: l.quantity })),
  }));
}

export async function attachStripeSession(db: Db, checkoutId: number, sessionId: string) {
  await db.update(checkouts).set({ stripeSessionId: sessionId }).where(eq(checkouts.id, checkoutId));
}

/** The checkout a Stripe session was made for — found by the id we stored, never by its metadata, which anyone with the key could set. */
export async function checkoutBySession(db: DbOrTx, sessionId: string): Promise<{ id: number; totalFen: bigint } | null> {
  const [checkout] = await db.select({ id: checkouts.id, totalFen: checkouts.totalFen }).from(checkouts).where(eq(checkouts.stripeSessionId, sessionId));
  return checkout ?? null;
}

/** The payment Stripe made: refunds are made against it, so it is saved before any refund can be settled. */
export async function recordPaymentIntent(tx: Tx, checkoutId: number, paymentIntentId: string) {
  await tx
    .update(checkouts)
    .set({ stripePaymentIntentId: paymentIntentId })
    .where(and(eq(checkouts.id, checkoutId), isNull(checkouts.stripePaymentIntentId)));
}

export async function paymentIntentOfOrder(db: DbOrTx, orderId: number): Promise<string | null> {
  const [row] = await db.select({ pi: checkouts.stripePaymentIntentId }).from(orders).innerJoin(checkouts, eq(checkouts.id, orders.checkoutId)).where(eq(orders.id, orderId));
  return row?.pi ?? null;
}

export async function orderTotal(tx: Tx, orderId: number): Promise<bigint> {
  const [order] = await tx.select({ totalFen: orders.totalFen }).from(orders).where(eq(orders.id, orderId));
  return order.totalFen;
}

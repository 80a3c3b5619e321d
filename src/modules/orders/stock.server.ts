// Stock moves between `stock` (can be bought), `reserved` (held for an unpaid
// order) and `sold` (paid). Each move is one UPDATE whose WHERE holds the
// condition, so two instances racing for the last units cannot both win, and
// stock + reserved + sold stays what the village has had.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { orderLines, orders, productVariants } from '../../../db/schema/index.ts';

/** Holds `quantity` for an order; null when there is not enough. Returns the price the buyer pays. */
export async function reserve(tx: Tx, variantId: number, quantity: number): Promise<{ priceFen: number } | null> {
  const [row] = await tx
    .update(productVariants)
    .set({ stock: sql`${productVariants.stock} - ${quantity}::int`, reserved: sql`${productVariants.reserved} + ${quantity}::int` })
    .where(and(eq(productVariants.id, variantId), gte(productVariants.stock, quantity)))
    .returning({ priceFen: productVariants.priceFen });
  return row ?? null;
}

async function linesOf(tx: Tx, orderId: number) {
  return tx.select({ variantId: orderLines.variantId, quantity: orderLines.quantity }).from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.variantId);
}

/** Unpaid order cancelled or expired: its reservation goes back on sale. */
export async function releaseReservation(tx: Tx, orderId: number) {
  for (const l of await linesOf(tx, orderId)) {
    await tx
      .update(productVariants)
      .set({ stock: sql`${productVariants.stock} + ${l.quantity}::int`, reserved: sql`${productVariants.reserved} - ${l.quantity}::int` })
      .where(eq(productVariants.id, l.variantId));
  }
}

/** Paid (or shipped cash on delivery): reserved becomes sold. Once per order. */
export async function commitStock(tx: Tx, orderId: number, at: Date): Promise<boolean> {
  const [marked] = await tx
    .update(orders)
    .set({ stockCommittedAt: at })
    .where(and(eq(orders.id, orderId), sql`${orders.stockCommittedAt} IS NULL`))
    .returning({ id: orders.id });
  if (!marked) return false;
  for (const l of await linesOf(tx, orderId)) {
    await tx
      .update(productVariants)
      .set({ reserved: sql`${productVariants.reserved} - ${l.quantity}::int`, sold: sql`${productVariants.sold} + ${l.quantity}::int` })
      .where(eq(productVariants.id, l.variantId));
  }
  return true;
}

/** A paid order cancelled before it shipped: the goods never left, so they are on sale again. */
export async function returnSold(tx: Tx, orderId: number) {
  for (const l of await linesOf(tx, orderId)) {
    await tx
      .update(productVariants)
      .set({ stock: sql`${productVariants.stock} + ${l.quantity}::int`, sold: sql`${productVariants.sold} - ${l.quantity}::int` })
      .where(eq(productVariants.id, l.variantId));
  }
}

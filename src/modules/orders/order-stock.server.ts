// An order's stock, moved through the stock module: the order's lines, and the
// once-only commit that turns its reservation into sales.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../db/client.ts';
import { orderLines, orders } from '../../../db/schema/orders.ts';
import * as stock from '../stock/stock.server.ts';

/** The order's lines as stock lines, in variant order (so two transactions never deadlock on them). */
export async function stockLines(tx: DbOrTx, orderId: number): Promise<stock.StockLine[]> {
  return tx.select({ variantId: orderLines.variantId, quantity: orderLines.quantity }).from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.variantId);
}

/** Paid (or shipped cash on delivery): reserved becomes sold — once per order, marked by stock_committed_at. */
export async function commitOrderStock(tx: Tx, orderId: number, at: Date): Promise<boolean> {
  const [marked] = await tx
    .update(orders)
    .set({ stockCommittedAt: at })
    .where(and(eq(orders.id, orderId), sql`${orders.stockCommittedAt} IS NULL`))
    .returning({ id: orders.id });
  if (!marked) return false;
  await stock.commit(tx, await stockLines(tx, orderId));
  return true;
}

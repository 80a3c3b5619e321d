// The one place stock moves, for consumer orders and unit contracts alike. A
// variant's units are `stock` (on sale), `reserved` (held for an unpaid order or
// a delivery due within the week) or `sold`; every move is one UPDATE whose WHERE
// holds its condition, so two instances racing for the last units cannot both
// win, and stock + reserved + sold stays what the village has had.
// Callers pass their transaction: a move commits with the state change that needs it.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { productVariants } from '../../../db/schema/catalog.ts';
import { stockAdjustments } from '../../../db/schema/stock.ts';
import { refuse } from '../../lib/errors.ts';

export interface StockLine {
  variantId: number;
  quantity: number;
}

/** On sale → reserved for one variant; null when there is not enough. Returns the price the buyer pays (read in the same row lock). */
export async function reserve(tx: Tx, variantId: number, quantity: number): Promise<{ priceFen: number } | null> {
  const [row] = await tx
    .update(productVariants)
    .set({ stock: sql`${productVariants.stock} - ${quantity}::int`, reserved: sql`${productVariants.reserved} + ${quantity}::int` })
    .where(and(eq(productVariants.id, variantId), gte(productVariants.stock, quantity)))
    .returning({ priceFen: productVariants.priceFen });
  return row ?? null;
}

/** On sale → reserved for every line, or for none (false) when one is short. */
export async function reserveAll(tx: Tx, lines: readonly StockLine[]): Promise<boolean> {
  const held: StockLine[] = [];
  for (const line of lines) {
    if (!(await reserve(tx, line.variantId, line.quantity))) {
      await release(tx, held);
      return false;
    }
    held.push(line);
  }
  return true;
}

/** Reserved → on sale: an unpaid order cancelled or expired, a delivery cancelled or rescheduled. */
export async function release(tx: Tx, lines: readonly StockLine[]) {
  for (const l of lines) {
    await tx
      .update(productVariants)
      .set({ stock: sql`${productVariants.stock} + ${l.quantity}::int`, reserved: sql`${productVariants.reserved} - ${l.quantity}::int` })
      .where(eq(productVariants.id, l.variantId));
  }
}

/** Reserved → sold: an order paid (or shipped cash on delivery), a delivery shipped. */
export async function commit(tx: Tx, lines: readonly StockLine[]) {
  for (const l of lines) {
    await tx
      .update(productVariants)
      .set({ reserved: sql`${productVariants.reserved} - ${l.quantity}::int`, sold: sql`${productVariants.sold} + ${l.quantity}::int` })
      .where(eq(productVariants.id, l.variantId));
  }
}

/** Sold → on sale: a paid order cancelled before it shipped (the goods never left). */
export async function returnSold(tx: Tx, lines: readonly StockLine[]) {
  for (const l of lines) {
    await tx
      .update(productVariants)
      .set({ stock: sql`${productVariants.stock} + ${l.quantity}::int`, sold: sql`${productVariants.sold} - ${l.quantity}::int` })
      .where(eq(productVariants.id, l.variantId));
  }
}

/**
 * A manager's adjustment: a new batch in (+), spoiled or miscounted goods out (−).
 * Only the on-sale count changes; reserved and sold are the orders' business.
 * Who: a manager of the variant's village — checked by the caller.
 */
export async function adjust(tx: Tx, adjustment: { variantId: number; delta: number; reason: string; userId: number }) {
  const conditions = [eq(productVariants.id, adjustment.variantId)];
  if (adjustment.delta < 0) conditions.push(gte(productVariants.stock, -adjustment.delta));
  const [row] = await tx
    .update(productVariants)
    .set({ stock: sql`${productVariants.stock} + ${adjustment.delta}::int` })
    .where(and(...conditions))
    .returning({ id: productVariants.id });
  if (!row) throw refuse.conflict('stock_would_go_negative', 'delta');
  await tx.insert(stockAdjustments).values(adjustment);
}

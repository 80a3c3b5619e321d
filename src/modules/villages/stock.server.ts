// Stock adjustments by a village manager: a new batch in (+), spoiled or
// miscounted goods out (−). Only the on-sale count changes; reserved and sold are
// the orders' business. Who: a manager of the product's village (or an admin).
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { productVariants, products, stockAdjustments } from '../../../db/schema/index.ts';
import { refuse } from '../../lib/errors.ts';
import type { AuthLocals } from '../auth/guards.server.ts';
import { requireVillageManager } from '../auth/guards.server.ts';

export async function adjustStock(db: Db, locals: AuthLocals, variantId: number, delta: number, reason: string) {
  const [variant] = await db
    .select({ villageId: products.villageId })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(eq(productVariants.id, variantId));
  if (!variant) throw refuse.notFound();
  const user = await requireVillageManager(db, locals, variant.villageId);
  await db.transaction(async (tx) => {
    const conditions = [eq(productVariants.id, variantId)];
    if (delta < 0) conditions.push(gte(productVariants.stock, -delta));
    const [row] = await tx
      .update(productVariants)
      .set({ stock: sql`${productVariants.stock} + ${delta}::int` })
      .where(and(...conditions))
      .returning({ id: productVariants.id });
    if (!row) throw refuse.conflict('stock_would_go_negative', 'delta');
    await tx.insert(stockAdjustments).values({ variantId, delta, reason, userId: user.id });
  });
  return { adjusted: true };
}

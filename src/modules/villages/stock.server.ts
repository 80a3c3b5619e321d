// A village manager's stock adjustments: a new batch in (+), spoiled or
// miscounted goods out (−), moved by the stock module.
// Who: a manager of the product's village (or an admin) — requireVariantManager,
// called at the edge.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { products, productVariants } from '../../../db/schema/catalog.ts';
import { refuse } from '../../lib/errors.ts';
import type { AuthLocals } from '../auth/guards.server.ts';
import type { SessionUser } from '../auth/sessions.server.ts';
import * as stock from '../stock/stock.server.ts';
import { personActor, recordAudit } from '../audit/audit.server.ts';
import { requireVillageManager } from './access.server.ts';

/** The manager of the variant's village (404 when there is no such variant). */
export async function requireVariantManager(db: Db, locals: AuthLocals, variantId: number): Promise<SessionUser> {
  const [variant] = await db
    .select({ villageId: products.villageId })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(eq(productVariants.id, variantId));
  if (!variant) throw refuse.notFound();
  return requireVillageManager(db, locals, variant.villageId);
}

export async function adjustVariantStock(db: Db, manager: SessionUser, variantId: number, delta: number, reason: string) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId)).for('update');
    await stock.adjust(tx, { variantId, delta, reason, userId: manager.id });
    await recordAudit(tx, personActor(manager), {
      action: 'variant.stock',
      target: 'variant',
      targetId: variantId,
      before,
      after: { stock: (before?.stock ?? 0) + delta, delta, reason },
    });
  });
  return { adjusted: true };
}

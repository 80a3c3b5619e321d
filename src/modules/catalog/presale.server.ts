// Pre-sale (预售) enforced wherever goods move: a variant on pre-sale ships from its date, so
// nothing holding it is shipped, delivered, or promised in a group order for a day before it.
// Each caller passes the variants and the day (Asia/Shanghai) it is about.
import { and, gt, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { productVariants } from '../../../db/schema/catalog.ts';

/** The earliest day the variants may ship, when any of them is on pre-sale past `day`; null when all may. */
export async function presaleBlocks(db: DbOrTx, variantIds: readonly number[], day: string): Promise<string | null> {
  if (variantIds.length === 0) return null;
  const rows = await db
    .select({ from: productVariants.presaleShipsFrom })
    .from(productVariants)
    .where(and(inArray(productVariants.id, [...new Set(variantIds)]), gt(productVariants.presaleShipsFrom, day)));
  const dates = rows.map((r) => r.from!).sort();
  return dates.at(-1) ?? null;
}

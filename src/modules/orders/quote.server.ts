// The cart as checkout shows it: per village (each ships its own parcel), with
// the village's shipping fee to the chosen province and whatever stops the order
// (a problem with a line, fresh produce a village does not send there).
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { categories, products, productVariants, villages } from '../../../db/schema/catalog.ts';
import { loadCart, type CartOwner } from '../cart/cart.server.ts';
import { refusesFresh, shippingFeeFen } from './orders.ts';

/** The cart as checkout shows it: per village, with shipping to `province` and what stops it. */
export async function checkoutQuote(db: Db, owner: CartOwner, province: string | null, today: string) {
  const cart = await loadCart(db, owner, today);
  const villageIds = cart.groups.map((g) => g.villageId);
  const variantIds = cart.groups.flatMap((g) => g.lines.map((l) => l.variantId));
  const [rules, fresh] = await Promise.all([
    villageIds.length
      ? db
          .select({ id: villages.id, shippingFeeFen: villages.shippingFeeFen, freeShippingOverFen: villages.freeShippingOverFen, noFreshProvinces: villages.noFreshProvinces })
          .from(villages)
          .where(inArray(villages.id, villageIds))
      : [],
    variantIds.length
      ? db
          .select({ variantId: productVariants.id, perishable: categories.perishable })
          .from(productVariants)
          .innerJoin(products, eq(products.id, productVariants.productId))
          .innerJoin(categories, eq(categories.id, products.categoryId))
          .where(inArray(productVariants.id, variantIds))
      : [],
  ]);
  const perishable = new Set(fresh.filter((f) => f.perishable).map((f) => f.variantId));
  let shippingFen = 0n;
  const groups = cart.groups.map((g) => {
    const rule = rules.find((r) => r.id === g.villageId)!;
    const fee = shippingFeeFen(rule, g.subtotalFen);
    shippingFen += fee;
    const refused = province !== null && refusesFresh(rule, province) && g.lines.some((l) => perishable.has(l.variantId));
    return { ...g, shippingFen: fee, freeShippingOverFen: rule.freeShippingOverFen, refusesFresh: refused, totalFen: g.subtotalFen + fee };
  });
  return {
    ...cart,
    groups,
    shippingFen,
    grandTotalFen: cart.totalFen + shippingFen,
    refused: groups.some((g) => g.refusesFresh),
  };
}
export type CheckoutQuote = Awaited<ReturnType<typeof checkoutQuote>>;

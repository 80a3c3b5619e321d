// Placing an order: turns the caller's cart into a checkout with one order per
// village, reserving the stock in the same transaction and emptying the cart.
// Who: anyone with a cart — a guest (cookie) or a signed-in person; the cart is
// always the caller's own. From: a cart without problems. To: pending_payment.
// The place-order workflow adds what follows (guest access, mail, Stripe).
import { randomInt } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { products, productVariants } from '../../../db/schema/catalog.ts';
import { checkouts, orderEvents, orderLines, orders } from '../../../db/schema/orders.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { DomainError, refuse } from '../../lib/errors.ts';
import { getAddress } from '../account/addresses.server.ts';
import { clearCart, findCart, type CartOwner } from '../cart/cart.server.ts';
import * as stock from '../stock/stock.server.ts';
import { attributedUnit } from '../units/units.server.ts';
import { checkoutNumber, type CheckoutInput, type PaymentMethod } from './orders.ts';
import { checkoutQuote } from './quote.server.ts';

export interface PlaceOrderContext {
  owner: CartOwner;
  user: { id: number; email: string } | null;
  now: Date;
  reservationMinutes: number;
  stripeEnabled: boolean;
  locale: 'zh' | 'en';
}

export interface PlacedCheckout {
  id: number;
  number: string;
  paymentMethod: PaymentMethod;
  created: boolean;
}

async function findByKey(db: Db, key: string, userId: number | null): Promise<PlacedCheckout | null> {
  const [row] = await db
    .select({ id: checkouts.id, number: checkouts.number, paymentMethod: checkouts.paymentMethod, userId: checkouts.userId })
    .from(checkouts)
    .where(eq(checkouts.idempotencyKey, key));
  if (!row) return null;
  // A key is only good for whoever used it; a stranger replaying it learns nothing.
  if (row.userId !== userId) throw refuse.conflict('checkout_expired');
  return { id: row.id, number: row.number, paymentMethod: row.paymentMethod, created: false };
}

export async function placeOrder(db: Db, input: CheckoutInput, ctx: PlaceOrderContext): Promise<PlacedCheckout> {
  // Double click or reload: the first submit's checkout, not a second one.
  const earlier = await findByKey(db, input.idempotencyKey, ctx.user?.id ?? null);
  if (earlier) return earlier;
  try {
    return await placeNew(db, input, ctx);
  } catch (error) {
    // Both submits of a double click can pass the look above; the first may then
    // commit (emptying the cart) before the second reads the cart, which then
    // sees cart_empty or insufficient_stock. The buyer must see the placed order
    // (the browser shows the last response), so look again before refusing.
    if (error instanceof DomainError) {
      const placed = await findByKey(db, input.idempotencyKey, ctx.user?.id ?? null);
      if (placed) return placed;
    }
    throw error;
  }
}

async function placeNew(db: Db, input: CheckoutInput, ctx: PlaceOrderContext): Promise<PlacedCheckout> {
  if (input.paymentMethod === 'stripe' && !ctx.stripeEnabled) throw refuse.invalid('payment_method_invalid', 'paymentMethod');
  let address = { recipient: input.recipient, mobile: input.mobile, province: input.province, city: input.city, district: input.district, detail: input.detail };
  if (input.addressId !== null) {
    const saved = ctx.user ? await getAddress(db, ctx.user.id, input.addressId) : null;
    if (!saved) throw refuse.invalid('invalid', 'addressId');
    address = { recipient: saved.recipient, mobile: saved.mobile, province: saved.province, city: saved.city, district: saved.district, detail: saved.detail };
  }
  const email = input.email ?? ctx.user?.email ?? null;

  const cartId = await findCart(db, ctx.owner);
  const quote = await checkoutQuote(db, ctx.owner, address.province, shanghaiDate(ctx.now));
  if (!cartId || quote.groups.length === 0) throw refuse.conflict('cart_empty');
  const problem = quote.groups.flatMap((g) => g.lines).find((l) => l.problem !== null);
  if (problem) throw refuse.conflict(problem.problem === 'insufficient_stock' ? 'insufficient_stock' : 'cart_has_problems');
  if (quote.refused) throw refuse.conflict('no_fresh_delivery', 'province');

  const variantIds = quote.groups.flatMap((g) => g.lines.map((l) => l.variantId));
  const facts = await db
    .select({ id: productVariants.id, productId: products.id, producerId: products.producerId, sku: productVariants.sku, netGrams: productVariants.netGrams })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(inArray(productVariants.id, variantIds));
  const factOf = new Map(facts.map((f) => [f.id, f]));
  const unit = ctx.user ? await attributedUnit(db, ctx.user.id) : null;
  const reservedUntil = input.paymentMethod === 'cash_on_delivery' ? null : new Date(ctx.now.getTime() + ctx.reservationMinutes * 60_000);

  const placed = await withFreshNumber(() =>
    db.transaction(async (tx) => {
      const [checkout] = await tx
        .insert(checkouts)
        .values({
          number: checkoutNumber(shanghaiDate(ctx.now), randomInt(100_000_000)),
          idempotencyKey: input.idempotencyKey,
          userId: ctx.user?.id ?? null,
          email,
          ...address,
          note: input.note,
          paymentMethod: input.paymentMethod,
          unitId: unit?.id ?? null,
          goodsFen: quote.totalFen,
          shippingFen: quote.shippingFen,
          totalFen: quote.grandTotalFen,
          locale: ctx.locale,
          createdAt: ctx.now,
        })
        .onConflictDoNothing({ target: checkouts.idempotencyKey })
        .returning();
      // The same form submitted twice at once: the other request placed it.
      if (!checkout) return null;

      // Reserve in variant order, so two checkouts of the same items never deadlock.
      const byVariant = quote.groups.flatMap((g) => g.lines).sort((a, b) => a.variantId - b.variantId);
      for (const line of byVariant) {
        const held = await stock.reserve(tx, line.variantId, line.quantity);
        if (!held) throw refuse.conflict('insufficient_stock');
        if (held.priceFen !== line.priceFen) throw refuse.conflict('price_changed');
      }
      for (const [i, group] of quote.groups.entries()) {
        const [order] = await tx
          .insert(orders)
          .values({
            checkoutId: checkout.id,
            number: `${checkout.number}-${i + 1}`,
            villageId: group.villageId,
            goodsFen: group.subtotalFen,
            shippingFen: group.shippingFen,
            totalFen: group.totalFen,
            reservedUntil,
            updatedAt: ctx.now,
          })
          .returning({ id: orders.id });
        await tx.insert(orderLines).values(
          group.lines.map((l) => {
            const f = factOf.get(l.variantId)!;
            return {
              orderId: order.id,
              variantId: l.variantId,
              productId: f.productId,
              producerId: f.producerId,
              productName: l.productName,
              productNameEn: l.productNameEn,
              variantName: l.variantName,
              variantNameEn: l.variantNameEn,
              sku: f.sku,
              saleUnit: l.saleUnit,
              netGrams: f.netGrams,
              quantity: l.quantity,
              unitPriceFen: l.unitPriceFen,
              totalFen: l.totalFen,
            };
          }),
        );
        await tx
          .insert(orderEvents)
          .values({ orderId: order.id, fromStatus: null, toStatus: 'pending_payment', actor: 'buyer', actorUserId: ctx.user?.id ?? null, at: ctx.now });
      }
      await clearCart(tx, cartId);
      return { id: checkout.id, number: checkout.number, paymentMethod: checkout.paymentMethod, created: true };
    }),
  );
  return placed ?? (await findByKey(db, input.idempotencyKey, ctx.user?.id ?? null))!;
}

/** Checkout numbers are random: on the rare clash with an earlier one, draw again. */
async function withFreshNumber<T>(place: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await place();
    } catch (error) {
      if (attempt >= 5 || !violates(error, 'checkouts_number_unique')) throw error;
    }
  }
}

function violates(error: unknown, constraint: string): boolean {
  for (let e = error as { code?: string; constraint?: string; constraint_name?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505' && (e.constraint ?? e.constraint_name) === constraint) return true;
  }
  return false;
}

/** The village orders of a checkout, in parcel order. */
export async function ordersOfCheckout(db: Db, checkoutId: number) {
  return db.select().from(orders).where(eq(orders.checkoutId, checkoutId)).orderBy(asc(orders.id));
}

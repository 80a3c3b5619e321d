// The cart in PostgreSQL. Who: anyone — a guest through the cart cookie, a
// signed-in person through their account; no input names a cart, so nobody can
// reach another person's cart.
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { cartItems, carts } from '../../../db/schema/cart.ts';
import { products, productVariants, villages } from '../../../db/schema/catalog.ts';
import { refuse } from '../../lib/errors.ts';
import { generateToken } from '../auth/tokens.ts';
import { MAX_CART_LINES, MAX_LINE_QUANTITY, summarise } from './cart.ts';
import { tiersOf } from '../catalog/catalog.server.ts';

export interface CartOwner {
  userId: number | null;
  guestCartId: string | null;
}

const GUEST_ID = /^[a-z2-7]{32}$/;

export function isGuestCartId(value: string | undefined | null): value is string {
  return typeof value === 'string' && GUEST_ID.test(value);
}

/** The owner's cart id, if they have one. */
export async function findCart(db: Db, owner: CartOwner): Promise<string | null> {
  if (owner.userId !== null) {
    const [row] = await db.select({ id: carts.id }).from(carts).where(eq(carts.userId, owner.userId));
    return row?.id ?? null;
  }
  if (!isGuestCartId(owner.guestCartId)) return null;
  const [row] = await db
    .select({ id: carts.id })
    .from(carts)
    .where(and(eq(carts.id, owner.guestCartId), isNull(carts.userId)));
  return row?.id ?? null;
}

/** The owner's cart, created when missing; `created` tells the caller to set the guest cookie. */
export async function ensureCart(db: Db, owner: CartOwner): Promise<{ cartId: string; created: boolean }> {
  const existing = await findCart(db, owner);
  if (existing) return { cartId: existing, created: false };
  const id = generateToken().secret.slice(0, 32);
  if (owner.userId !== null) {
    const [row] = await db.insert(carts).values({ id, userId: owner.userId }).onConflictDoNothing({ target: carts.userId }).returning({ id: carts.id });
    if (row) return { cartId: row.id, created: true };
    return { cartId: (await findCart(db, owner))!, created: false };
  }
  await db.insert(carts).values({ id });
  return { cartId: id, created: true };
}

async function sellableVariant(db: Db, variantId: number) {
  const [v] = await db
    .select({ id: productVariants.id, stock: productVariants.stock, status: products.status, pausedAt: villages.pausedAt })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(villages, eq(villages.id, products.villageId))
    .where(eq(productVariants.id, variantId));
  if (v?.status !== 'active' || v.pausedAt) throw refuse.notFound('product_unavailable');
  return v;
}

export async function addToCart(db: Db, cartId: string, variantId: number, quantity: number) {
  const variant = await sellableVariant(db, variantId);
  const [current] = await db
    .select({ quantity: cartItems.quantity })
    .from(cartItems)
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)));
  const wanted = (current?.quantity ?? 0) + quantity;
  if (wanted > variant.stock) throw refuse.conflict('insufficient_stock', 'quantity');
  if (wanted > MAX_LINE_QUANTITY) throw refuse.invalid('quantity_invalid', 'quantity');
  if (!current) {
    const [{ n }] = await db.select({ n: count() }).from(cartItems).where(eq(cartItems.cartId, cartId));
    if (n >= MAX_CART_LINES) throw refuse.conflict('cart_full');
  }
  await db
    .insert(cartItems)
    .values({ cartId, variantId, quantity })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.variantId],
      set: { quantity: sql`least(${cartItems.quantity} + ${quantity}::int, ${MAX_LINE_QUANTITY}::int)` },
    });
  await db.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId));
}

/** 0 removes the line. Stock is checked again at checkout; here it only warns in the cart view. */
export async function setCartQuantity(db: Db, cartId: string, variantId: number, quantity: number) {
  if (quantity === 0) return removeFromCart(db, cartId, variantId);
  const updated = await db
    .update(cartItems)
    .set({ quantity })
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)))
    .returning({ variantId: cartItems.variantId });
  if (updated.length === 0) throw refuse.notFound();
}

export async function removeFromCart(db: Db, cartId: string, variantId: number) {
  await db.delete(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)));
}

/** Units in the owner's cart, in one query: the header shows it on every page. */
/** Adds to the owner's cart, making the cart if there is none — one transaction, so a refused add (no stock, no such product) leaves no empty cart behind. */
export async function addToOwnersCart(db: Db, owner: CartOwner, variantId: number, quantity: number): Promise<{ cartId: string; created: boolean }> {
  return db.transaction(async (tx) => {
    const cart = await ensureCart(tx, owner);
    await addToCart(tx, cart.cartId, variantId, quantity);
    return cart;
  });
}

/** Checkout placed: the cart is emptied in the same transaction. */
export async function clearCart(tx: Tx, cartId: string) {
  await tx.delete(cartItems).where(eq(cartItems.cartId, cartId));
}

export async function cartCount(db: Db, owner: CartOwner): Promise<number> {
  const whose = owner.userId !== null ? eq(carts.userId, owner.userId) : isGuestCartId(owner.guestCartId) ? and(eq(carts.id, owner.guestCartId), isNull(carts.userId)) : null;
  if (!whose) return 0;
  const [{ n }] = await db
    .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int`.mapWith(Number) })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(whose);
  return n;
}

/** At sign-in: the guest cart's lines move into the account's cart (quantities add up), and the guest cart goes. */
export async function mergeGuestCart(db: Db, guestCartId: string, userId: number) {
  if (!isGuestCartId(guestCartId)) return;
  await db.transaction(async (tx) => {
    const [guest] = await tx
      .select({ id: carts.id })
      .from(carts)
      .where(and(eq(carts.id, guestCartId), isNull(carts.userId)))
      .for('update');
    if (!guest) return;
    const { cartId } = await ensureCart(tx, { userId, guestCartId: null });
    const lines = await tx.select().from(cartItems).where(eq(cartItems.cartId, guest.id));
    for (const line of lines) {
      await tx
        .insert(cartItems)
        .values({ cartId, variantId: line.variantId, quantity: line.quantity })
        .onConflictDoUpdate({
          target: [cartItems.cartId, cartItems.variantId],
          set: { quantity: sql`least(${cartItems.quantity} + ${line.quantity}::int, ${MAX_LINE_QUANTITY}::int)` },
        });
    }
    await tx.delete(carts).where(eq(carts.id, guest.id));
  });
}

export async function loadCart(db: Db, owner: CartOwner, today: string) {
  const cartId = await findCart(db, owner);
  const rows = cartId
    ? await db
        .select({
          variantId: cartItems.variantId,
          quantity: cartItems.quantity,
          priceFen: productVariants.priceFen,
          stock: productVariants.stock,
          minQuantity: productVariants.minQuantity,
          presaleShipsFrom: productVariants.presaleShipsFrom,
          saleUnit: productVariants.saleUnit,
          variantName: productVariants.name,
          variantNameEn: productVariants.nameEn,
          productSlug: products.slug,
          productName: products.name,
          productNameEn: products.nameEn,
          status: products.status,
          pausedAt: villages.pausedAt,
          villageId: villages.id,
          villageName: villages.name,
          villageNameEn: villages.nameEn,
          imagePath: sql<string | null>`(select path from product_images where product_id = ${products.id} order by sort_order, id limit 1)`,
        })
        .from(cartItems)
        .innerJoin(productVariants, eq(productVariants.id, cartItems.variantId))
        .innerJoin(products, eq(products.id, productVariants.productId))
        .innerJoin(villages, eq(villages.id, products.villageId))
        .where(eq(cartItems.cartId, cartId))
        .orderBy(asc(villages.id), asc(cartItems.addedAt), asc(cartItems.variantId))
    : [];
  const tiers = await tiersOf(
    db,
    rows.map((r) => r.variantId),
  );
  const lines = rows.map((r) => ({ ...r, available: r.status === 'active' && !r.pausedAt, tiers: tiers.filter((t) => t.variantId === r.variantId) }));
  return summarise(lines, today);
}
export type CartView = Awaited<ReturnType<typeof loadCart>>;

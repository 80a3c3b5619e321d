// The cart on a real database: adding within stock, guest carts merging at sign-in.
import { describe, expect, it } from 'vitest';
import { addToCart, cartCount, ensureCart, findCart, loadCart, mergeGuestCart, removeFromCart, setCartQuantity } from '../../src/modules/cart/cart.server.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { createCategory, createProducer, createProduct, createVillage } from '../factories/catalog.ts';
import { createUser } from '../factories/users.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
const today = '2026-11-23';
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof DomainError ? e.key : `unexpected: ${String(e)}`),
  );

async function catalogue() {
  const village = await createVillage(t.db);
  const producer = await createProducer(t.db, { villageId: village.id });
  const category = await createCategory(t.db);
  const ids = { villageId: village.id, producerId: producer.id, categoryId: category.id };
  const {
    variants: [peach],
  } = await createProduct(t.db, { ...ids, variants: [{ priceFen: 3980, stock: 5 }] });
  const {
    variants: [broom],
  } = await createProduct(t.db, { ...ids, variants: [{ priceFen: 2000, stock: 5000, tiers: [{ minQuantity: 100, priceFen: 1200 }] }] });
  const {
    variants: [hidden],
  } = await createProduct(t.db, { ...ids, status: 'hidden', variants: [{}] });
  return { peach, broom, hidden };
}

describe('cart', () => {
  it('adds within stock, applies tiers, and refuses hidden products', async () => {
    const { peach, broom, hidden } = await catalogue();
    const { cartId, created } = await ensureCart(t.db, { userId: null, guestCartId: null });
    expect(created).toBe(true);
    await addToCart(t.db, cartId, peach.id, 3);
    expect(await refusal(addToCart(t.db, cartId, peach.id, 3))).toBe('insufficient_stock');
    expect(await refusal(addToCart(t.db, cartId, hidden.id, 1))).toBe('product_unavailable');
    await addToCart(t.db, cartId, broom.id, 100);
    const cart = await loadCart(t.db, { userId: null, guestCartId: cartId }, today);
    expect(cart.totalFen).toBe(3n * 3980n + 100n * 1200n);
    expect(await cartCount(t.db, { userId: null, guestCartId: cartId })).toBe(103);
    await setCartQuantity(t.db, cartId, broom.id, 0);
    await removeFromCart(t.db, cartId, peach.id);
    expect((await loadCart(t.db, { userId: null, guestCartId: cartId }, today)).groups).toEqual([]);
  });

  it('merges a guest cart into the account’s cart at sign-in, adding quantities', async () => {
    const { peach, broom } = await catalogue();
    const user = await createUser(t.db);
    const mine = await ensureCart(t.db, { userId: user.id, guestCartId: null });
    await addToCart(t.db, mine.cartId, peach.id, 1);
    const guest = await ensureCart(t.db, { userId: null, guestCartId: null });
    await addToCart(t.db, guest.cartId, peach.id, 2);
    await addToCart(t.db, guest.cartId, broom.id, 7);
    await mergeGuestCart(t.db, guest.cartId, user.id);
    expect(await findCart(t.db, { userId: null, guestCartId: guest.cartId })).toBeNull();
    const cart = await loadCart(t.db, { userId: user.id, guestCartId: null }, today);
    expect(cart.groups.flatMap((g) => g.lines.map((l) => [l.variantId, l.quantity]))).toEqual([
      [peach.id, 3],
      [broom.id, 7],
    ]);
  });

  it('never finds a cart from a forged or another person’s id', async () => {
    const user = await createUser(t.db);
    const { cartId } = await ensureCart(t.db, { userId: user.id, guestCartId: null });
    // An account's cart id used as a guest cookie is not a guest cart.
    expect(await findCart(t.db, { userId: null, guestCartId: cartId })).toBeNull();
    expect(await cartCount(t.db, { userId: null, guestCartId: cartId })).toBe(0);
    expect(await findCart(t.db, { userId: null, guestCartId: "' or 1=1 --" })).toBeNull();
  });
});

// The cart. Open to guests and signed-in people alike; the cart is always the
// caller's own (from the session or the guest cookie), never named in the input.
import { defineAction } from 'astro:actions';
import { AddToCartSchema, RemoveFromCartSchema, SetQuantitySchema } from '../modules/cart/cart.ts';
import { addToOwnersCart, findCart, removeFromCart, setCartQuantity } from '../modules/cart/cart.server.ts';
import { guestCartId, setGuestCartCookie } from '../lib/cart-cookie.ts';
import { refuse } from '../lib/errors.ts';
import { run } from './run.ts';

type Ctx = { locals: App.Locals; cookies: Parameters<typeof guestCartId>[0] };
const ownerOf = (ctx: Ctx) => ({ userId: ctx.locals.user?.id ?? null, guestCartId: guestCartId(ctx.cookies) });

export const cart = {
  add: defineAction({
    accept: 'form',
    input: AddToCartSchema,
    handler: (input, ctx) =>
      run(async () => {
        const owner = ownerOf(ctx);
        const { cartId, created } = await addToOwnersCart(ctx.locals.db, owner, input.variantId, input.quantity);
        if (created && owner.userId === null) setGuestCartCookie(ctx.cookies, cartId);
        return { added: input.quantity };
      }),
  }),

  setQuantity: defineAction({
    accept: 'form',
    input: SetQuantitySchema,
    handler: (input, ctx) =>
      run(async () => {
        const db = ctx.locals.db;
        const cartId = await findCart(db, ownerOf(ctx));
        if (!cartId) throw refuse.notFound();
        await setCartQuantity(db, cartId, input.variantId, input.quantity);
        return { saved: true };
      }),
  }),

  remove: defineAction({
    accept: 'form',
    input: RemoveFromCartSchema,
    handler: (input, ctx) =>
      run(async () => {
        const db = ctx.locals.db;
        const cartId = await findCart(db, ownerOf(ctx));
        if (cartId) await removeFromCart(db, cartId, input.variantId);
        return { removed: true };
      }),
  }),
};

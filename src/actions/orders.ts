// The buyer's side of orders: checkout, finding an order as a guest, paying by
// transfer (the reference) or again online, cancelling, confirming receipt and
// claiming. The cart is always the caller's own; an order is the caller's when
// they placed it signed in or hold its guest token — requireOrderBuyer checks it
// here, at the edge, and the Actor it returns is passed inward.
import { defineAction } from 'astro:actions';
import { guestCartId } from '../lib/cart-cookie.ts';
import { env } from '../lib/env.ts';
import { refuse } from '../lib/errors.ts';
import { requestMeta } from '../lib/request.ts';
import { localeFromPath } from '../lib/i18n.ts';
import { addGuestOrderToken, guestOrderTokens } from '../lib/order-cookie.ts';
import { grantGuestAccess, requireOrderBuyer } from '../modules/orders/access.server.ts';
import { claimWithPhotos, lookupOrder, recordPayerReference, unpaidOnlineCheckout } from '../modules/orders/buyer.server.ts';
import { CancelOrderSchema, CheckoutSchema, ClaimSchema, OrderIdSchema, OrderLookupSchema, PayerReferenceSchema } from '../modules/orders/orders.ts';
import { markDelivered } from '../modules/orders/ship-order.server.ts';
import { stripeEnabled } from '../modules/payments/client.server.ts';
import { cancelOrder } from '../workflows/cancel-order.ts';
import { paymentPage, placeOrder } from '../workflows/place-order.ts';
import { run } from './run.ts';

type Ctx = { locals: App.Locals; cookies: Parameters<typeof guestCartId>[0] & Parameters<typeof addGuestOrderToken>[0]; url: URL };
const buyerOf = (ctx: Ctx) => ({ user: ctx.locals.user, guestTokens: guestOrderTokens(ctx.cookies) });

export const orders = {
  place: defineAction({
    accept: 'form',
    input: CheckoutSchema,
    handler: (input, ctx) =>
      run(async () => {
        const user = ctx.locals.user;
        const placed = await placeOrder(ctx.locals.db, input, {
          owner: { userId: user?.id ?? null, guestCartId: guestCartId(ctx.cookies) },
          user: user ? { id: user.id, email: user.email } : null,
          now: new Date(),
          reservationMinutes: env.RESERVATION_MINUTES,
          stripeEnabled: stripeEnabled(),
          locale: localeFromPath(ctx.url.pathname),
          site: ctx.url,
        });
        if (placed.guestToken) addGuestOrderToken(ctx.cookies, placed.guestToken);
        return { number: placed.number, payUrl: placed.payUrl };
      }),
  }),

  /** Stripe again, for an unpaid online order (the first attempt was closed, or Stripe was down). */
  pay: defineAction({
    accept: 'form',
    input: OrderIdSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { order } = await requireOrderBuyer(ctx.locals.db, buyerOf(ctx), input.orderId);
        const checkout = await unpaidOnlineCheckout(ctx.locals.db, order);
        const payUrl = await paymentPage(ctx.locals.db, checkout.id, checkout.number, localeFromPath(ctx.url.pathname), ctx.url);
        if (!payUrl) throw refuse.conflict('payment_unavailable');
        return { payUrl };
      }),
  }),

  lookup: defineAction({
    accept: 'form',
    input: OrderLookupSchema,
    handler: (input, ctx) =>
      run(async () => {
        const found = await lookupOrder(ctx.locals.db, input.number, input.mobile, requestMeta(ctx).ip);
        addGuestOrderToken(ctx.cookies, await grantGuestAccess(ctx.locals.db, found.checkoutId));
        return { number: found.number };
      }),
  }),

  recordReference: defineAction({
    accept: 'form',
    input: PayerReferenceSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { by, order } = await requireOrderBuyer(ctx.locals.db, buyerOf(ctx), input.orderId);
        return recordPayerReference(ctx.locals.db, by, order, input.reference);
      }),
  }),

  cancel: defineAction({
    accept: 'form',
    input: CancelOrderSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { by } = await requireOrderBuyer(ctx.locals.db, buyerOf(ctx), input.orderId);
        await cancelOrder(ctx.locals.db, by, input.orderId, input.reason || '买家取消');
        return { cancelled: true };
      }),
  }),

  confirmReceipt: defineAction({
    accept: 'form',
    input: OrderIdSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { by } = await requireOrderBuyer(ctx.locals.db, buyerOf(ctx), input.orderId);
        await markDelivered(ctx.locals.db, by, input.orderId, new Date());
        return { delivered: true };
      }),
  }),

  claim: defineAction({
    accept: 'form',
    input: ClaimSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { by } = await requireOrderBuyer(ctx.locals.db, buyerOf(ctx), input.orderId);
        return claimWithPhotos(ctx.locals.db, by, input.orderId, input);
      }),
  }),
};

// The buyer's side of orders: checkout, finding an order as a guest, paying by
// transfer (the reference), cancelling, confirming receipt and claiming. The
// cart is always the caller's own; an order is the caller's when they placed it
// signed in, or hold its guest token (requireBuyer).
import { defineAction } from 'astro:actions';
import { getDb } from '../../db/client.ts';
import { guestCartId } from '../lib/cart-cookie.ts';
import { env } from '../lib/env.ts';
import { refuse } from '../lib/errors.ts';
import { addGuestOrderToken, guestOrderTokens } from '../lib/order-cookie.ts';
import { localeFromPath } from '../lib/i18n.ts';
import { CancelOrderSchema, CheckoutSchema, ClaimSchema, OrderIdSchema, OrderLookupSchema, PayerReferenceSchema } from '../modules/orders/orders.ts';
import { placeOrder } from '../modules/orders/checkout.server.ts';
import { buyerCancel, buyerClaim, buyerConfirmReceipt, buyerRecordReference, buyerStripeCheckout, lookupOrder } from '../modules/orders/buyer.server.ts';
import { grantGuestAccess } from '../modules/orders/access.server.ts';
import { notifyOrder } from '../modules/orders/notify.server.ts';
import { ordersOfCheckout } from '../modules/orders/checkout.server.ts';
import { startStripeCheckout, stripeEnabled } from '../modules/payments/stripe.server.ts';
import { run } from './run.ts';

type Ctx = { locals: App.Locals; cookies: Parameters<typeof guestCartId>[0] & Parameters<typeof addGuestOrderToken>[0]; url: URL };
const buyerOf = (ctx: Ctx) => ({ user: ctx.locals.user, guestTokens: guestOrderTokens(ctx.cookies) });

/** The Stripe Checkout URL, or null when Stripe cannot be reached: the order stands and can be paid later from its page. */
async function stripeUrl(db: Awaited<ReturnType<typeof getDb>>, checkoutId: number, number: string, locale: 'zh' | 'en', base: URL): Promise<string | null> {
  const orderPage = new URL(`${locale === 'en' ? '/en' : ''}/orders/${number}`, base);
  try {
    return await startStripeCheckout(db, checkoutId, { successUrl: `${orderPage}?session_id={CHECKOUT_SESSION_ID}`, cancelUrl: orderPage.toString() });
  } catch (error) {
    console.error(`Stripe checkout for ${number} could not start:`, error);
    return null;
  }
}

export const orders = {
  place: defineAction({
    accept: 'form',
    input: CheckoutSchema,
    handler: (input, ctx) =>
      run(async () => {
        const db = await getDb();
        const user = ctx.locals.user;
        const locale = localeFromPath(ctx.url.pathname);
        const placed = await placeOrder(db, input, {
          owner: { userId: user?.id ?? null, guestCartId: guestCartId(ctx.cookies) },
          user: user ? { id: user.id, email: user.email } : null,
          now: new Date(),
          reservationMinutes: env.RESERVATION_MINUTES,
          stripeEnabled: stripeEnabled(),
          locale,
        });
        // A guest gets the key to their order; on a repeated submit too (the first answer may have been lost).
        if (!user) addGuestOrderToken(ctx.cookies, await grantGuestAccess(db, placed.id));
        if (placed.created) {
          const [first] = await ordersOfCheckout(db, placed.id);
          if (first) await notifyOrder(db, first.id, 'placed');
        }
        const payUrl = placed.paymentMethod === 'stripe' ? await stripeUrl(db, placed.id, placed.number, locale, ctx.url) : null;
        return { number: placed.number, payUrl };
      }),
  }),

  /** Stripe again, for an unpaid online order (the first attempt was closed, or Stripe was down). */
  pay: defineAction({
    accept: 'form',
    input: OrderIdSchema,
    handler: (input, ctx) =>
      run(async () => {
        const db = await getDb();
        const checkout = await buyerStripeCheckout(db, buyerOf(ctx), input.orderId);
        const payUrl = await stripeUrl(db, checkout.id, checkout.number, localeFromPath(ctx.url.pathname), ctx.url);
        if (!payUrl) throw refuse.conflict('payment_unavailable');
        return { payUrl };
      }),
  }),

  lookup: defineAction({
    accept: 'form',
    input: OrderLookupSchema,
    handler: (input, ctx) =>
      run(async () => {
        const db = await getDb();
        const found = await lookupOrder(db, input.number, input.mobile);
        addGuestOrderToken(ctx.cookies, await grantGuestAccess(db, found.checkoutId));
        return { number: found.number };
      }),
  }),

  recordReference: defineAction({
    accept: 'form',
    input: PayerReferenceSchema,
    handler: (input, ctx) => run(async () => buyerRecordReference(await getDb(), buyerOf(ctx), input.orderId, input.reference)),
  }),

  cancel: defineAction({
    accept: 'form',
    input: CancelOrderSchema,
    handler: (input, ctx) => run(async () => buyerCancel(await getDb(), buyerOf(ctx), input.orderId, input.reason)),
  }),

  confirmReceipt: defineAction({
    accept: 'form',
    input: OrderIdSchema,
    handler: (input, ctx) => run(async () => buyerConfirmReceipt(await getDb(), buyerOf(ctx), input.orderId)),
  }),

  claim: defineAction({
    accept: 'form',
    input: ClaimSchema,
    handler: (input, ctx) => run(async () => buyerClaim(await getDb(), buyerOf(ctx), input.orderId, input)),
  }),
};

// Placing an order, from the checkout form to the payment page: the order is
// placed (stock reserved, cart emptied — one transaction, orders module), a guest
// gets the key to it, the buyer gets mail, and a Stripe order gets its payment
// page. Who: anyone with a cart; the caller passes the cart's owner.
import type { Db } from '../../db/client.ts';
import { grantGuestAccess } from '../modules/orders/access.server.ts';
import { notifyOrder } from '../modules/orders/notify.server.ts';
import type { CheckoutInput } from '../modules/orders/orders.ts';
import { ordersOfCheckout, placeOrder as place, type PlaceOrderContext } from '../modules/orders/place-order.server.ts';
import { startStripeCheckout } from './pay-online.ts';
import { log } from '../lib/log.ts';

export interface Placed {
  number: string;
  /** Stripe's payment page, or null: paid offline, or Stripe could not be reached (the order stands and can be paid later from its page). */
  payUrl: string | null;
  /** For a guest: the key to put in their order-access cookie (also on a repeated submit: the first answer may have been lost). */
  guestToken: string | null;
}

export async function placeOrder(db: Db, input: CheckoutInput, ctx: PlaceOrderContext & { site: URL }): Promise<Placed> {
  const placed = await place(db, input, ctx);
  const guestToken = ctx.user ? null : await grantGuestAccess(db, placed.id);
  if (placed.created) {
    const [first] = await ordersOfCheckout(db, placed.id);
    if (first) await notifyOrder(db, first.id, 'placed');
  }
  const payUrl = placed.paymentMethod === 'stripe' ? await paymentPage(db, placed.id, placed.number, ctx.locale, ctx.site) : null;
  return { number: placed.number, payUrl, guestToken };
}

/** The Stripe Checkout URL for a placed checkout, or null when Stripe cannot be reached now. */
export async function paymentPage(db: Db, checkoutId: number, number: string, locale: 'zh' | 'en', site: URL): Promise<string | null> {
  const orderPage = new URL(`${locale === 'en' ? '/en' : ''}/orders/${number}`, site);
  try {
    return await startStripeCheckout(db, checkoutId, { successUrl: `${orderPage}?session_id={CHECKOUT_SESSION_ID}`, cancelUrl: orderPage.toString() });
  } catch (error) {
    log.error({ err: error }, `Stripe checkout for ${number} could not start`);
    return null;
  }
}

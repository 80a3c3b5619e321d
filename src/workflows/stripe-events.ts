// Stripe's webhook. Who: Stripe, proven by the signature over the raw body
// (payments/events.server.ts). What: checkout.session.completed /
// async_payment_succeeded → the checkout's pending orders become paid;
// async_payment_failed / expired → they are cancelled and their stock released.
// Stripe retries, replays and reorders deliveries: each event id is recorded in
// payment_events in the same transaction as its effect, so an event acts at most
// once, and every effect moves only orders still in the state it expects, so the
// order of arrival does not matter. A session may also be a person's share of a
// group order (团购接龙, pay-each): found by its stored id likewise, and paid through
// the same once-only fulfil as the return page.
import type Stripe from 'stripe';
import type { Db } from '../../db/client.ts';
import { expireCheckout } from '../modules/orders/cancel-order.server.ts';
import { checkoutBySession } from '../modules/orders/online-payment.server.ts';
import { readStripeWebhook, recordStripeEvent, webhookReply } from '../modules/payments/events.server.ts';
import { applyPaidShare, shareBySession } from '../modules/procurement/pay-share-online.server.ts';
import { afterPaid, applyPaidSession, type PaidOutcome } from './pay-online.ts';
import { log } from '../lib/log.ts';

export type EventResult = 'handled' | 'duplicate' | 'ignored';

const HANDLED = new Set<string>([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
]);

export async function handleStripeEvent(db: Db, event: Stripe.Event, now: Date = new Date()): Promise<EventResult> {
  if (!HANDLED.has(event.type)) return 'ignored';
  const session = event.data.object as Stripe.Checkout.Session;
  const { result, outcome } = await db.transaction(async (tx) => {
    const checkout = await checkoutBySession(tx, session.id);
    const share = checkout ? undefined : await shareBySession(tx, session.id);
    if (!(await recordStripeEvent(tx, event, checkout?.id ?? null, now))) return { result: 'duplicate' as const, outcome: null };
    if (share) {
      // Expired or failed: nothing is held for a share; the person can start again.
      const paid =
        (event.type === 'checkout.session.completed' || event.type === 'checkout.session.async_payment_succeeded') && (await applyPaidShare(tx, share, session, now));
      return { result: paid ? ('handled' as const) : ('ignored' as const), outcome: null };
    }
    if (!checkout) return { result: 'ignored' as const, outcome: null };
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded': {
        // completed with payment_status unpaid: an async method is still on its way;
        // async_payment_succeeded or _failed follows.
        if (session.payment_status !== 'paid') return { result: 'ignored' as const, outcome: null };
        const outcome: PaidOutcome | null = await applyPaidSession(tx, checkout, session, now);
        return { result: outcome ? ('handled' as const) : ('ignored' as const), outcome };
      }
      case 'checkout.session.async_payment_failed':
        await expireCheckout(tx, checkout.id, '付款失败，库存已释放');
        return { result: 'handled' as const, outcome: null };
      case 'checkout.session.expired':
        await expireCheckout(tx, checkout.id, '支付超时，库存已释放');
        return { result: 'handled' as const, outcome: null };
      default:
        return { result: 'ignored' as const, outcome: null };
    }
  });
  if (outcome) await afterPaid(db, outcome);
  return result;
}

/**
 * The whole HTTP exchange, for POST /api/webhooks/stripe. 2xx tells Stripe to
 * stop; a 5xx makes it retry later, which is what a database hiccup needs.
 */
export async function receiveStripeWebhook(request: Request, db: Db, now: Date = new Date()): Promise<Response> {
  const read = await readStripeWebhook(request);
  if ('response' in read) return read.response;
  const { event } = read;
  try {
    const result = await handleStripeEvent(db, event, now);
    return webhookReply(200, { received: true, result });
  } catch (error) {
    log.error({ err: error }, `stripe event ${event.id} (${event.type}) failed; Stripe will retry`);
    return webhookReply(500, { error: 'processing_failed' });
  }
}

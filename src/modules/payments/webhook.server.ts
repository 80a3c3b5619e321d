// Stripe's webhook. Who: Stripe, proven by the signature over the raw body.
// What: checkout.session.completed / async_payment_succeeded → the checkout's
// pending orders become paid; async_payment_failed / expired → they are
// cancelled and their stock released. Stripe retries, replays and reorders
// deliveries: each event id is recorded in payment_events in the same
// transaction as its effect, so an event acts at most once, and every effect
// moves only orders still in the state it expects, so order does not matter.
// A session may also be a person's share of a group order (团购接龙, pay-each):
// found by its stored id likewise, and paid through the same once-only fulfil
// as the return page (procurement/pay-share-online.server.ts).
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../../db/client.ts';
import { checkouts, paymentEvents } from '../../../db/schema/index.ts';
import { expireCheckout } from '../orders/cancel-order.server.ts';
import { applyPaidShare, shareBySession } from '../procurement/pay-share-online.server.ts';
import { stripeSettings, verifyStripeEvent } from './client.server.ts';
import { afterPaid, applyPaidSession, type PaidOutcome } from './fulfil.server.ts';

export type EventResult = 'handled' | 'duplicate' | 'ignored';

const HANDLED = new Set<string>([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
]);

// Stripe's events are a few KB; anything far larger is not from Stripe.
const MAX_BODY_BYTES = 256 * 1024;

export async function handleStripeEvent(db: Db, event: Stripe.Event, now: Date = new Date()): Promise<EventResult> {
  if (!HANDLED.has(event.type)) return 'ignored';
  const session = event.data.object as Stripe.Checkout.Session;
  const { result, outcome } = await db.transaction(async (tx) => {
    // Found by the session id we stored when creating it — never by metadata,
    // which anyone with the key could put on any session.
    const [checkout] = await tx.select({ id: checkouts.id, totalFen: checkouts.totalFen }).from(checkouts).where(eq(checkouts.stripeSessionId, session.id));
    const share = checkout ? undefined : await shareBySession(tx, session.id);
    const [fresh] = await tx
      .insert(paymentEvents)
      .values({ eventId: event.id, type: event.type, checkoutId: checkout?.id ?? null, receivedAt: now })
      .onConflictDoNothing({ target: paymentEvents.eventId })
      .returning({ eventId: paymentEvents.eventId });
    if (!fresh) return { result: 'duplicate' as const, outcome: null };
    if (share) {
      // Expired or failed: nothing is held for a share; the person can start again.
      const paid = (event.type === 'checkout.session.completed' || event.type === 'checkout.session.async_payment_succeeded') && (await applyPaidShare(tx, share, session, now));
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

const reply = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/**
 * The whole HTTP exchange, for POST /api/webhooks/stripe. 2xx tells Stripe to
 * stop; a 5xx makes it retry later, which is what a database hiccup needs.
 */
export async function receiveStripeWebhook(request: Request, getDb: () => Promise<Db>, now: Date = new Date()): Promise<Response> {
  const secret = stripeSettings().webhookSecret;
  // Without the secret nothing can be verified, and nothing unverified is trusted.
  if (!secret) return reply(503, { error: 'stripe_webhook_not_configured' });
  const signature = request.headers.get('stripe-signature');
  if (!signature) return reply(400, { error: 'missing_signature' });
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return reply(413, { error: 'too_large' });
  // The signature covers the exact bytes Stripe sent: verify the raw text, never re-serialised JSON.
  const raw = await request.text();
  let event: Stripe.Event;
  try {
    event = await verifyStripeEvent(raw, signature, secret);
  } catch {
    return reply(400, { error: 'invalid_signature' });
  }
  try {
    const result = await handleStripeEvent(await getDb(), event, now);
    return reply(200, { received: true, result });
  } catch (error) {
    console.error(`stripe event ${event.id} (${event.type}) failed; Stripe will retry:`, error);
    return reply(500, { error: 'processing_failed' });
  }
}

// Stripe's webhook, the provider's side: the signature over the raw body, and the
// record of events already handled. Stripe retries, replays and reorders
// deliveries: each event id is recorded in the same transaction as its effect
// (the stripe-events workflow), so an event acts at most once.
import type Stripe from 'stripe';
import type { Tx } from '../../../db/client.ts';
import { paymentEvents } from '../../../db/schema/payments.ts';
import { stripeSettings, verifyStripeEvent } from './client.server.ts';

// Stripe's events are a few KB; anything far larger is not from Stripe.
const MAX_BODY_BYTES = 256 * 1024;

const reply = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/** The verified event of a webhook request, or the answer to send when there is none. */
export async function readStripeWebhook(request: Request): Promise<{ event: Stripe.Event } | { response: Response }> {
  const secret = stripeSettings().webhookSecret;
  // Without the secret nothing can be verified, and nothing unverified is trusted.
  if (!secret) return { response: reply(503, { error: 'stripe_webhook_not_configured' }) };
  const signature = request.headers.get('stripe-signature');
  if (!signature) return { response: reply(400, { error: 'missing_signature' }) };
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return { response: reply(413, { error: 'too_large' }) };
  // The signature covers the exact bytes Stripe sent: verify the raw text, never re-serialised JSON.
  const raw = await request.text();
  try {
    return { event: await verifyStripeEvent(raw, signature, secret) };
  } catch {
    return { response: reply(400, { error: 'invalid_signature' }) };
  }
}

/** 2xx tells Stripe to stop; a 5xx makes it retry later, which is what a database hiccup needs. */
export const webhookReply = reply;

/** Records the event in the caller's transaction; false when it was handled before (a replay). */
export async function recordStripeEvent(tx: Tx, event: Stripe.Event, checkoutId: number | null, now: Date): Promise<boolean> {
  const [fresh] = await tx
    .insert(paymentEvents)
    .values({ eventId: event.id, type: event.type, checkoutId, receivedAt: now })
    .onConflictDoNothing({ target: paymentEvents.eventId })
    .returning({ eventId: paymentEvents.eventId });
  return Boolean(fresh);
}

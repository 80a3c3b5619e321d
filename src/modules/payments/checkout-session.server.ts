// Stripe Checkout sessions (card, Alipay, WeChat Pay): made for what the caller
// says is owed, and read back. The buyer pays on Stripe's page; what is paid
// becomes paid only on Stripe's word (the webhook, or a session read back here) —
// never because a browser came back to the success URL.
import type Stripe from 'stripe';
import { isStripeError, stripeClient, stripeSettings } from './client.server.ts';
import { STRIPE_CURRENCY, STRIPE_METHODS, sessionExpiresAt, type PayLine } from './payments.ts';
import { log } from '../../lib/log.ts';

export interface SessionRequest {
  lines: readonly PayLine[];
  /** Our reference (checkout number, group share) and what Stripe keeps with the payment. */
  reference: string;
  metadata: Record<string, string>;
  /** Kept on the payment itself (defaults to `metadata`). */
  paymentMetadata?: Record<string, string>;
  locale: 'zh' | 'en';
  email: string | null;
  successUrl: string;
  cancelUrl: string;
  /** Unix seconds; Stripe allows 30 minutes … 24 hours ahead. */
  expiresAt: number;
  // Stripe replays a request with the same key: a double submit makes one session.
  idempotencyKey: string;
}

export async function createCheckoutSession(request: SessionRequest): Promise<Stripe.Checkout.Session> {
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: 'payment',
    currency: STRIPE_CURRENCY,
    // 2026-10-28 replaced payment_method_types: this filters what Stripe deems eligible.
    allowed_payment_method_types: [...STRIPE_METHODS],
    // WeChat Pay needs to know where the QR code is shown: a desktop or phone browser.
    payment_method_options: { wechat_pay: { client: 'web' } },
    line_items: request.lines.map((l) => ({
      quantity: l.quantity,
      price_data: { currency: STRIPE_CURRENCY, unit_amount: l.unitAmountFen, product_data: { name: l.name } },
    })),
    client_reference_id: request.reference,
    metadata: request.metadata,
    payment_intent_data: { metadata: request.paymentMetadata ?? request.metadata },
    expires_at: request.expiresAt,
    locale: request.locale,
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
    ...(request.email && { customer_email: request.email }),
  };
  return stripeClient().checkout.sessions.create(params, { idempotencyKey: request.idempotencyKey });
}

/** The session's expiry for an order reservation of the configured length. */
export const orderSessionExpiry = (now: Date) => sessionExpiresAt(now, stripeSettings().reservationMinutes);

export function retrieveCheckoutSession(sessionId: string): Promise<Stripe.Checkout.Session> {
  return stripeClient().checkout.sessions.retrieve(sessionId);
}

const SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/;
export const isSessionId = (value: string) => SESSION_ID.test(value);

/**
 * A session read back when the buyer returns (they may be back before the
 * webhook). Null when Stripe cannot be asked now: the webhook will still come.
 */
export async function readSessionOnReturn(sessionId: string): Promise<Stripe.Checkout.Session | null> {
  try {
    return await retrieveCheckoutSession(sessionId);
  } catch (error) {
    if (!isStripeError(error)) throw error;
    log.error(`stripe session ${sessionId} could not be read: ${error.message}`);
    return null;
  }
}

/** The payment a paid session made (refunds are made against it). */
export function paymentIntentOf(session: Stripe.Checkout.Session): string | null {
  return typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null);
}

/** The session charged exactly `amountFen` in our currency. */
export function sessionCharged(session: Stripe.Checkout.Session, amountFen: bigint): boolean {
  return session.currency === STRIPE_CURRENCY && session.amount_total !== null && BigInt(session.amount_total) === amountFen;
}

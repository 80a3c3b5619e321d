// The one Stripe client of the app, with the API version pinned: Stripe changes
// request and event shapes between versions (2026-10-28 removed Checkout's
// payment_method_types), and our code is written against exactly this one.
// Upgrading the SDK changes `LatestApiVersion`, so the constant below stops
// type-checking until someone has read the changelog and moved it.
import Stripe from 'stripe';
import { env } from '../../lib/env.ts';

export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion;

export interface StripeSettings {
  secretKey: string | null;
  webhookSecret: string | null;
  // http://127.0.0.1:12111 in tests (a local stand-in); null: api.stripe.com.
  apiBase: string | null;
  reservationMinutes: number;
}

// env is parsed once at import, so its settings are one object (stripeClient and the
// security headers recognise them by identity); tests swap the settings here instead.
const envSettings: StripeSettings = {
  secretKey: env.STRIPE_SECRET_KEY ?? null,
  webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? null,
  apiBase: env.STRIPE_API_BASE ?? null,
  reservationMinutes: env.RESERVATION_MINUTES,
};
let override: StripeSettings | null = null;
let cached: { settings: StripeSettings; client: Stripe } | null = null;

/** Tests only: use these settings (merged over the environment's); null restores the environment. */
export function setStripeConfigForTests(settings: Partial<StripeSettings> | null): void {
  override = settings === null ? null : { ...envSettings, ...settings };
  cached = null;
}

export function stripeSettings(): StripeSettings {
  return override ?? envSettings;
}

/** Card, Alipay and WeChat Pay are offered only when a secret key is configured. */
export function stripeEnabled(): boolean {
  return stripeSettings().secretKey !== null;
}

export function stripeClient(): Stripe {
  const settings = stripeSettings();
  if (cached?.settings === settings) return cached.client;
  if (!settings.secretKey) throw new Error('Stripe is not configured (STRIPE_SECRET_KEY)');
  const base = settings.apiBase ? new URL(settings.apiBase) : null;
  const client = new Stripe(settings.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    // POSTs are retried with an idempotency key, so a retry never charges or refunds twice.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === 'https:' ? 443 : 80),
      protocol: base.protocol === 'http:' ? ('http' as const) : ('https' as const),
    }),
  });
  cached = { settings, client };
  return client;
}

/** Verifies a webhook delivery against the signing secret; throws on a bad or stale signature. */
export function verifyStripeEvent(rawBody: string, signature: string, secret: string): Promise<Stripe.Event> {
  // The static helper needs no API key: the webhook works even where only the signing secret is set.
  return Stripe.webhooks.constructEventAsync(rawBody, signature, secret);
}

/**
 * Stripe looked at the request and said no (bad amount, already refunded, key reused
 * with other parameters): retrying will not help. Anything else — unreachable,
 * overloaded, a wrong key in the config — may well succeed later.
 */
export function isStripeRefusal(error: unknown): error is Stripe.errors.StripeError {
  return error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeIdempotencyError;
}

export function isStripeError(error: unknown): error is Stripe.errors.StripeError {
  return error instanceof Stripe.errors.StripeError;
}

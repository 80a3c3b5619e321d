// Stripe's webhook endpoint (configure it in the Stripe dashboard for the four
// checkout.session.* events). Astro's origin check leaves it alone: it only
// refuses cross-site *form* content types, and Stripe posts application/json.
import type { APIRoute } from 'astro';
import { getDb } from '../../../../db/client.ts';
import { receiveStripeWebhook } from '../../../modules/payments/webhook.server.ts';

export const prerender = false;

export const POST: APIRoute = ({ request }) => receiveStripeWebhook(request, getDb);

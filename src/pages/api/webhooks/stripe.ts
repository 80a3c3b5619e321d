// Stripe's webhook endpoint (configure it in the Stripe dashboard for the four
// checkout.session.* events). Astro's origin check leaves it alone: it only
// refuses cross-site *form* content types, and Stripe posts application/json.
import type { APIRoute } from 'astro';
import { receiveStripeWebhook } from '../../../workflows/stripe-events.ts';

export const prerender = false;

export const POST: APIRoute = ({ request, locals }) => receiveStripeWebhook(request, locals.db);

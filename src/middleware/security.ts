// Security headers on every response the app renders: pages, the 404/403 pages,
// endpoints, action results and redirects. What each header says and why:
// src/lib/security-headers.ts. They depend only on the environment (and the Stripe
// settings tests swap), so they are worked out once per settings object. Static
// files (/_astro, /images) are served by src/server/http-server.ts before any
// middleware runs; README says what a proxy should add for them.
import { defineMiddleware } from 'astro:middleware';
import { env } from '../lib/env.ts';
import { formTargets, securityHeaders, wantsHsts } from '../lib/security-headers.ts';
import { stripeSettings, type StripeSettings } from '../modules/payments/client.server.ts';

let memo: { stripe: StripeSettings; headers: [string, string][] } | undefined;

function fixedHeaders(): [string, string][] {
  const stripe = stripeSettings();
  if (memo?.stripe !== stripe) {
    memo = {
      stripe,
      headers: securityHeaders({
        formTargets: formTargets({ enabled: stripe.secretKey !== null, apiBase: stripe.apiBase }),
        hsts: wantsHsts(env.NODE_ENV, env.SITE_URL),
        devServer: import.meta.env.DEV,
      }),
    };
  }
  return memo.headers;
}

export const security = defineMiddleware(async (_context, next) => {
  let response = await next();
  const headers = fixedHeaders();
  try {
    for (const [name, value] of headers) response.headers.set(name, value);
  } catch {
    // Immutable headers (Response.redirect, a fetched response): copy once, then set.
    response = new Response(response.body, response);
    for (const [name, value] of headers) response.headers.set(name, value);
  }
  return response;
});

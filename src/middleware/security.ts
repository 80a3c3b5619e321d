// Security headers on every response the app renders: pages (with Astro's
// hashes for what it inlines), the 404/403 pages, endpoints, action results and
// redirects. What each header says and why: src/lib/security-headers.ts.
// Static files (/_astro, /images) are served by the node adapter before any
// middleware runs; README says what a proxy should add for them.
import { defineMiddleware } from 'astro:middleware';
import { env } from '../lib/env.ts';
import { formTargets, securityHeaders, wantsHsts, type SecuritySettings } from '../lib/security-headers.ts';
import { stripeSettings } from '../modules/payments/client.server.ts';

function settings(): SecuritySettings {
  const stripe = stripeSettings();
  return {
    formTargets: formTargets({ enabled: stripe.secretKey !== null, apiBase: stripe.apiBase }),
    hsts: wantsHsts(env.NODE_ENV, env.SITE_URL),
  };
}

export const security = defineMiddleware(async (_context, next) => {
  let response = await next();
  const headers = securityHeaders(settings(), response.headers.get('content-security-policy'));
  try {
    for (const [name, value] of headers) response.headers.set(name, value);
  } catch {
    // Immutable headers (Response.redirect, a fetched response): copy once, then set.
    response = new Response(response.body, response);
    for (const [name, value] of headers) response.headers.set(name, value);
  }
  return response;
});

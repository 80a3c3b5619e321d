// The security headers every response carries (pages, API, redirects, errors).
// Pure: the middleware (src/middleware/security.ts) passes the settings in.
//
// Content-Security-Policy: nothing inline, on any page. The build inlines nothing
// (astro.config.mjs: stylesheets and scripts are always files under /_astro/), so
// one fixed policy serves every response — pages, endpoints, redirects, action
// results — with script-src and style-src 'self', and no hashes to compute per
// request (Astro's own security.csp digested every page's stylesheets on every
// request: ~9 % of a catalogue page's CPU).

export interface SecuritySettings {
  /** Origins our forms may post to or be redirected to after a POST (Chromium checks form-action on redirects). */
  formTargets: string[];
  /** Send Strict-Transport-Security (production behind https). */
  hsts: boolean;
  /** `npm run dev` only: Vite injects every stylesheet as an inline <style> (and updates it in place), so styles may be inline there. Never scripts, never in a build. */
  devServer?: boolean;
}

/** Features no page of ours uses: a script injected anyway gets nothing. Only names Chromium knows (others log console errors). */
const DENIED_FEATURES = ['accelerometer', 'camera', 'geolocation', 'gyroscope', 'magnetometer', 'microphone', 'payment', 'usb'];

/** Two years, the value hstspreload.org asks for; subdomains of the shop's own host only. */
export const HSTS_VALUE = 'max-age=63072000; includeSubDomains';

/** The policy: our own files only, and never 'unsafe-inline'. */
export function contentSecurityPolicy(settings: SecuritySettings): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    settings.devServer ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${["'self'", ...settings.formTargets].join(' ')}`,
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

export function securityHeaders(settings: SecuritySettings): [string, string][] {
  const headers: [string, string][] = [
    ['Content-Security-Policy', contentSecurityPolicy(settings)],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Permissions-Policy', DENIED_FEATURES.map((f) => `${f}=()`).join(', ')],
    ['X-Content-Type-Options', 'nosniff'],
    // Old browsers that ignore frame-ancestors.
    ['X-Frame-Options', 'DENY'],
    // Our pages never need a handle on another origin's window (Stripe is a full-page redirect).
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  if (settings.hsts) headers.push(['Strict-Transport-Security', HSTS_VALUE]);
  return headers;
}

/**
 * Where forms may end up: Stripe's hosted checkout when Stripe is on (the
 * checkout form posts to us and we 303 to it), and the stand-in's origin when
 * STRIPE_API_BASE points at one (tests).
 */
export function formTargets(stripe: { enabled: boolean; apiBase: string | null }): string[] {
  if (!stripe.enabled) return [];
  const targets = ['https://checkout.stripe.com'];
  if (stripe.apiBase) targets.push(new URL(stripe.apiBase).origin);
  return targets;
}

/** HSTS only where the public site is https and we run in production: browsers ignore it over http anyway, and a dev box on localhost must not be pinned. */
export function wantsHsts(nodeEnv: string, siteUrl: string): boolean {
  return nodeEnv === 'production' && new URL(siteUrl).protocol === 'https:';
}

// The security headers every response carries (pages, API, redirects, errors).
// Pure: the middleware (src/middleware/security.ts) passes the settings in.
//
// Content-Security-Policy: nothing inline runs. Astro's own CSP (security.csp in
// astro.config.mjs) hashes the styles and scripts it inlines into a page and sends
// them as the page's `content-security-policy` header; we keep its script-src and
// style-src and put our other directives around them. Responses Astro did not
// render (endpoints, redirects, action results) get 'self' for both.

export interface SecuritySettings {
  /** Origins our forms may post to or be redirected to after a POST (Chromium checks form-action on redirects). */
  formTargets: string[];
  /** Send Strict-Transport-Security (production behind https). */
  hsts: boolean;
}

/** Features no page of ours uses: a script injected anyway gets nothing. Only names Chromium knows (others log console errors). */
const DENIED_FEATURES = ['accelerometer', 'camera', 'geolocation', 'gyroscope', 'magnetometer', 'microphone', 'payment', 'usb'];

/** Two years, the value hstspreload.org asks for; subdomains of the shop's own host only. */
export const HSTS_VALUE = 'max-age=63072000; includeSubDomains';

/** Splits a CSP header into its directives, by name (lower case). */
export function parseCsp(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const trimmed = part.trim().replace(/\s+/g, ' ');
    if (!trimmed) continue;
    const name = trimmed.split(' ', 1)[0].toLowerCase();
    if (!out.has(name)) out.set(name, trimmed); // the first of two same-named directives wins, as in browsers
  }
  return out;
}

/**
 * The policy: ours, with script-src / style-src taken from Astro's header when it
 * sent one (its hashes of inlined code), and never 'unsafe-inline' for scripts.
 */
export function contentSecurityPolicy(settings: SecuritySettings, astroHeader: string | null): string {
  const astro = parseCsp(astroHeader);
  const fromAstro = (name: string, fallback: string) => {
    const value = astro.get(name);
    return value && !/'unsafe-inline'|'unsafe-eval'/.test(value) ? value : fallback;
  };
  const directives = [
    "default-src 'self'",
    fromAstro('script-src', "script-src 'self'"),
    fromAstro('style-src', "style-src 'self'"),
    ...['script-src-elem', 'script-src-attr', 'style-src-elem', 'style-src-attr'].flatMap((d) => (astro.has(d) ? [fromAstro(d, `${d} 'none'`)] : [])),
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

export function securityHeaders(settings: SecuritySettings, astroCsp: string | null): [string, string][] {
  const headers: [string, string][] = [
    ['Content-Security-Policy', contentSecurityPolicy(settings, astroCsp)],
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

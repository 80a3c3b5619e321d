import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, formTargets, HSTS_VALUE, parseCsp, securityHeaders, wantsHsts } from './security-headers.ts';

const astroHeader = "script-src 'self' 'sha256-AAA='; style-src 'self' 'sha256-BBB=' 'sha256-CCC=';";

describe('contentSecurityPolicy', () => {
  it("keeps Astro's hashes for inlined scripts and styles and adds our directives", () => {
    const csp = parseCsp(contentSecurityPolicy({ formTargets: [], hsts: false }, astroHeader));
    expect(csp.get('script-src')).toBe("script-src 'self' 'sha256-AAA='");
    expect(csp.get('style-src')).toBe("style-src 'self' 'sha256-BBB=' 'sha256-CCC='");
    expect(csp.get('default-src')).toBe("default-src 'self'");
    expect(csp.get('object-src')).toBe("object-src 'none'");
    expect(csp.get('base-uri')).toBe("base-uri 'self'");
    expect(csp.get('form-action')).toBe("form-action 'self'");
    expect(csp.get('frame-ancestors')).toBe("frame-ancestors 'none'");
  });

  it("falls back to 'self' without Astro's header, and never passes 'unsafe-inline' on", () => {
    expect(parseCsp(contentSecurityPolicy({ formTargets: [], hsts: false }, null)).get('script-src')).toBe("script-src 'self'");
    const loose = contentSecurityPolicy({ formTargets: [], hsts: false }, "script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'");
    expect(loose).not.toContain('unsafe-inline');
  });

  it('lets forms end on Stripe when it is configured, and on the stand-in in tests', () => {
    expect(formTargets({ enabled: false, apiBase: 'http://127.0.0.1:12111' })).toEqual([]);
    expect(formTargets({ enabled: true, apiBase: null })).toEqual(['https://checkout.stripe.com']);
    expect(formTargets({ enabled: true, apiBase: 'http://127.0.0.1:12111/v1' })).toEqual(['https://checkout.stripe.com', 'http://127.0.0.1:12111']);
    const csp = contentSecurityPolicy({ formTargets: ['https://checkout.stripe.com'], hsts: false }, null);
    expect(parseCsp(csp).get('form-action')).toBe("form-action 'self' https://checkout.stripe.com");
  });
});

describe('securityHeaders', () => {
  const names = (hsts: boolean) => securityHeaders({ formTargets: [], hsts }, null).map(([n]) => n);

  it('sends HSTS only when asked', () => {
    expect(names(false)).not.toContain('Strict-Transport-Security');
    expect(securityHeaders({ formTargets: [], hsts: true }, null)).toContainEqual(['Strict-Transport-Security', HSTS_VALUE]);
    expect(names(false)).toEqual(expect.arrayContaining(['Content-Security-Policy', 'Referrer-Policy', 'Permissions-Policy', 'X-Content-Type-Options', 'X-Frame-Options']));
  });

  it('asks for HSTS in production behind an https site only', () => {
    expect(wantsHsts('production', 'https://bangfu.example.cn')).toBe(true);
    expect(wantsHsts('production', 'http://127.0.0.1:4399')).toBe(false);
    expect(wantsHsts('development', 'https://bangfu.example.cn')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, formTargets, HSTS_VALUE, securityHeaders, wantsHsts } from './security-headers.ts';

/** A CSP header's directives, by name. */
const parseCsp = (header: string) =>
  new Map(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(' ', 1)[0], d]),
  );

describe('contentSecurityPolicy', () => {
  it('allows our own scripts and styles only, and locks down the rest', () => {
    const csp = parseCsp(contentSecurityPolicy({ formTargets: [], hsts: false }));
    expect(csp.get('script-src')).toBe("script-src 'self'");
    expect(csp.get('style-src')).toBe("style-src 'self'");
    expect([...csp.values()].join(';')).not.toMatch(/unsafe|sha256-/);
    expect(csp.get('default-src')).toBe("default-src 'self'");
    expect(csp.get('object-src')).toBe("object-src 'none'");
    expect(csp.get('base-uri')).toBe("base-uri 'self'");
    expect(csp.get('form-action')).toBe("form-action 'self'");
    expect(csp.get('frame-ancestors')).toBe("frame-ancestors 'none'");
  });

  it("lets the dev server's injected stylesheets apply, and nothing else inline", () => {
    const csp = parseCsp(contentSecurityPolicy({ formTargets: [], hsts: false, devServer: true }));
    expect(csp.get('style-src')).toBe("style-src 'self' 'unsafe-inline'");
    expect(csp.get('script-src')).toBe("script-src 'self'");
  });

  it('lets forms end on Stripe when it is configured, and on the stand-in in tests', () => {
    expect(formTargets({ enabled: false, apiBase: 'http://127.0.0.1:12111' })).toEqual([]);
    expect(formTargets({ enabled: true, apiBase: null })).toEqual(['https://checkout.stripe.com']);
    expect(formTargets({ enabled: true, apiBase: 'http://127.0.0.1:12111/v1' })).toEqual(['https://checkout.stripe.com', 'http://127.0.0.1:12111']);
    const csp = contentSecurityPolicy({ formTargets: ['https://checkout.stripe.com'], hsts: false });
    expect(parseCsp(csp).get('form-action')).toBe("form-action 'self' https://checkout.stripe.com");
  });
});

describe('securityHeaders', () => {
  const names = (hsts: boolean) => securityHeaders({ formTargets: [], hsts }).map(([n]) => n);

  it('sends HSTS only when asked', () => {
    expect(names(false)).not.toContain('Strict-Transport-Security');
    expect(securityHeaders({ formTargets: [], hsts: true })).toContainEqual(['Strict-Transport-Security', HSTS_VALUE]);
    expect(names(false)).toEqual(expect.arrayContaining(['Content-Security-Policy', 'Referrer-Policy', 'Permissions-Policy', 'X-Content-Type-Options', 'X-Frame-Options']));
  });

  it('asks for HSTS in production behind an https site only', () => {
    expect(wantsHsts('production', 'https://bangfu.example.cn')).toBe(true);
    expect(wantsHsts('production', 'http://127.0.0.1:4399')).toBe(false);
    expect(wantsHsts('development', 'https://bangfu.example.cn')).toBe(false);
  });
});

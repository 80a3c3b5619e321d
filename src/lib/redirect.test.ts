import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './redirect.ts';

const go = (next: string | null) => safeRedirectPath(next, '/account');

describe('safeRedirectPath', () => {
  it('keeps a path on this site, with its query and hash, percent-encoded for a Location header', () => {
    expect(go('/units/3')).toBe('/units/3');
    expect(go('/products?q=桃&page=2#list')).toBe('/products?q=%E6%A1%83&page=2#list');
    expect(go('/%E4%B8%AD')).toBe('/%E4%B8%AD');
    expect(go('/中')).toBe('/%E4%B8%AD');
  });

  it('refuses another site, however it is spelled', () => {
    for (const next of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r/evil.example',
      '/\u0000x',
      'javascript:alert(1)',
      ' /x',
      'evil.example',
    ]) {
      expect(go(next), JSON.stringify(next)).toBe('/account');
    }
  });

  it('falls back for nothing, or something absurdly long', () => {
    expect(go(null)).toBe('/account');
    expect(go('')).toBe('/account');
    expect(go(`/${'a'.repeat(3000)}`)).toBe('/account');
  });
});

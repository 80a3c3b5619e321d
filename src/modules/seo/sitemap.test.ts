import { describe, expect, it } from 'vitest';
import { renderSitemap } from './sitemap.ts';

describe('renderSitemap', () => {
  it('lists each page in both languages with hreflang alternates', () => {
    const xml = renderSitemap('https://example.cn/', [{ path: '/' }, { path: '/products/a&b' }]);
    expect(xml).toContain('<loc>https://example.cn/</loc>');
    expect(xml).toContain('<loc>https://example.cn/en/</loc>');
    expect(xml).toContain('<loc>https://example.cn/en/products/a&amp;b</loc>');
    expect(xml).toContain('hreflang="zh-CN" href="https://example.cn/products/a&amp;b"');
    expect(xml.match(/<url>/g)).toHaveLength(4);
  });
});

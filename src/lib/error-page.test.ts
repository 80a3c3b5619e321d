import { describe, expect, it } from 'vitest';
import { errorPage } from './error-page.ts';

describe('the error page', () => {
  it('says what happened in the page’s language and shows the id to quote', async () => {
    const zh = errorPage('/products/taozi', 'abc123def456');
    expect(zh.status).toBe(500);
    expect(zh.headers.get('cache-control')).toBe('no-store');
    const html = await zh.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('如需联系我们，请告知错误编号：');
    expect(html).toContain('<code id="request-id">abc123def456</code>');
    expect(html).toContain('name="viewport"');
    const en = await errorPage('/en/products/taozi', 'abc123def456').text();
    expect(en).toContain('lang="en"');
    expect(en).toContain('please quote this reference');
    expect(en).toContain('href="/en/"');
  });

  it('escapes an id a proxy passed on', async () => {
    expect(await errorPage('/', '<b>x</b>').text()).toContain('&#60;b&#62;x&#60;/b&#62;');
  });
});

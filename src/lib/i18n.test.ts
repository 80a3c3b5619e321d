import { describe, expect, it } from 'vitest';
import { fill, localeFromPath, localePath, messages, pathWithoutLocale, pick } from './i18n.ts';

describe('i18n', () => {
  it('has the same areas in both languages', () => {
    expect(Object.keys(messages('en')).sort()).toEqual(Object.keys(messages('zh')).sort());
  });
  it('maps paths between languages', () => {
    expect(localePath('en', '/')).toBe('/en/');
    expect(localePath('en', '/products?q=桃')).toBe('/en/products?q=桃');
    expect(localePath('zh', '/products')).toBe('/products');
    expect(pathWithoutLocale('/en/villages/x')).toBe('/villages/x');
    expect(pathWithoutLocale('/en')).toBe('/');
    expect(localeFromPath('/en/products')).toBe('en');
    expect(localeFromPath('/enrich')).toBe('zh');
  });
  it('fills placeholders and falls back to Chinese', () => {
    expect(fill('共 {n} 件商品', { n: 3 })).toBe('共 3 件商品');
    expect(pick('en', '脆桃', '')).toBe('脆桃');
    expect(pick('en', '脆桃', 'Crisp peach')).toBe('Crisp peach');
  });
});

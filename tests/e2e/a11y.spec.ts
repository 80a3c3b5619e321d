// axe-core on every catalogue page, both languages: no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { villages } from '../../db/demo/data.ts';

const v = villages[0];
const paths = ['/', '/products', '/products?q=桃&category=fresh-fruit', `/products/${v.products[0].slug}`, '/villages', `/villages/${v.slug}`, '/products/missing'];

for (const path of [...paths, ...paths.map((p) => (p === '/' ? '/en/' : `/en${p}`))]) {
  test(`axe: ${path}`, async ({ page }) => {
    await page.goto(path);
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']).analyze();
    const bad = violations
      .filter((x) => x.impact === 'serious' || x.impact === 'critical')
      .map((x) => `${x.id}: ${x.help} — ${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(bad).toEqual([]);
  });
}

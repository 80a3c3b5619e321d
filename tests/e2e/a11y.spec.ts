// axe-core on every page a user can reach, both languages: no serious or
// critical violations. The catalogue pages one test each; then every route of
// tests/e2e/routes.ts as someone allowed to see it (signed-in pages included),
// and the signed-in variants of shared pages (header, 403, a unit's own list).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { villages } from '../../db/demo/data.ts';
import { clients, discoverIds, languageNeutral, routeFiles, routes, type Role, type Rule } from './routes.ts';

const v = villages[0];
const paths = ['/', '/products', '/products?q=桃&category=fresh-fruit', `/products/${v.products[0].slug}`, '/villages', `/villages/${v.slug}`, '/products/missing'];

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']).analyze();
  return violations
    .filter((x) => x.impact === 'serious' || x.impact === 'critical')
    .map(
      (x) =>
        `${x.id}: ${x.help} — ${x.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

for (const path of [...paths, ...paths.map((p) => (p === '/' ? '/en/' : `/en${p}`))]) {
  test(`axe: ${path}`, async ({ page }) => {
    await page.goto(path);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

/** Who looks at a page: the least privileged person the route lets in (admins see what no one else may). */
function viewer(rule: Rule): Role {
  if (rule.kind === 'public') return 'anonymous';
  if (rule.kind === 'user') return 'consumer';
  if (rule.kind === 'admin' || rule.kind === 'buyer') return 'admin';
  return rule.allowed[0];
}

// Signed-in views of pages the walk shows to someone else.
const extra: { role: Role; url: string }[] = [
  { role: 'admin', url: '/' },
  { role: 'consumer', url: `/products/${v.products[0].slug}` },
  { role: 'consumer', url: '/admin' }, // the 403 page
  { role: 'unitadmin', url: '/account/units' },
  { role: 'manager', url: '/manage' },
  { role: 'manager', url: '/account' },
  { role: 'staff', url: '/account/orders' },
];

const VIEWERS: Role[] = ['anonymous', 'consumer', 'staff', 'unitadmin', 'sanitation', 'manager', 'admin'];

async function browsers(browser: Browser, baseURL: string): Promise<Map<Role, BrowserContext>> {
  const cs = await clients(baseURL, VIEWERS);
  const map = new Map<Role, BrowserContext>();
  for (const role of VIEWERS) map.set(role, await browser.newContext({ storageState: await cs.get(role)!.request.storageState() }));
  return map;
}

// Each language's walk places its order as its own account, so the two (running in parallel) never share a cart.
for (const [lang, buyer] of [
  ['', 'approver'],
  ['/en', 'sanitation'],
] as const) {
  test(`axe: every page a user can reach${lang ? ' (English)' : ''}, signed in as who may see it`, async ({ browser, baseURL }) => {
    test.setTimeout(360_000);
    // The order the order pages show, from an account whose cart no other browser test fills at the same time.
    const ids = await discoverIds(await clients(baseURL!, ['unitadmin', 'sanitation', buyer]), baseURL!, buyer);
    const contexts = await browsers(browser, baseURL!);
    const pages = new Map<Role, Page>();
    for (const [role, context] of contexts) pages.set(role, await context.newPage());
    const existing = new Set(routeFiles());
    const visits = [
      ...Object.entries(routes)
        .filter(([route]) => existing.has(route) && (!lang || !languageNeutral.has(route)))
        .flatMap(([, cases]) => cases(ids).map(({ url, rule }) => ({ role: viewer(rule), url }))),
      ...extra,
    ];
    const failures: string[] = [];
    let checked = 0;
    for (const { role, url } of visits) {
      if (paths.includes(url) && role === 'anonymous') continue; // checked one by one above
      if (/\.(csv|xlsx)(\?|$)/.test(url)) continue; // downloads, not pages
      const page = pages.get(role)!;
      const response = await page.goto(lang + url);
      if (!(response?.headers()['content-type'] ?? '').startsWith('text/html')) continue; // healthz, robots.txt, sitemap.xml
      // The page itself, not the sign-in form it would send a stranger to.
      const landed = new URL(page.url()).pathname;
      if (landed !== new URL(lang + url, baseURL).pathname) failures.push(`${role} ${lang}${url}: landed on ${landed}`);
      checked++;
      failures.push(...(await seriousViolations(page)).map((x) => `${role} ${lang}${url}: ${x}`));
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(25);
    for (const context of contexts.values()) await context.close();
  });
}

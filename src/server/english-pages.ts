// One route file per screen, both languages: every page under src/pages is
// served at its path in Chinese and again under /en/ in English, from the same
// file (the page reads its language from the address: localeFromPath). Astro's
// file routing gives the Chinese route; this integration injects the English
// twin with the same entrypoint. Endpoints that are the same in every language
// (files, feeds, the JSON API, webhooks) have no twin. Unknown paths stay 404s
// in both languages. See docs/decisions/0008-one-route-per-screen.md.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { AstroIntegration } from 'astro';

/** Routes (as Astro patterns, Chinese side) that exist once, in no language. */
export const LANGUAGE_NEUTRAL: ReadonlySet<string> = new Set([
  '/healthz',
  '/robots.txt',
  '/sitemap.xml',
  '/404',
  '/uploads/[...path]',
  '/api/webhooks/stripe',
  '/manage/villages/[slug]/report.csv',
  '/manage/villages/[slug]/report.xlsx',
  '/manage/villages/[slug]/report/entries.xlsx',
  '/api/v1/reports/villages/[id]',
  '/api/v1/reports/units/[id]',
  '/api/v1/reports/platform',
  '/api/v1/openapi.json',
  '/api/v1/[...path]',
]);

export interface PageFile {
  /** Astro's pattern for the Chinese route: '/products/[slug]', '/' for the home page. */
  pattern: string;
  /** The file, relative to the project root: 'src/pages/products/[slug].astro'. */
  entrypoint: string;
}

/** Every route file under `pagesDir` with the pattern Astro's file routing gives it. */
export function pageFiles(root: string, pagesDir = 'src/pages'): PageFile[] {
  const out: PageFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(astro|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        const rel = relative(join(root, pagesDir), path).split(sep).join('/');
        const pattern = `/${rel.replace(/\.(astro|ts)$/, '')}`.replace(/\/index$/, '') || '/';
        out.push({ pattern, entrypoint: `${pagesDir}/${rel}` });
      }
    }
  };
  walk(join(root, pagesDir));
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The English twins: '/products/[slug]' → '/en/products/[slug]', '/' → '/en'. */
export function englishTwins(root: string): PageFile[] {
  return pageFiles(root)
    .filter((p) => !LANGUAGE_NEUTRAL.has(p.pattern))
    .map((p) => ({ pattern: p.pattern === '/' ? '/en' : `/en${p.pattern}`, entrypoint: p.entrypoint }));
}

export function englishPages(): AstroIntegration {
  return {
    name: 'bangfu:english-pages',
    hooks: {
      'astro:config:setup': ({ config, injectRoute }) => {
        const root = decodeURIComponent(config.root.pathname);
        for (const twin of englishTwins(root)) injectRoute({ ...twin, prerender: false });
      },
    },
  };
}

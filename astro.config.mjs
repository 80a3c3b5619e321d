// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { englishPages } from './src/server/english-pages.ts';

// Behind a TLS-terminating load balancer the server sees plain http, so a browser's
// `Origin: https://…` would fail Astro's origin check on every form. Astro trusts the
// balancer's X-Forwarded-Proto / X-Forwarded-Host only for the hosts listed here: the
// public site, when the release is built with an https SITE_URL (docs/operations.md).
const site = process.env.SITE_URL ? new URL(process.env.SITE_URL) : null;
const allowedDomains = site?.protocol === 'https:' ? [{ protocol: 'https', hostname: site.hostname, ...(site.port && { port: site.port }) }] : [];

/**
 * `npm run dev` runs the background jobs (src/workflows/jobs.ts) in the dev server's
 * process, as `npm start` does (scripts/start.ts), unless JOBS=off. Node imports them
 * natively (the config is loaded by Node, not Vite), so an edit to a job needs a
 * restart; they share the pages' database handle, which db/client.ts keeps on
 * globalThis for both copies of itself (PGlite allows one handle per directory).
 * Started in the background: the dev server does not wait for them. Ctrl-C ends the
 * process without stopping them; a job cut off there runs again once it expires.
 * @returns {import('astro').AstroIntegration}
 */
function backgroundJobs() {
  /** @type {Promise<import('./src/modules/jobs/runner.server.ts').JobRunner | null> | null} */
  let running = null;
  return {
    name: 'bangfu:background-jobs',
    hooks: {
      'astro:server:start': ({ logger }) => {
        running ??= (async () => {
          const { env } = await import('./src/lib/env.ts');
          if (env.JOBS === 'off') return null;
          const { getDatabase } = await import('./db/client.ts');
          const { startBackgroundJobs } = await import('./src/workflows/jobs.ts');
          const runner = await startBackgroundJobs(await getDatabase());
          logger.info('background jobs running');
          return runner;
        })().catch((error) => {
          logger.error(`background jobs did not start: ${error instanceof Error ? error.message : error}`);
          return null;
        });
      },
      'astro:server:done': async () => {
        const runner = await running;
        running = null;
        await runner?.stop();
      },
    },
  };
}

export default defineConfig({
  output: 'server',
  // Middleware mode: scripts/start.ts serves the build on its own node:http server
  // (src/server/http-server.ts), with the static files listed once instead of looked up per request.
  // No streaming: a page is rendered whole and sent in one write with its Content-Length. Our pages
  // load their data before rendering, so streaming sent nothing earlier, and its chunked writes
  // cost ~10 % of a catalogue page's CPU; a render error also becomes a whole 500 page, not a cut-off one.
  adapter: node({ mode: 'middleware', experimentalDisableStreaming: true }),
  server: { port: 4321 },
  devToolbar: { enabled: false },
  // Every page at / in Chinese and under /en/ in English, from one route file (src/server/english-pages.ts);
  // background jobs with the dev server (as npm start runs them).
  integrations: [englishPages(), backgroundJobs()],
  // Astro's origin check stays on (the default): cross-site form POSTs are refused.
  // Actions take up to 16 MB: an after-sale claim carries up to three 5 MB photos.
  // The Content-Security-Policy is one fixed header (src/lib/security-headers.ts, sent
  // by src/middleware/security.ts): nothing is inlined (below), so there is nothing to
  // hash. Astro's own security.csp would digest every page's stylesheets per request.
  security: { checkOrigin: true, actionBodySizeLimit: 16 * 1024 * 1024, allowedDomains },
  // Every stylesheet and script is a file under /_astro/ (cached for a year), never
  // inlined into the page: script-src and style-src stay 'self'.
  build: { inlineStylesheets: 'never' },
  vite: {
    // PGlite loads its WASM files relative to its own module: keep it out of the bundle.
    ssr: { external: ['@electric-sql/pglite', 'postgres'] },
    // Small scripts would otherwise be inlined into the page (and need a CSP hash).
    build: { assetsInlineLimit: 0 },
  },
});

// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  server: { port: 4321 },
  devToolbar: { enabled: false },
  // Astro's origin check stays on (the default): cross-site form POSTs are refused.
  // Actions take up to 16 MB: an after-sale claim carries up to three 5 MB photos.
  // csp: Astro hashes the styles and scripts it inlines (small stylesheets are inlined)
  // into each page's content-security-policy header; src/middleware/security.ts adds
  // the rest of the policy and the other security headers to every response.
  security: { checkOrigin: true, actionBodySizeLimit: 16 * 1024 * 1024, csp: true },
  vite: {
    // PGlite loads its WASM files relative to its own module: keep it out of the bundle.
    ssr: { external: ['@electric-sql/pglite', 'postgres'] },
  },
});

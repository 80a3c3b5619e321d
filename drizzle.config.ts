import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from db/schema/; both drivers
// (PGlite and postgres.js) apply the same files from db/migrations/.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});

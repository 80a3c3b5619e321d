// Every environment variable the app reads is declared here, once, with its
// default. Nothing else reads process.env.
import { z } from 'zod';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // postgres://… — use PostgreSQL through postgres.js. Unset: embedded PGlite.
  DATABASE_URL: z.url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  // Data directory of the embedded PGlite database (used only without DATABASE_URL).
  PGLITE_DIR: z.string().default('.data/pglite'),
  // Public origin, for canonical links, hreflang and the sitemap.
  SITE_URL: z.url().default('http://localhost:4321'),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

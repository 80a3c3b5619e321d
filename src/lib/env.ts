// Every environment variable the app reads is declared here, once, with its
// default. Outside the app, only the build (astro.config.mjs: SITE_URL) and the
// production start (scripts/start.ts: HOST, PORT, SERVER_KEY_PATH, SERVER_CERT_PATH) read process.env.
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
  // smtp(s)://user:pass@host:port — send mail through it. Unset: mail goes to the
  // outbox table, which admins read at /admin/outbox.
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().default('帮扶集市 <no-reply@bangfu.local>'),
  // Mark the session cookie Secure; on by default in production.
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  // Number of proxies in front of the server whose X-Forwarded-For we trust (0: use the socket address).
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(5).default(0),
  // Minutes an unpaid order holds its stock before the sweep gives it back.
  RESERVATION_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
  // Stripe Checkout (card, Alipay, WeChat Pay). Unset: only offline payment is offered.
  STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
  // Without it the webhook refuses every event (nothing unsigned is trusted).
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
  // Where Stripe's API is, for tests against a local stand-in: http://127.0.0.1:12111.
  STRIPE_API_BASE: z.url().optional(),
  // After-sale photos and other uploads are stored on disk here (not under public/).
  UPLOAD_DIR: z.string().default('.data/uploads'),
  // Run the background jobs (sweeps, mail delivery) in this process: npm start and npm run dev.
  // Off: this instance only serves pages; jobs wait in the queue for an instance that runs them.
  JOBS: z.enum(['on', 'off']).default('on'),
  // What reaches the log (JSON lines on stdout, src/lib/log.ts): info is one line per request.
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
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

/** Cookies are marked Secure when COOKIE_SECURE says so, else in production. */
export const cookieSecure: boolean = env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : env.NODE_ENV === 'production';

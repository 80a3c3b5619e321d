// Environment read by the test tooling (not by the app: see src/lib/env.ts).
import { z } from 'zod';

export const testEnv = z
  .object({
    // Set: integration and e2e tests run on this PostgreSQL server (each on its own database).
    DATABASE_URL: z.url().optional(),
    // A Chromium/Chrome executable; otherwise /usr/bin/chromium, then Playwright's own.
    CHROMIUM_PATH: z.string().optional(),
    E2E_PORT: z.coerce.number().int().default(4399),
  })
  .parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));

import { defineConfig } from '@playwright/test';
import { chromiumArgs, ensureChromium } from './tests/setup/chromium.ts';
import { testEnv } from './tests/setup/env.ts';

const port = testEnv.E2E_PORT;

export default defineConfig({
  // Browser tests, and the security regressions (tests/security/: through a server of their own).
  testDir: 'tests',
  testMatch: /(e2e|security)\/.*\.spec\.ts$/,
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: ensureChromium(), args: chromiumArgs },
    trace: 'off',
  },
  // A fresh database (PostgreSQL when DATABASE_URL is set, PGlite otherwise),
  // migrated and seeded, behind the built production server.
  webServer: {
    command: 'node tests/setup/e2e-server.ts',
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});

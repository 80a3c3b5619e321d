// `npm run test:faults`: the fault tests in tests/faults/ (kill -9 under load,
// PostgreSQL restarted under load, two instances without sticky sessions).
// They start their own servers from the production build (`npm run build`)
// and their own databases; no shared web server, one test at a time.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/faults',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 240_000,
  reporter: [['list'], ['json', { outputFile: '.test-results/faults.json' }]],
});

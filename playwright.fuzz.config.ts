// `npm run test:fuzz`: the fuzzing specs alone, long (scripts/fuzz.ts sets how long), each on
// a server and database of its own — no shared web server. The two files run side by side.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: /fuzz-.*\.spec\.ts/,
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 240_000,
  reporter: [['list'], ['json', { outputFile: '.test-results/fuzz.json' }]],
});

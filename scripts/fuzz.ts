// `npm run test:fuzz`: the long fuzzing run — FUZZ_RUNS (default 10,000) hostile requests per
// action and FUZZ_PAGE_RUNS (default 10,000) per query-taking page, 1,000 per other route,
// against the production build (made first) on PostgreSQL (DATABASE_URL's server, else the
// local one). Seeded: FUZZ_SEED=<n> replays a run. Prints per action and per route how many
// requests, in how long, with which statuses; fails on any answer of 500 or above, or on a
// write from a refused request. A few hours on a 2-core machine: run it by hand.
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10000',
  FUZZ_PAGE_RUNS: process.env.FUZZ_PAGE_RUNS ?? '10000',
  FUZZ_SEED: process.env.FUZZ_SEED ?? String(Date.now() % 2 ** 31),
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
};
console.log(`fuzz: ${env.FUZZ_RUNS} per action, ${env.FUZZ_PAGE_RUNS} per query-taking page, seed ${env.FUZZ_SEED}`);
const build = spawnSync('node_modules/.bin/astro', ['build'], { stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync('node_modules/.bin/playwright', ['test', '-c', 'playwright.fuzz.config.ts', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(run.status ?? 1);

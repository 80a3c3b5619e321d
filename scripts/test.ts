// `npm test`: type check, lint (Biome and the dependency rules), unit + integration
// tests (Vitest), production build, browser tests (Playwright in Chromium). On
// PostgreSQL when DATABASE_URL is set, on PGlite otherwise. Ends with one line:
// "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const bin = (name: string) => `node_modules/.bin/${name}`;
const results = '.test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const failures: string[] = [];
function step(title: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(bin(command), args, { stdio: 'inherit' });
  const ok = r.status === 0;
  console.log(`${ok ? '✓' : '✗'} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(title);
  return ok;
}

console.log(`Database for this run: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}`);
step('type check (astro check)', 'astro', ['check']);
step('lint (biome, dependency rules)', 'node', ['scripts/lint.ts']);
step('unit and integration tests (vitest)', 'vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`]);
if (step('production build (astro build)', 'astro', ['build'])) {
  step('browser tests (playwright, chromium)', 'playwright', ['test']);
} else {
  failures.push('browser tests skipped: no build');
}

let passed = 0;
let failed = 0;
const read = (file: string) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const vitest = read(`${results}/vitest.json`);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
}
const playwright = read(`${results}/playwright.json`);
if (playwright) {
  passed += playwright.stats.expected;
  failed += playwright.stats.unexpected + playwright.stats.flaky;
}
failed += failures.length && failed === 0 ? failures.length : 0;
console.log(failures.length ? `\nFailed: ${failures.join('; ')}` : '\nAll steps passed.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);

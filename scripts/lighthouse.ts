// `npm run audit:lighthouse`: Lighthouse (mobile, simulated throttling — its
// defaults) on the home, products, a product and a village page of the
// production build, on a fresh seeded PGlite database in a temporary directory.
// Builds first when dist/ is missing or older than the sources. Each page is
// audited `--runs N` times (default 3; Lighthouse's own advice is the median of
// several runs) and one JSON line of the median category scores is printed per
// page, then which targets are missed and the audits behind each miss (exit 1 if
// any). Not part of `npm test`: a few minutes on a small machine. Performance
// depends on the machine's load (simulated throttling scales what it measures),
// so run it on a quiet machine before believing a performance miss.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { openDatabase } from '../db/client.ts';
import { villages } from '../db/demo/data.ts';
import { seedAccounts } from '../db/seed-accounts.ts';
import { seedDemo } from '../db/seed.ts';
import { shanghaiDate } from '../src/lib/dates.ts';
import { chromiumArgs, ensureChromium } from '../tests/setup/chromium.ts';
import { freePort } from '../tests/setup/instances.ts';

const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 100 } as const;
type Category = keyof typeof TARGETS;
const village = villages[0];
const PAGES = ['/', '/products', `/products/${village.products[0].slug}`, `/villages/${village.slug}`];

const root = new URL('..', import.meta.url).pathname;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('usage: npm run audit:lighthouse -- [--runs N]');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

function buildIfNeeded() {
  const entry = join(root, 'dist/server/entry.mjs');
  const sources = Math.max(...['src', 'public', 'db', 'astro.config.mjs'].map((p) => newestMtime(join(root, p))));
  if (existsSync(entry) && statSync(entry).mtimeMs > sources) return;
  console.error('lighthouse: building (dist/ is missing or older than the sources)…');
  const r = spawnSync(join(root, 'node_modules/.bin/astro'), ['build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bangfu-lighthouse-'));
  const database = await openDatabase({ dataDir });
  await database.migrate();
  await seedDemo(database.db, shanghaiDate(new Date()));
  await seedAccounts(database.db);
  await database.close();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production', PGLITE_DIR: dataDir, SITE_URL: origin };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (const deadline = Date.now() + 60_000; ; ) {
    if (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) return { origin, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error('lighthouse: the server did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Result = NonNullable<Awaited<ReturnType<typeof lighthouse>>>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

buildIfNeeded();
const server = await startServer();
const chrome = await chromeLauncher.launch({ chromePath: ensureChromium(), chromeFlags: chromiumArgs });
const missed: string[] = [];
// Lighthouse's own warnings, e.g. that the CPU is slower than it expects (a busy machine): they explain performance misses.
const warnings = new Set<string>();
try {
  for (const path of PAGES) {
    const runs: Result['lhr'][] = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(server.origin + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: Object.keys(TARGETS) });
      if (!result) throw new Error(`lighthouse: no result for ${path}`);
      runs.push(result.lhr);
    }
    const score = (lhr: Result['lhr'], c: Category) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
    const scores = Object.fromEntries((Object.keys(TARGETS) as Category[]).map((c) => [c, median(runs.map((r) => score(r, c)))])) as Record<Category, number>;
    const benchmarkIndex = median(runs.map((r) => r.environment.benchmarkIndex));
    console.log(JSON.stringify({ page: path, ...scores, runs: RUNS, benchmarkIndex }));
    for (const w of runs.flatMap((r) => r.runWarnings)) warnings.add(w);
    for (const c of Object.keys(TARGETS) as Category[]) {
      if (scores[c] >= TARGETS[c]) continue;
      const lhr = runs.find((r) => score(r, c) === scores[c]) ?? runs[0];
      // The audits that cost points, so a miss says what to fix.
      const failing = lhr.categories[c].auditRefs
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 0.9)
        .map((ref) => `${ref.id}${lhr.audits[ref.id].displayValue ? ` (${lhr.audits[ref.id].displayValue})` : ''}`);
      missed.push(`${path} ${c} ${scores[c]} < ${TARGETS[c]}: ${failing.join(', ') || 'no single audit below 90'}`);
    }
  }
} finally {
  chrome.kill();
  await server.stop();
}
if (warnings.size) console.log(`Lighthouse warned:\n  ${[...warnings].join('\n  ')}`);
console.log(missed.length ? `Targets missed:\n  ${missed.join('\n  ')}` : 'All targets met.');
process.exit(missed.length ? 1 : 0);

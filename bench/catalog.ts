// bench:catalog — the store's catalogue pages under load against a bare
// node:http + postgres.js server rendering the same rows (bench/bare-server.ts),
// in one run, on one freshly seeded database. Anonymous visitors (no cookies),
// the way most catalogue traffic arrives.
//
// Three kinds of load, each in rounds that alternate store and bare (a warm-up
// before each server's first round), so drift and bursts of outside load hit
// both alike and every round gives one paired ratio:
//   mixed    — /products and every product page, one after the other (the headline figures)
//   list     — /products only
//   product  — product pages only, rotating through all of them
// Each figure is the median over the rounds; the ratio is the median of the
// rounds' ratios. Prints one JSON line: {"store_rps","bare_rps","ratio","store_p99_ms",…}.
// Knobs: BENCH_SECONDS (mixed load per server in all, default 12), BENCH_ROUNDS
// (default 3), BENCH_CONNECTIONS (default 32).
import { eq } from 'drizzle-orm';
import { products } from '../db/schema/index.ts';
import { ensureBuild, load, log, round, runBench, seconds, type Load } from './lib/harness.ts';
import { benchDatabase, startBare, startStore } from './lib/servers.ts';

const POOL = 10; // the store's DATABASE_POOL_MAX default, for both servers
const connections = Math.round(seconds('BENCH_CONNECTIONS', 32));
const rounds = Math.max(1, Math.round(seconds('BENCH_ROUNDS', 3)));
const mixedSeconds = seconds('BENCH_SECONDS', 12);
const partSeconds = Math.max(3, Math.round(mixedSeconds / 2));

async function htmlBytes(origin: string, path: string): Promise<number> {
  const r = await fetch(origin + path);
  const body = await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${origin}${path} answered ${r.status}`);
  return body.byteLength;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const med = (loads: Load[], key: 'rps' | 'p50_ms' | 'p99_ms' | 'cpu_ms_per_req') =>
  loads.some((l) => l[key] === null) ? null : round(median(loads.map((l) => l[key] as number)), 2);

/** Medians over the rounds; the ratio is the median of the rounds' own ratios. */
const summary = ({ store, bare }: { store: Load[]; bare: Load[] }) => ({
  store_rps: med(store, 'rps'),
  bare_rps: med(bare, 'rps'),
  ratio: round(median(store.map((s, i) => s.rps / bare[i].rps)), 2),
  store_p50_ms: med(store, 'p50_ms'),
  store_p99_ms: med(store, 'p99_ms'),
  bare_p50_ms: med(bare, 'p50_ms'),
  bare_p99_ms: med(bare, 'p99_ms'),
  store_cpu_ms_per_req: med(store, 'cpu_ms_per_req'),
  bare_cpu_ms_per_req: med(bare, 'cpu_ms_per_req'),
  round_ratios: store.map((s, i) => round(s.rps / bare[i].rps, 2)),
});

await runBench(async () => {
  ensureBuild();
  const db = await benchDatabase('catalog', true);
  const store = await startStore(db.url, { DATABASE_POOL_MAX: String(POOL) });
  const bare = await startBare(db.url, POOL);

  const rows = await db.database.db.select({ slug: products.slug }).from(products).where(eq(products.status, 'active')).orderBy(products.id);
  const slugs = rows.map((r) => r.slug);
  const productPaths = slugs.map((s) => `/products/${s}`);
  const mixedPaths = productPaths.flatMap((p) => ['/products', p]);

  const html = {
    store_list: await htmlBytes(store.origin, '/products'),
    bare_list: await htmlBytes(bare.origin, '/products'),
    store_product: await htmlBytes(store.origin, productPaths[0]),
    bare_product: await htmlBytes(bare.origin, productPaths[0]),
  };
  log('HTML bytes (uncompressed):', html);

  const results: Record<string, { store: Load[]; bare: Load[] }> = {};
  for (const [name, paths, total] of [
    ['mixed', mixedPaths, mixedSeconds],
    ['list', ['/products'], partSeconds],
    ['product', productPaths, partSeconds],
  ] as const) {
    const duration = Math.max(2, Math.round(total / rounds));
    const result: { store: Load[]; bare: Load[] } = { store: [], bare: [] };
    for (let i = 0; i < rounds; i++) {
      // Warm up each server before its first round of each kind (JIT, statement caches).
      const warmup = i === 0 ? Math.min(3, Math.max(1, duration)) : 0;
      const runStore = () => load(store.origin, [...paths], { connections, duration, warmup, pid: store.process.pid });
      const runBare = () => load(bare.origin, [...paths], { connections, duration, warmup, pid: bare.pid });
      // Who goes first alternates too, so neither always follows the other's load.
      let s: Load, b: Load;
      if (i % 2 === 0) {
        s = await runStore();
        b = await runBare();
      } else {
        b = await runBare();
        s = await runStore();
      }
      log(
        `${name} round ${i + 1}/${rounds}, ${duration} s each: store ${s.rps} req/s (p99 ${s.p99_ms} ms, ${s.cpu_ms_per_req} ms CPU/req), bare ${b.rps} req/s (p99 ${b.p99_ms} ms, ${b.cpu_ms_per_req} ms CPU/req)`,
      );
      result.store.push(s);
      result.bare.push(b);
    }
    results[name] = result;
  }
  const bad = Object.values(results)
    .flatMap((r) => [...r.store, ...r.bare])
    .reduce((n, r) => n + r.non2xx + r.errors, 0);

  return {
    ...summary(results.mixed),
    list: summary(results.list),
    product: summary(results.product),
    html_bytes: html,
    non2xx_or_errors: bad,
    connections,
    seconds: mixedSeconds,
    rounds,
    products: slugs.length,
    pool_max: POOL,
  };
});

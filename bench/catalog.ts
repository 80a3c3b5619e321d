// bench:catalog — the store's catalogue pages under load against a bare
// node:http + postgres.js server rendering the same rows (bench/bare-server.ts),
// in one run, on one freshly seeded database. Anonymous visitors (no cookies),
// the way most catalogue traffic arrives.
//
// Runs, each a warm-up then a fixed duration, store and bare alternating so a
// burst of outside load hits both alike:
//   mixed    — /products and every product page, one after the other (the headline figures)
//   list     — /products only
//   product  — product pages only, rotating through all of them
// Prints one JSON line: {"store_rps","bare_rps","ratio","store_p99_ms",…}.
// Knobs: BENCH_SECONDS (mixed run, default 10), BENCH_CONNECTIONS (default 32).
import { eq } from 'drizzle-orm';
import { products } from '../db/schema/index.ts';
import { ensureBuild, load, log, round, runBench, seconds, type Load } from './lib/harness.ts';
import { benchDatabase, startBare, startStore } from './lib/servers.ts';

const POOL = 10; // the store's DATABASE_POOL_MAX default, for both servers
const connections = Math.round(seconds('BENCH_CONNECTIONS', 32));
const mixedSeconds = seconds('BENCH_SECONDS', 10);
const partSeconds = Math.max(3, Math.round(mixedSeconds / 2));

async function htmlBytes(origin: string, path: string): Promise<number> {
  const r = await fetch(origin + path);
  const body = await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${origin}${path} answered ${r.status}`);
  return body.byteLength;
}

const pair = (store: Load, bare: Load) => ({
  store_rps: store.rps,
  bare_rps: bare.rps,
  ratio: round(store.rps / bare.rps, 2),
  store_p50_ms: store.p50_ms,
  store_p99_ms: store.p99_ms,
  bare_p50_ms: bare.p50_ms,
  bare_p99_ms: bare.p99_ms,
  store_cpu_ms_per_req: store.cpu_ms_per_req,
  bare_cpu_ms_per_req: bare.cpu_ms_per_req,
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

  const opts = (duration: number, pid: number | undefined) => ({ connections, duration, pid, warmup: Math.min(3, Math.max(1, Math.round(duration / 3))) });
  const results: Record<string, { store: Load; bare: Load }> = {};
  for (const [name, paths, duration] of [
    ['mixed', mixedPaths, mixedSeconds],
    ['list', ['/products'], partSeconds],
    ['product', productPaths, partSeconds],
  ] as const) {
    log(`${name}: store, ${duration} s at ${connections} connections`);
    const s = await load(store.origin, [...paths], opts(duration, store.process.pid));
    log(`${name}: bare, ${duration} s at ${connections} connections`);
    const b = await load(bare.origin, [...paths], opts(duration, bare.pid));
    log(`${name}: store ${s.rps} req/s (p99 ${s.p99_ms} ms, ${s.cpu_ms_per_req} ms CPU/req), bare ${b.rps} req/s (p99 ${b.p99_ms} ms, ${b.cpu_ms_per_req} ms CPU/req)`);
    results[name] = { store: s, bare: b };
  }
  const bad = Object.values(results).flatMap((r) => [r.store, r.bare]).reduce((n, r) => n + r.non2xx + r.errors, 0);

  return {
    ...pair(results.mixed.store, results.mixed.bare),
    list: pair(results.list.store, results.list.bare),
    product: pair(results.product.store, results.product.bare),
    html_bytes: html,
    non2xx_or_errors: bad,
    connections,
    seconds: mixedSeconds,
    products: slugs.length,
    pool_max: POOL,
  };
});

// `npm run bench:report [-- --entries 10000000 --keep]`: reports over a large
// ledger (issue #6, point 9). Loads N ledger entries (default 10 million; 3
// years, 500 villages, 200 units) into a scratch PostgreSQL database, times the
// reports warm (median of 7 runs after 2 warm-ups) and a 100 000-row .xlsx
// export, prints one JSON line to stdout (progress goes to stderr) and drops the
// database, also on failure or Ctrl-C. Target: each report under 300 ms.
// Needs PostgreSQL: DATABASE_URL (any database on the server; the scratch one
// is created next to it), else postgres://postgres@127.0.0.1:5432/postgres.
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openDatabase, type Database } from '../db/client.ts';
import { env } from '../src/lib/env.ts';
import { exportEntriesXlsx } from '../src/modules/reports/entries-export.server.ts';
import { parsePeriod } from '../src/modules/reports/periods.ts';
import { platformReport } from '../src/modules/reports/platform-report.server.ts';
import { unitReport } from '../src/modules/reports/unit-report.server.ts';
import { villageReport } from '../src/modules/reports/village-report.server.ts';
import { databaseUrl, uniqueName, withAdmin } from '../tests/setup/databases.ts';
import { createWorld, insertEntries, rebuildMonthly } from './report-data.ts';
import { migrate } from '../src/workflows/migrate.ts';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '10000000' },
    batch: { type: 'string', default: '500000' },
    runs: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
  },
});
const TOTAL = Number(args.entries);
const BATCH = Number(args.batch);
const RUNS = Number(args.runs);
const YEAR = '2025';
const EXPORT_ROWS = 100_000;

const log = (msg: string) => process.stderr.write(`[bench:report ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const adminUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = uniqueName('bangfu_bench');
let database: Database | null = null;
let loader: postgres.Sql | null = null;
let dropped = false;

async function cleanup() {
  if (dropped) return;
  dropped = true;
  await loader?.end({ timeout: 5 }).catch(() => {});
  await database?.close().catch(() => {});
  if (args.keep) return log(`kept database ${name}`);
  await withAdmin(adminUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
  log(`dropped ${name}`);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: dropping the scratch database`);
    cleanup().finally(() => process.exit(130));
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number) => Math.round(x * 10) / 10;

async function time(label: string, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  log(`${label}: median ${median(ms).toFixed(1)} ms (runs: ${ms.map((m) => m.toFixed(0)).join(', ')})`);
  return round(median(ms));
}

async function load(): Promise<number> {
  const t0 = performance.now();
  loader = postgres(databaseUrl(adminUrl, name), { max: 2, onnotice: () => {}, connection: { work_mem: '256MB', maintenance_work_mem: '512MB' } });
  await createWorld(loader);
  // The rollup trigger would upsert the monthly sums for every batch; rebuilding
  // them once afterwards with the trigger's own expression is much faster. The
  // append-only triggers stay on. Foreign keys are checked row by row (more than
  // half the insert time): they are dropped for the load and added back after,
  // which validates all rows at once.
  await loader`alter table ledger_entries disable trigger ledger_entries_rollup`;
  const fks = await loader<{ name: string; def: string }[]>`select conname as name, pg_get_constraintdef(oid) as def
    from pg_constraint where conrelid = 'ledger_entries'::regclass and contype = 'f'`;
  for (const fk of fks) await loader.unsafe(`alter table ledger_entries drop constraint "${fk.name}"`);
  // Secondary indexes, likewise: built once at the end (sorted, in parallel) instead of row by row.
  const indexes = await loader<{ name: string; def: string }[]>`select indexname as name, indexdef as def from pg_indexes
    where tablename = 'ledger_entries' and indexname <> 'ledger_entries_pkey'`;
  for (const index of indexes) await loader.unsafe(`drop index "${index.name}"`);
  const batches: [number, number][] = [];
  for (let lo = 1; lo <= TOTAL; lo += BATCH) batches.push([lo, Math.min(TOTAL, lo + BATCH - 1)]);
  let done = 0;
  // Two batches at a time (the generator is CPU-bound; this machine has two cores).
  const worker = async () => {
    for (let b = batches.shift(); b; b = batches.shift()) {
      await loader!.begin(async (tx) => {
        await tx`set local synchronous_commit = off`;
        await insertEntries(tx, b[0], b[1], TOTAL);
      });
      done += b[1] - b[0] + 1;
      log(`entries ${done.toLocaleString('en')} / ${TOTAL.toLocaleString('en')} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  };
  await Promise.all([worker(), worker()]);
  await loader`alter table ledger_entries enable trigger ledger_entries_rollup`;
  log(`building ${indexes.length} indexes`);
  await Promise.all(indexes.map((index) => loader!.unsafe(index.def)));
  log(`validating ${fks.length} foreign keys`);
  // One at a time: each takes a SHARE ROW EXCLUSIVE lock on the table.
  for (const fk of fks) await loader.unsafe(`alter table ledger_entries add constraint "${fk.name}" ${fk.def}`);
  log('rebuilding the monthly sums');
  await rebuildMonthly(loader);
  // What autovacuum does to an insert-mostly table: statistics and the visibility map.
  log('vacuum analyze');
  await loader`vacuum (analyze) ledger_entries`;
  await loader`vacuum (analyze) ledger_monthly_village`;
  await loader`vacuum (analyze) ledger_monthly_unit`;
  await loader`analyze`;
  const seconds = (performance.now() - t0) / 1000;
  const [size] = await loader<{ size: string }[]>`select pg_size_pretty(pg_total_relation_size('ledger_entries')) as size`;
  log(`loaded ${TOTAL.toLocaleString('en')} entries in ${seconds.toFixed(0)} s (ledger_entries with indexes: ${size.size})`);
  return seconds;
}

/** Peak RSS growth (MB) while fn runs, sampled every 20 ms. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number; ms: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t = performance.now();
  try {
    const result = await fn();
    const ms = performance.now() - t;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, ms, peakMb: (peak - base) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** Counts bytes, as a response body would send them. */
const sink = () => {
  let bytes = 0;
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      cb();
    },
  });
  return { out, bytes: () => bytes };
};

async function main() {
  log(`creating ${name}; ${TOTAL.toLocaleString('en')} entries`);
  await withAdmin(adminUrl, (sql) => sql.unsafe(`create database "${name}"`));
  database = await openDatabase({ url: databaseUrl(adminUrl, name), poolMax: 4 });
  await migrate(database);
  const loadSeconds = await load();
  const db = database.db;
  const period = parsePeriod(YEAR)!;
  const whole = parsePeriod('2023-01-01~2025-12-31')!;

  // The busiest village and unit of the year, and a village with 100 000+ entries for the export.
  const [village] = await loader!<{ id: number; entries: number }[]>`select village_id as id, sum(entries)::int as entries from ledger_monthly_village
    where month >= ${period.from} and month < ${period.until} group by 1 order by 2 desc limit 1`;
  const [unit] = await loader!<{ id: number; entries: number }[]>`select unit_id as id, sum(entries)::int as entries from ledger_monthly_unit
    where month >= ${period.from} and month < ${period.until} group by 1 order by 2 desc limit 1`;
  const [big] = await loader!<
    { id: number; entries: number }[]
  >`select village_id as id, sum(entries)::int as entries from ledger_monthly_village group by 1 order by 2 desc limit 1`;
  log(
    `busiest village ${village.id}: ${village.entries} entries in ${YEAR}; busiest unit ${unit.id}: ${unit.entries}; export from village ${big.id} (${big.entries} entries in 3 years)`,
  );

  const village_year_ms = await time(`villageReport(${village.id}, ${YEAR})`, () => villageReport(db, village.id, period));
  const unit_year_ms = await time(`unitReport(${unit.id}, ${YEAR})`, () => unitReport(db, unit.id, period, '2025-12-31'));
  const ranking_ms = await time(`platformReport(${YEAR})`, () => platformReport(db, period));

  const exportOnce = async () => {
    const s = sink();
    const rows = await exportEntriesXlsx(db, { villageId: big.id }, whole, s.out, { limit: EXPORT_ROWS });
    return { rows, bytes: s.bytes() };
  };
  await exportOnce(); // warm-up
  const exports: { ms: number; peakMb: number }[] = [];
  for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
    const { result, ms, peakMb } = await peakRss(exportOnce);
    if (result.rows !== Math.min(EXPORT_ROWS, big.entries)) throw new Error(`export wrote ${result.rows} rows`);
    log(`export: ${result.rows} rows, ${(result.bytes / 2 ** 20).toFixed(1)} MB .xlsx, ${ms.toFixed(0)} ms, peak RSS +${peakMb.toFixed(1)} MB`);
    exports.push({ ms, peakMb });
  }
  const result = {
    village_year_ms,
    unit_year_ms,
    ranking_ms,
    export_100k_ms: round(median(exports.map((e) => e.ms))),
    export_peak_mb: round(Math.max(...exports.map((e) => e.peakMb))),
  };
  log(`load: ${loadSeconds.toFixed(0)} s for ${TOTAL.toLocaleString('en')} entries`);
  console.log(JSON.stringify(result));
}

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await cleanup();
}

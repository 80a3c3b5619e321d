// What every bench script shares: progress on stderr (stdout carries only the
// result line), a build check, clean-up of servers and databases on any exit,
// and a load run with autocannon. Bench scripts print figures; they assert nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon, { type RequestStep, type Result } from 'autocannon';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export const log = (...parts: unknown[]) => console.error('[bench]', ...parts);

/** Builds the app when dist/ has no server yet (a fresh clone), so one npm script is enough. */
export function ensureBuild(): void {
  if (existsSync(new URL('../../dist/server/entry.mjs', import.meta.url))) return;
  log('no build in dist/: running `npm run build` first');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error('`npm run build` failed; fix the build and run the bench again');
}

const cleanups: Array<() => Promise<void>> = [];
/** Runs at the end, on failure and on Ctrl-C, newest first. */
export function onCleanup(fn: () => Promise<void>): void {
  cleanups.unshift(fn);
}
async function cleanUp(): Promise<void> {
  for (const fn of cleanups.splice(0)) await fn().catch((e) => log('clean-up failed:', e));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** Runs `main`, prints its result as one JSON line on stdout, always cleans up. */
export async function runBench(main: () => Promise<Record<string, unknown>>): Promise<void> {
  try {
    const result = await main();
    await cleanUp();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    log('failed:', error);
    await cleanUp();
    process.exitCode = 1;
  }
}

export const seconds = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

export interface Load {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** The server's CPU time per request in ms (its own process only; PostgreSQL's time is not in it). */
  cpu_ms_per_req: number | null;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A warm-up (discarded), then `duration` seconds of load; GETs rotate through `paths`. */
export async function load(
  origin: string,
  paths: string[],
  opts: { connections: number; duration: number; warmup: number; headers?: Record<string, string>; pid?: number },
): Promise<Load> {
  let next = 0;
  const requests: RequestStep[] = [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }];
  const run = (duration: number) => autocannon({ url: origin, connections: opts.connections, duration, headers: opts.headers, requests });
  if (opts.warmup > 0) await run(opts.warmup);
  const cpuBefore = cpuSeconds(opts.pid);
  const r: Result = await run(opts.duration);
  const cpuAfter = cpuSeconds(opts.pid);
  const total = r.requests.total;
  return {
    rps: round(total / r.duration),
    p50_ms: round(r.latency.p50),
    p99_ms: round(r.latency.p99),
    requests: total,
    non2xx: r.non2xx,
    errors: r.errors,
    cpu_ms_per_req: cpuBefore !== null && cpuAfter !== null && total > 0 ? round(((cpuAfter - cpuBefore) * 1000) / total, 2) : null,
  };
}

export { round };

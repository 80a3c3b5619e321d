// Servers for the benchmarks: a seeded PostgreSQL database of their own, the
// built store (tests/setup/instances.ts) and the bare baseline server.
import { spawn } from 'node:child_process';
import { seedDemo } from '../../db/seed.ts';
import { shanghaiDate } from '../../src/lib/dates.ts';
import { createPostgresDatabase, freePort, startInstance, type Instance, type PostgresDatabase } from '../../tests/setup/instances.ts';
import { log, onCleanup, root } from './harness.ts';

/** A fresh migrated database named after the bench (bangfu_bench_<name>_…), dropped at clean-up. */
export async function benchDatabase(name: string, seed: boolean): Promise<PostgresDatabase> {
  const db = await createPostgresDatabase(`bangfu_bench_${name}`);
  onCleanup(() => db.drop());
  if (seed) {
    const r = await seedDemo(db.database.db, shanghaiDate(new Date()));
    log(`seeded the demo catalogue: ${r.villagesCreated} villages, ${r.productsCreated} products`);
  }
  return db;
}

/** The built store (`node scripts/start.ts`), stopped at clean-up. */
export async function startStore(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<Instance> {
  const instance = await startInstance({ databaseUrl, env: { NODE_ENV: 'production', ...env } });
  onCleanup(() => instance.stop());
  log(`store on ${instance.origin}`);
  return instance;
}

/** bench/bare-server.ts in its own process, like the store; stopped at clean-up. */
export async function startBare(databaseUrl: string, poolMax: number): Promise<{ origin: string; pid: number | undefined }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bench/bare-server.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), DATABASE_POOL_MAX: String(poolMax) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  });
  process.once('exit', () => child.kill('SIGKILL'));
  const origin = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 20_000; ; ) {
    if (child.exitCode !== null) throw new Error(`bare server exited:\n${output}`);
    if (
      await fetch(`${origin}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`bare server not ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`bare server on ${origin}`);
  return { origin, pid: child.pid };
}

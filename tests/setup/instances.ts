// Several production servers on one PostgreSQL database, for the tests that
// need real concurrency across processes (no oversell, fault injection). Always
// real PostgreSQL, even when the rest of the suite runs on PGlite: PGlite is one
// process and cannot be shared by two servers. Needs `npm run build`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../../db/client.ts';
import { databaseUrl, uniqueName, withAdmin } from './databases.ts';
import { testEnv } from './env.ts';
import { migrate } from '../../src/workflows/migrate.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LOG_LINES = 200;

/** The PostgreSQL server to create test databases on: DATABASE_URL, else the local one. */
export const adminUrl = testEnv.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PostgresDatabase {
  url: string;
  /** A migrated handle for arranging data and checking results (closed by drop). */
  database: Database;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own on the real PostgreSQL server. */
export async function createPostgresDatabase(prefix = 'bangfu_multi'): Promise<PostgresDatabase> {
  const name = uniqueName(prefix);
  await withAdmin(adminUrl, (sql) => sql.unsafe(`create database "${name}"`));
  const url = databaseUrl(adminUrl, name);
  const database = await openDatabase({ url, poolMax: 4 });
  const drop = async () => {
    await database.close().catch(() => {});
    await withAdmin(adminUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
  };
  try {
    await migrate(database);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, database, drop };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Instance {
  port: number;
  /** http://127.0.0.1:port — also the Origin header every POST must carry. */
  origin: string;
  process: ChildProcess;
  /** The last lines the server wrote (stdout and stderr), for failure reports. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** An abrupt death (fault tests): SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A worker that dies mid-test must not leave servers holding the database.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Starts `node scripts/start.ts` (the built server) and waits until /healthz answers 200. */
export async function startInstance(options: { databaseUrl: string; port?: number; env?: NodeJS.ProcessEnv; readyMs?: number }): Promise<Instance> {
  if (!existsSync(new URL('../../dist/server/entry.mjs', import.meta.url))) throw new Error('no build in dist/ — run `npm run build` first');
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const child = spawn(process.execPath, ['scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > LOG_LINES) lines.splice(0, lines.length - LOG_LINES);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const stop = async (graceMs = 5_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited(child);
    clearTimeout(timer);
  };
  const instance: Instance = {
    port,
    origin,
    process: child,
    output: () => lines.join('\n'),
    stop,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };

  const deadline = Date.now() + (options.readyMs ?? 60_000);
  while (true) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server on port ${port} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${instance.output()}`);
    }
    const ok = await fetch(`${origin}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return instance;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server on port ${port} not ready after ${options.readyMs ?? 60_000} ms:\n${instance.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Cluster {
  db: PostgresDatabase;
  instances: Instance[];
  /** Stops every server, then drops the database; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * `count` servers on one fresh PostgreSQL database. `arrange` runs on the
 * migrated database before the servers start (test data, factories).
 */
export async function startCluster(count: number, arrange?: (db: PostgresDatabase) => Promise<void>, env?: NodeJS.ProcessEnv): Promise<Cluster> {
  const db = await createPostgresDatabase();
  const instances: Instance[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.allSettled(instances.map((i) => i.stop()));
    await db.drop();
  };
  try {
    if (arrange) await arrange(db);
    // One after the other: start.ts migrates, and the migration lock is cheaper uncontended.
    for (let i = 0; i < count; i++) instances.push(await startInstance({ databaseUrl: db.url, env }));
  } catch (error) {
    await stop();
    throw error;
  }
  return { db, instances, stop };
}

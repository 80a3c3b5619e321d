// One database handle per process: PostgreSQL through postgres.js when
// DATABASE_URL is set, otherwise embedded PGlite in a data directory.
// PGlite has no lock on its directory — two handles on one directory silently
// diverge — so the handle lives on globalThis and survives dev-server reloads.
import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { env } from '../src/lib/env.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The process's database: a pool (postgres.js) or the one PGlite connection. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/**
 * An open transaction. A function that must run inside one (a state change whose
 * rows must commit together) takes `Tx`, so the pool cannot be passed by mistake;
 * one that works either way takes `DbOrTx`.
 */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export type Driver = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  driver: Driver;
  /**
   * What the job queue (pg-boss) connects through: PGlite's one instance, shared
   * because a second handle on the directory would diverge; or the connection
   * string, from which pg-boss opens a small pool of its own.
   */
  connection: { pglite: PGlite } | { url: string };
  ping(): Promise<boolean>;
  /**
   * Our migrations; then `andThen` (on PostgreSQL still under the migration lock, so
   * instances starting together take turns). src/workflows/migrate.ts passes the job
   * queue's installer: use that, not this, to bring a database up to date.
   */
  migrate(andThen?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export type OpenOptions = { url: string; poolMax?: number } | { dataDir: string } | { pglite: PGlite };

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
// Arbitrary constant: serialises migrations when several instances start at once.
const MIGRATION_LOCK_KEY = 4_202_611;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if ('url' in options) return openPostgres(options.url, options.poolMax ?? 10);
  const { PGlite } = await import('@electric-sql/pglite');
  let client: PGlite;
  if ('pglite' in options) {
    client = options.pglite;
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    client = await PGlite.create(options.dataDir);
  }
  const { drizzle } = await import('drizzle-orm/pglite');
  const db = drizzle({ client, schema }) as unknown as Db;
  const database: Database = {
    db,
    driver: 'pglite',
    connection: { pglite: client },
    ping: () => ping(db),
    async migrate(andThen) {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(drizzle({ client, schema }), { migrationsFolder });
      await andThen?.();
    },
    close: () => client.close(),
  };
  return database;
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 5 });
  const db = drizzle({ client, schema }) as unknown as Db;
  const database: Database = {
    db,
    driver: 'postgres',
    connection: { url },
    ping: () => ping(db),
    async migrate(andThen) {
      // A single connection holds the advisory lock for the whole migration.
      const one = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
      try {
        await one`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        const { migrate } = await import('drizzle-orm/postgres-js/migrator');
        await migrate(drizzle({ client: one }), { migrationsFolder });
        // Still under the lock: instances starting together create the queues one after the other.
        await andThen?.();
        await one`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await one.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
  return database;
}

/**
 * The rows of a raw SQL query. postgres.js answers `db.execute` with an array of
 * rows, PGlite with `{ rows }`; callers see rows either way.
 */
export async function rowsOf<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

export function optionsFromEnv(): OpenOptions {
  return env.DATABASE_URL ? { url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX } : { dataDir: env.PGLITE_DIR };
}

const holder = globalThis as typeof globalThis & { __bangfuDatabase?: Promise<Database> };

/** The process-wide database, opened on first use. */
export function getDatabase(): Promise<Database> {
  holder.__bangfuDatabase ??= openDatabase(optionsFromEnv());
  return holder.__bangfuDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

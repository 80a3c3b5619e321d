// The queue itself: connecting pg-boss to our database, installing its schema and
// our queues (at migrate time), and putting a job on a queue (enqueue), inside the
// caller's transaction when there is one.
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type SQL } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss, type Clock, type ConstructorOptions, type DrizzleTransactionLike, type Db as IDatabase, type SendOptions } from 'pg-boss';
import type { Database, DbOrTx } from '../../../db/client.ts';
import { JOB_TIME_ZONE, QUEUE_SCHEMA, queueOptions, type JobTable } from './jobs.ts';
import { log } from '../../lib/log.ts';

/**
 * pg-boss on our database: on PGlite, through the process's one instance (a second
 * handle on the directory would silently diverge); on PostgreSQL, through a pool of
 * `max` connections of its own (the `pg` driver), which also serves its LISTEN and
 * its own transactions.
 */
export function connectionOptions(database: Database, max: number): ConstructorOptions {
  return 'pglite' in database.connection
    ? { schema: QUEUE_SCHEMA, backend: 'pglite', db: fromPglite(database.connection.pglite) }
    : { schema: QUEUE_SCHEMA, connectionString: database.connection.url, max };
}

/**
 * Installs pg-boss's schema, or upgrades it to the installed pg-boss (pg-boss's own
 * migrations, under its own advisory lock), then creates or updates a queue for
 * every job of the table. Part of migrating a database (src/workflows/migrate.ts).
 */
export async function installJobs(database: Database, table: JobTable): Promise<void> {
  const boss = new PgBoss({ ...connectionOptions(database, 1), migrate: true, supervise: false, schedule: false, registerInstance: false, openTelemetry: { enabled: false } });
  boss.on('error', (error) => log.error({ err: error }, 'job queue (install)'));
  await boss.start();
  try {
    await ensureQueues(boss, table);
  } finally {
    await boss.stop({ graceful: false });
  }
}

/** Every job of the table gets its queue, with the table's retry and expiry settings. */
export async function ensureQueues(boss: PgBoss, table: JobTable): Promise<void> {
  for (const [name, definition] of Object.entries(table)) {
    const { policy, ...options } = queueOptions(definition);
    const existing = await boss.getQueue(name);
    if (!existing) {
      await boss.createQueue(name, { policy, ...options });
      continue;
    }
    // A queue's policy is fixed when it is created (pg-boss cannot change it).
    if (existing.policy !== policy) log.warn(`job queue ${name} is ${existing.policy}, the table says ${policy}: delete the queue to change it`);
    await boss.updateQueue(name, { ...options, retryDelayMax: options.retryDelayMax ?? null });
  }
}

/** The table's cron schedules, in Asia/Shanghai; schedules of jobs no longer scheduled are removed. */
export async function syncSchedules(boss: PgBoss, table: JobTable): Promise<void> {
  for (const [name, definition] of Object.entries(table)) {
    if (definition.schedule) await boss.schedule(name, definition.schedule, null, { tz: JOB_TIME_ZONE });
  }
  for (const existing of await boss.getSchedules()) {
    if (!table[existing.name]?.schedule) await boss.unschedule(existing.name, existing.key);
  }
}

// The process's sender: a pg-boss that runs each statement on the executor of the
// call in progress (the caller's transaction, or its pool or PGlite connection),
// never on a connection of its own, and does no periodic work — no maintenance,
// clock or workers, and pg-boss's minute refresh of its queue list disabled (a
// queue it has not seen is read on first use, through the caller). So a job can be
// sent with no job runner in this process, and on PGlite from inside a transaction,
// where a statement on any other path would wait for that transaction to end.
const executor = new AsyncLocalStorage<IDatabase>();
const throughCaller: IDatabase = {
  executeSql(text, values) {
    const db = executor.getStore();
    return db ? db.executeSql(text, values) : Promise.reject(new Error('job queue: a statement outside withQueue()'));
  },
};
const noPeriodicWork: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: () => null,
  clearInterval: () => {},
};
let sender: Promise<PgBoss> | null = null;

function startSender(): Promise<PgBoss> {
  sender ??= (async () => {
    const boss = new PgBoss({
      schema: QUEUE_SCHEMA,
      db: throughCaller,
      clock: noPeriodicWork,
      migrate: false,
      supervise: false,
      schedule: false,
      registerInstance: false,
      openTelemetry: { enabled: false },
    });
    boss.on('error', (error) => log.error({ err: error }, 'job queue'));
    // Checks pg-boss's schema version and reads the queue list, through the first caller.
    await boss.start();
    return boss;
  })().catch((error: unknown) => {
    sender = null;
    throw error;
  });
  return sender;
}

/** pg-boss's API (send, retry, …) on `dbOrTx`: every statement joins it. */
export function withQueue<T>(dbOrTx: DbOrTx, use: (boss: PgBoss) => Promise<T>): Promise<T> {
  // pg-boss builds each statement with drizzle's `sql` tag; both drivers answer with rows (postgres.js) or { rows } (PGlite).
  const drizzleLike: DrizzleTransactionLike = { execute: (query) => dbOrTx.execute(query as SQL) as Promise<unknown[] | { rows: unknown[] }> };
  return executor.run(fromDrizzle(drizzleLike, sql), async () => {
    // A start that failed through another caller (its transaction aborted) is tried again through this one.
    const boss = await startSender().catch(() => startSender());
    return use(boss);
  });
}

export type EnqueueOptions = Pick<SendOptions, 'startAfter' | 'singletonKey' | 'priority'>;

/**
 * Puts a job on its queue. Given a transaction, the job joins it: it exists if and
 * only if the transaction commits. The job's payload is small JSON (ids); its
 * handler checks it. Resolves to the job's id, or null when the queue's policy
 * dropped it (a scheduled job already waiting).
 */
export async function enqueue(dbOrTx: DbOrTx, name: string, data: object, options: EnqueueOptions = {}): Promise<string | null> {
  return withQueue(dbOrTx, (boss) => boss.send(name, data, options));
}

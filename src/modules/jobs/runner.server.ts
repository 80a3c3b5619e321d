// Running a job table: one pg-boss per server process, started after the server
// listens (scripts/start.ts, or the dev server's integration), never by a request.
// Every instance runs every queue; pg-boss claims each job with SELECT … FOR UPDATE
// SKIP LOCKED, so one instance runs it, and files each cron occurrence under a
// singleton key, so several instances send it once.
import { PgBoss, type JobResult, type JobWithMetadata } from 'pg-boss';
import type { Database, Db } from '../../../db/client.ts';
import { errorOutput, jobOutput, type JobDefinition, type JobTable } from './jobs.ts';
import { connectionOptions, ensureQueues, syncSchedules } from './queue.server.ts';
import { log } from '../../lib/log.ts';

export interface JobRunner {
  /** Stops fetching, waits for the jobs running (up to the stop timeout), then releases pg-boss's pool. */
  stop(): Promise<void>;
}

export interface RunnerOptions {
  /** Seconds between two looks at an empty queue (default 2; pg-boss allows 0.5 and up). */
  pollingIntervalSeconds?: number;
  /** Jobs taken per look; run one after another, and while looks come back full, looked for again at once (default 5). */
  batchSize?: number;
  /** Keep the table's cron schedules and send their jobs (default true). */
  schedules?: boolean;
  /** How long stop() waits for running jobs; they are failed (and retried later) after it (default 8 s). */
  stopTimeoutMs?: number;
}

// pg-boss's own connections per instance on PostgreSQL: polls, settlements and
// maintenance are short; the jobs themselves run on the app's pool.
const POOL_MAX = 4;

export async function startJobs(database: Database, table: JobTable, options: RunnerOptions = {}): Promise<JobRunner> {
  const schedules = options.schedules ?? true;
  const boss = new PgBoss({ ...connectionOptions(database, POOL_MAX), migrate: true, supervise: true, schedule: schedules });
  boss.on('error', (error) => log.error({ err: error }, 'job queue'));
  boss.on('warning', (warning) => log.warn(`job queue: ${warning.message}`));
  await boss.start();
  try {
    await ensureQueues(boss, table);
    if (schedules) await syncSchedules(boss, table);
    const work = {
      batchSize: options.batchSize ?? 5,
      burstWhenBatchFull: true,
      perJobResults: true,
      includeMetadata: true,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    } as const;
    for (const [name, definition] of Object.entries(table)) {
      await boss.work(name, work, (jobs: JobWithMetadata<unknown>[]) => runBatch(database.db, name, definition, jobs));
    }
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return { stop: () => (stopping ??= boss.stop({ graceful: true, timeout: options.stopTimeoutMs ?? 8_000 })) };
}

/** Each job of a batch on its own: one failing does not fail the others. */
async function runBatch(db: Db, name: string, definition: JobDefinition, jobs: JobWithMetadata<unknown>[]): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const job of jobs) results.push(await runOne(db, name, definition, job));
  return results;
}

async function runOne(db: Db, name: string, definition: JobDefinition, job: JobWithMetadata<unknown>): Promise<JobResult> {
  const attempt = job.retryCount + 1;
  const lastAttempt = job.retryCount >= job.retryLimit;
  const parsed = definition.data ? definition.data.safeParse(job.data) : { success: true as const, data: job.data };
  if (!parsed.success) {
    // Retrying cannot fix a payload: fail it for good (no dead-letter queue is configured).
    log.error(`job ${name} ${job.id}: payload refused: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { id: job.id, status: 'deadletter', output: errorOutput(parsed.error) };
  }
  try {
    const output = await definition.run({ db, data: parsed.data, now: new Date(), jobId: job.id, attempt, lastAttempt });
    return { id: job.id, status: 'completed', output: jobOutput(output) ?? undefined };
  } catch (error) {
    log.error(
      { err: error, job: name, jobId: job.id, attempt },
      `job ${name} ${job.id} failed (attempt ${attempt} of ${job.retryLimit + 1}${lastAttempt ? ', no retry left' : ''})`,
    );
    return { id: job.id, status: 'failed', output: errorOutput(error) };
  }
}

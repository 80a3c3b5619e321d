// Background jobs, as a table: a name (pg-boss's queue) → what runs, when, and how
// it is retried. The app's table is src/workflows/jobs.ts; this module owns the
// `pgboss` schema and runs the table through pg-boss (docs/decisions/0006).
// Pure: types, the table's defaults, and what a job's outcome is stored as.
import type { Queue } from 'pg-boss';
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';

/** pg-boss's schema: its tables, functions and our queues live there, apart from ours. */
export const QUEUE_SCHEMA = 'pgboss';
/** Schedules are read on Shanghai's clock, like every date in the store. */
export const JOB_TIME_ZONE = 'Asia/Shanghai';

export interface JobContext<T> {
  /** The process's database (a pool, or PGlite's one connection): open transactions on it as usual. */
  db: Db;
  data: T;
  now: Date;
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  /** If this run fails, no retry follows (until an admin retries the job). */
  lastAttempt: boolean;
}

export interface JobDefinition<T = unknown> {
  /**
   * The payload: small JSON, ids rather than rows. Checked before each run; a payload
   * that does not parse fails the job at once, without retries. Without it, `data` is `unknown`.
   */
  data?: z.ZodType<T>;
  run(ctx: JobContext<T>): Promise<unknown>;
  /** Cron (minute hour day month weekday) in Asia/Shanghai: '* * * * *' is every minute. */
  schedule?: string;
  /** Retries after the first run fails (default 2). */
  retryLimit?: number;
  /** Seconds before a retry (default 10); with retryBackoff, before the first one, then doubling. */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A run still going after this long counts as failed (default 300). */
  expireInSeconds?: number;
}

/** Any table: `run` is a method, so a definition for a payload type is one for `unknown` too. */
export type JobTable = Readonly<Record<string, JobDefinition<unknown>>>;

/**
 * The table of jobs, each definition typed by its own payload schema
 * (`run`'s `data` is what `data` parses to).
 */
export function defineJobs<T extends Record<string, unknown>>(table: { [K in keyof T]: JobDefinition<T[K]> }): { [K in keyof T]: JobDefinition<T[K]> } {
  return table;
}

export const JOB_DEFAULTS = { retryLimit: 2, retryDelaySeconds: 10, expireInSeconds: 300 } as const;
/** With backoff, retries wait at most an hour. */
export const RETRY_DELAY_MAX_SECONDS = 3600;

/**
 * The pg-boss queue a definition runs on. A scheduled job's queue is `stately`: at
 * most one run queued and one running, so a slow sweep is never overtaken by the
 * next minute's, on one instance or several. Others are `standard`.
 */
export function queueOptions(definition: JobDefinition): Omit<Queue, 'name'> & { policy: 'stately' | 'standard' } {
  const backoff = definition.retryBackoff ?? false;
  return {
    policy: definition.schedule ? 'stately' : 'standard',
    retryLimit: definition.retryLimit ?? JOB_DEFAULTS.retryLimit,
    retryDelay: definition.retryDelaySeconds ?? JOB_DEFAULTS.retryDelaySeconds,
    retryBackoff: backoff,
    ...(backoff && { retryDelayMax: RETRY_DELAY_MAX_SECONDS }),
    expireInSeconds: definition.expireInSeconds ?? JOB_DEFAULTS.expireInSeconds,
  };
}

/** A run's result as stored on the job (jsonb): objects as they are, anything else as { value }; 分 (bigint) as strings. */
export function jobOutput(value: unknown): object | null {
  if (value === undefined || value === null) return null;
  const json = JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v))) as unknown;
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? json : { value: json };
}

/** A failed run as stored on the job, in the shape pg-boss stores a thrown error. */
export function errorOutput(error: unknown): { name: string; message: string; stack?: string } {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

/**
 * The message of a failed job's output: ours and pg-boss's thrown errors are
 * `{ message }`; its timeouts are `{ value: { message } }`.
 */
export function failureMessage(output: unknown): string {
  if (typeof output !== 'object' || output === null) return output === null || output === undefined ? '' : String(output);
  const o = output as { message?: unknown; value?: unknown };
  if (typeof o.message === 'string') return o.message;
  if (typeof o.value === 'string') return o.value;
  if (typeof o.value === 'object' && o.value !== null && typeof (o.value as { message?: unknown }).message === 'string') {
    return (o.value as { message: string }).message;
  }
  return JSON.stringify(output);
}

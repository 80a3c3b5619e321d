// Jobs that failed for good (every retry used), for the admins: what ran, with
// what payload, the last error, and a way to run one again. Reads pg-boss's job
// table (its documented SQL interface); pg-boss deletes them after a week.
// Who may: platform admins — the caller checks (requireAdmin) before calling.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type DbOrTx } from '../../../db/client.ts';
import { failureMessage, QUEUE_SCHEMA } from './jobs.ts';
import { withQueue } from './queue.server.ts';

export const FAILED_JOBS_PAGE_SIZE = 50;

export interface FailedJob {
  id: string;
  name: string;
  data: unknown;
  /** The last run's error message. */
  error: string;
  /** Runs made: the first and every retry. */
  attempts: number;
  failedAt: Date;
}

export interface FailedJobsPage {
  jobs: FailedJob[];
  page: number;
  pageSize: number;
  total: number;
}

const schema = sql.identifier(QUEUE_SCHEMA);

/** Newest failure first; `page` counts from 1. */
export async function listFailedJobs(db: DbOrTx, { page = 1 }: { page?: number } = {}): Promise<FailedJobsPage> {
  const p = Number.isSafeInteger(page) && page >= 1 ? page : 1;
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from ${schema}.job where state = 'failed'`);
  const rows = await rowsOf<{ id: string; name: string; data: unknown; output: unknown; retry_count: number; completed_on: Date | string }>(
    db,
    sql`select id, name, data, output, retry_count, completed_on from ${schema}.job
        where state = 'failed'
        order by completed_on desc, id
        limit ${FAILED_JOBS_PAGE_SIZE} offset ${(p - 1) * FAILED_JOBS_PAGE_SIZE}`,
  );
  return {
    jobs: rows.map((r) => ({
      id: r.id,
      name: r.name,
      data: r.data,
      error: failureMessage(r.output),
      attempts: Number(r.retry_count) + 1,
      failedAt: new Date(r.completed_on),
    })),
    page: p,
    pageSize: FAILED_JOBS_PAGE_SIZE,
    total: n,
  };
}

/**
 * Runs a failed job once more (pg-boss raises its retry limit by one and puts it
 * back on its queue). False when there is no failed job by that id.
 */
export async function retryJob(db: DbOrTx, id: string): Promise<boolean> {
  if (!z.uuid().safeParse(id).success) return false;
  const [job] = await rowsOf<{ name: string }>(db, sql`select name from ${schema}.job where id = ${id}::uuid and state = 'failed'`);
  if (!job) return false;
  const result = await withQueue(db, (boss) => boss.retry(job.name, id));
  return (result as { affected?: number }).affected === 1;
}

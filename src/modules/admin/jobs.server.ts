// Background jobs that failed after their retries, as platform admins see them,
// and running one again. Who: a platform admin.
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import { refuse } from '../../lib/errors.ts';
import { listFailedJobs, retryJob } from '../jobs/failed.server.ts';
import { assertAdmin } from './admin.ts';

export async function failedJobs(db: Db, actor: Actor, page: number) {
  assertAdmin(actor);
  return listFailedJobs(db, { page });
}

/** Puts a failed job back on its queue; a conflict when it is no longer failed (someone retried it first). */
export async function retryFailedJob(db: Db, actor: Actor, jobId: string): Promise<{ jobId: string }> {
  assertAdmin(actor);
  if (!(await retryJob(db, jobId))) throw refuse.conflict('job_not_failed');
  return { jobId };
}

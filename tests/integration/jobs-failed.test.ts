// A job that keeps failing: retried with backoff, failed after its retry limit,
// listed for the admins, and run again by retryJob. (A file of its own: it waits
// through real retry delays, a few seconds, while other files run.)
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rowsOf } from '../../db/client.ts';
import { listFailedJobs, retryJob } from '../../src/modules/jobs/failed.server.ts';
import { enqueue } from '../../src/modules/jobs/queue.server.ts';
import { startJobs } from '../../src/modules/jobs/runner.server.ts';
import { waitFor } from '../support/wait.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();

const stateOf = async (id: string) => (await rowsOf<{ state: string }>(t.db, sql`select state from pgboss.job where id = ${id}::uuid`))[0]?.state;

describe('failed jobs', () => {
  it('are retried with backoff, fail after their retry limit, are listed, and run again when retried', async () => {
    let courierDown = true;
    const runs: { at: number; attempt: number; lastAttempt: boolean }[] = [];
    const runner = await startJobs(
      t.database,
      {
        'test.flaky': {
          data: z.object({ orderId: z.number() }),
          retryLimit: 2,
          retryDelaySeconds: 1,
          retryBackoff: true,
          async run({ attempt, lastAttempt }) {
            runs.push({ at: Date.now(), attempt, lastAttempt });
            if (courierDown) throw new Error(`courier API down (attempt ${attempt})`);
            return { shipped: true };
          },
        },
      },
      { pollingIntervalSeconds: 0.5, schedules: false },
    );
    try {
      const id = (await enqueue(t.db, 'test.flaky', { orderId: 7 }))!;
      await waitFor('the job to fail for good', async () => (await stateOf(id)) === 'failed', { timeoutMs: 20_000 });
      expect(runs.map((r) => [r.attempt, r.lastAttempt])).toEqual([
        [1, false],
        [2, false],
        [3, true],
      ]);
      // Backoff from 1 s: the first retry waits 1–2 s, the second 2–4 s (without backoff both would wait 1 s).
      expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(1000);
      expect(runs[2].at - runs[1].at).toBeGreaterThanOrEqual(2000);

      const page = await listFailedJobs(t.db, { page: 1 });
      expect(page).toMatchObject({ page: 1, total: 1 });
      expect(page.jobs).toEqual([{ id, name: 'test.flaky', data: { orderId: 7 }, error: 'courier API down (attempt 3)', attempts: 3, failedAt: expect.any(Date) }]);
      expect(Math.abs(page.jobs[0].failedAt.getTime() - runs[2].at)).toBeLessThan(5_000);
      expect((await listFailedJobs(t.db, { page: 2 })).jobs).toEqual([]);

      expect(await retryJob(t.db, 'not-a-job-id')).toBe(false);
      expect(await retryJob(t.db, '00000000-0000-4000-8000-000000000000')).toBe(false);
      courierDown = false;
      expect(await retryJob(t.db, id)).toBe(true);
      // Once: it is no longer a failed job.
      expect(await retryJob(t.db, id)).toBe(false);
      await waitFor('the retried job to complete', async () => (await stateOf(id)) === 'completed');
      expect(runs.map((r) => [r.attempt, r.lastAttempt]).at(-1)).toEqual([4, true]);
      expect(await listFailedJobs(t.db)).toMatchObject({ jobs: [], total: 0 });
    } finally {
      await runner.stop();
    }
  });

  it('fail at once, without a run or a retry, when the payload does not parse', async () => {
    let ran = 0;
    const runner = await startJobs(
      t.database,
      { 'test.strict': { data: z.object({ orderId: z.number() }), retryLimit: 5, run: async () => void ran++ } },
      { pollingIntervalSeconds: 0.5, schedules: false },
    );
    try {
      const id = (await enqueue(t.db, 'test.strict', { orderId: 'seven' }))!;
      await waitFor('the job to fail', async () => (await stateOf(id)) === 'failed');
      expect(ran).toBe(0);
      const { jobs } = await listFailedJobs(t.db);
      expect(jobs.find((j) => j.id === id)).toMatchObject({ name: 'test.strict', attempts: 1, data: { orderId: 'seven' } });
    } finally {
      await runner.stop();
    }
  });
});

// Background jobs on the run's database (PGlite, or PostgreSQL with DATABASE_URL):
// enqueueing inside a transaction, and two job runners sharing one queue.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rowsOf } from '../../db/client.ts';
import { defineJobs } from '../../src/modules/jobs/jobs.ts';
import { enqueue } from '../../src/modules/jobs/queue.server.ts';
import { startJobs } from '../../src/modules/jobs/runner.server.ts';
import { jobs } from '../../src/workflows/jobs.ts';
import { waitFor } from '../support/wait.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
const fast = { pollingIntervalSeconds: 0.5, schedules: false } as const;

const jobsOf = (name: string) =>
  rowsOf<{ id: string; state: string; data: unknown }>(t.db, sql`select id, state, data from pgboss.job where name = ${name} order by created_on, id`);

describe('enqueue', () => {
  it('works on the migrated database with no job runner: every job of the table has its queue, and a job waits there', async () => {
    const queues = await rowsOf<{ name: string; policy: string; retry_limit: number }>(t.db, sql`select name, policy, retry_limit from pgboss.queue order by name`);
    expect(queues.filter((q) => !q.name.startsWith('__pgboss__')).map((q) => [q.name, q.policy, q.retry_limit])).toEqual(
      Object.entries(jobs)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, job]) => [name, job.schedule ? 'stately' : 'standard', job.retryLimit ?? 2]),
    );
    const id = await enqueue(t.db, 'orders.expire-reservations', {});
    expect((await jobsOf('orders.expire-reservations')).map((j) => [j.id, j.state])).toEqual([[id, 'created']]);
    // A scheduled job's queue holds one waiting run: a second is dropped.
    expect(await enqueue(t.db, 'orders.expire-reservations', {})).toBeNull();
  });

  it('joins the caller’s transaction: rolled back, there is no job; committed, it runs once', async () => {
    const ran: number[] = [];
    const runner = await startJobs(t.database, defineJobs({ 'test.echo': { data: z.object({ n: z.number() }), run: async ({ data }) => void ran.push(data.n) } }), fast);
    try {
      const rolledBack = t.db.transaction(async (tx) => {
        await enqueue(tx, 'test.echo', { n: 1 });
        throw new Error('the order was refused');
      });
      await expect(rolledBack).rejects.toThrow('the order was refused');
      const id = await t.db.transaction((tx) => enqueue(tx, 'test.echo', { n: 2 }));
      await waitFor('the committed job to complete', async () => (await jobsOf('test.echo')).every((j) => j.state === 'completed') && ran.length > 0);
      expect((await jobsOf('test.echo')).map((j) => [j.id, j.state, j.data])).toEqual([[id, 'completed', { n: 2 }]]);
      expect(ran).toEqual([2]);
    } finally {
      await runner.stop();
    }
  });
});

describe('two job runners on one database', () => {
  it('run each of 300 jobs exactly once, sharing them out', async () => {
    const runs = new Map<string, string[]>();
    const table = (runner: string) =>
      defineJobs({
        'test.count': {
          data: z.object({ i: z.number().int() }),
          async run({ db, jobId }) {
            await db.execute(sql`select 1`);
            runs.set(jobId, [...(runs.get(jobId) ?? []), runner]);
          },
        },
      });
    // Two pg-boss instances: on PostgreSQL each with its own pool, claiming with SKIP LOCKED;
    // on PGlite both on the one connection.
    const a = await startJobs(t.database, table('a'), { ...fast, batchSize: 5 });
    const b = await startJobs(t.database, table('b'), { ...fast, batchSize: 5 });
    try {
      const ids = await t.db.transaction(async (tx) => {
        const sent: string[] = [];
        for (let i = 0; i < 300; i++) sent.push((await enqueue(tx, 'test.count', { i }))!);
        return sent;
      });
      expect(new Set(ids).size).toBe(300);
      await waitFor(
        'all 300 jobs to complete',
        async () => (await rowsOf<{ n: number }>(t.db, sql`select count(*)::int as n from pgboss.job where name = 'test.count' and state = 'completed'`))[0].n === 300,
        { timeoutMs: 30_000 },
      );
      expect([...runs.keys()].sort()).toEqual([...ids].sort());
      expect([...runs.values()].filter((who) => who.length !== 1)).toEqual([]);
      if (t.database.driver === 'postgres') {
        // Each took a share. (On PGlite one runner's burst of fetches can keep the other's timer waiting to the end.)
        const byA = [...runs.values()].filter(([who]) => who === 'a').length;
        expect(byA).toBeGreaterThan(0);
        expect(byA).toBeLessThan(300);
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

// Bringing a database up to what this code expects: our drizzle migrations, then
// pg-boss's schema and a queue for every job of the job table, so a job can be
// enqueued on a freshly migrated database before any worker has started
// (docs/decisions/0006). Every path that prepares a database uses this: npm run
// db:migrate / dev / start, the test templates, the benches.
import type { Database } from '../../db/client.ts';
import { installBackgroundJobs } from './jobs.ts';

export function migrate(database: Database): Promise<void> {
  return database.migrate(() => installBackgroundJobs(database));
}

// THE table of background jobs: each name (a pg-boss queue) → the function it
// runs, when (cron, Asia/Shanghai) and how it is retried. Started with the server
// (scripts/start.ts, or the dev server's integration in astro.config.mjs), never
// by a request; each job runs on one instance at a time (docs/decisions/0006).
//
// The sweeps replace the old per-instance minute timer: each claims its rows with
// SKIP LOCKED and changes them with a conditional UPDATE, so a run that overlaps
// a person's click, or a retry, changes nothing twice. One failed run is not
// retried: the next minute's run is the retry.
import type { Database } from '../../db/client.ts';
import { PASSWORD_RESET_JOB, PasswordResetJobSchema, SIGN_UP_JOB, SignUpJobSchema } from '../modules/auth/auth.ts';
import { issuePasswordReset } from '../modules/auth/password-reset.server.ts';
import { mailSignUpLink, purgeSignUpRequests } from '../modules/auth/sign-up.server.ts';
import { defineJobs } from '../modules/jobs/jobs.ts';
import { installJobs } from '../modules/jobs/queue.server.ts';
import { startJobs, type JobRunner, type RunnerOptions } from '../modules/jobs/runner.server.ts';
import { DeliverMailSchema } from '../modules/mail/mail.ts';
import { deliverMail } from '../modules/mail/mail.server.ts';
import { completeDelivered, expireReservations } from '../modules/orders/cancel-order.server.ts';
import { retryPendingRefunds } from './refunds.ts';
import { closeDueGroupOrders } from '../modules/procurement/close-group-order.server.ts';
import { reserveUpcoming } from '../modules/procurement/contract.server.ts';

const everyMinute = { schedule: '* * * * *', retryLimit: 0, expireInSeconds: 300 } as const;

export const jobs = defineJobs({
  // Unpaid orders past RESERVATION_MINUTES: cancelled, their stock back on sale.
  'orders.expire-reservations': { ...everyMinute, run: ({ db, now }) => expireReservations(db, now) },
  // Delivered orders past the 48-hour claim window: completed.
  'orders.complete-delivered': { ...everyMinute, run: ({ db, now }) => completeDelivered(db, now) },
  // Stripe refunds that could not reach Stripe (network, outage): sent again.
  'payments.retry-refunds': { ...everyMinute, run: ({ db, now }) => retryPendingRefunds(db, now) },
  // 团购接龙 past their closing time: one contract each, or cancelled when empty.
  'procurement.close-group-orders': { ...everyMinute, run: ({ db, now }) => closeDueGroupOrders(db, now) },
  // Contract deliveries within a week: their stock held.
  'procurement.reserve-deliveries': { ...everyMinute, run: ({ db, now }) => reserveUpcoming(db, now) },
  // A password reset asked for: the link and its mail, for a known account only (the request did the same work either way).
  [PASSWORD_RESET_JOB]: { data: PasswordResetJobSchema, retryLimit: 3, run: ({ db, data, now }) => issuePasswordReset(db, data.email, data.locale, now) },
  // A sign-up asked for: the confirmation link, or a note to the owner of a taken email (the request did the same work either way).
  [SIGN_UP_JOB]: { data: SignUpJobSchema, retryLimit: 3, run: ({ db, data }) => mailSignUpLink(db, data.requestId) },
  // Sign-ups used or past their day: deleted (a name, a mobile, a password hash).
  'auth.purge-sign-ups': { ...everyMinute, schedule: '17 * * * *', run: ({ db, now }) => purgeSignUpRequests(db, now) },
  // One outbox row: to the SMTP server, or kept for /admin/outbox. Retried with backoff (30 s, 1 min, 2 min, … at most an hour apart) for two to three hours.
  'mail.deliver': {
    data: DeliverMailSchema,
    retryLimit: 8,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: 120,
    run: ({ db, data, now, lastAttempt }) => deliverMail(db, data.outboxId, { now, lastAttempt }),
  },
});

/** pg-boss's schema and a queue per job: part of migrating a database (migrate.ts). */
export function installBackgroundJobs(database: Database): Promise<void> {
  return installJobs(database, jobs);
}

/** Runs the table in this process until `stop()`. */
export function startBackgroundJobs(database: Database, options?: RunnerOptions): Promise<JobRunner> {
  return startJobs(database, jobs, options);
}

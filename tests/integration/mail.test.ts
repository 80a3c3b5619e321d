// Outgoing mail through the outbox and the mail.deliver job: kept for the admins
// without SMTP; with SMTP, handed to a local stand-in server and the body blanked.
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { outbox } from '../../db/schema/index.ts';
import { deliverMail, listOutbox, sendMail, setMailConfigForTests } from '../../src/modules/mail/mail.server.ts';
import { startBackgroundJobs } from '../../src/workflows/jobs.ts';
import { startSmtpStandin, type SmtpStandin } from '../support/smtp-standin.ts';
import { waitFor } from '../support/wait.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
let smtp: SmtpStandin;
beforeAll(async () => {
  smtp = await startSmtpStandin();
});
afterAll(() => smtp.close());
afterEach(() => setMailConfigForTests(null));

const row = async (id: number) => (await t.db.select().from(outbox).where(eq(outbox.id, id)))[0];
const reset = { to: 'mei@example.com', subject: 'Reset your password', body: 'Open http://localhost:4321/reset-password?token=abc.def123 within the hour.' };

describe('mail', () => {
  it('is a row in the outbox and a mail.deliver job waiting, with no job runner', async () => {
    const id = await sendMail(t.db, { ...reset, to: 'waiting@example.com' });
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });
    const jobs = await rowsOf<{ state: string; data: unknown }>(
      t.db,
      sql`select state, data from pgboss.job where name = 'mail.deliver' and data->>'outboxId' = ${String(id)}`,
    );
    expect(jobs).toEqual([{ state: 'created', data: { outboxId: id } }]);
  });

  it('without SMTP, the job keeps the mail, whole, for /admin/outbox', async () => {
    setMailConfigForTests({ smtpUrl: null });
    const jobs = await startBackgroundJobs(t.database, { pollingIntervalSeconds: 0.5, schedules: false });
    try {
      const id = await sendMail(t.db, reset);
      expect((await row(id)).status).toBe('pending');
      await waitFor('the mail to be kept', async () => (await row(id)).status === 'kept');
      expect(await row(id)).toMatchObject({ ...reset, attempts: 0, sentAt: null, lastError: null });
      expect((await listOutbox(t.db)).map((m) => m.id)).toContain(id);
    } finally {
      await jobs.stop();
    }
  });

  it('with SMTP, the job hands it to the server, then blanks the body and leaves it out of /admin/outbox', async () => {
    setMailConfigForTests({ smtpUrl: smtp.url, from: 'Bangfu <no-reply@bangfu.test>' });
    const jobs = await startBackgroundJobs(t.database, { pollingIntervalSeconds: 0.5, schedules: false });
    try {
      const id = await sendMail(t.db, reset);
      await waitFor('the mail to be sent', async () => (await row(id)).status === 'sent');
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]).toMatchObject({ from: 'no-reply@bangfu.test', to: ['mei@example.com'] });
      expect(smtp.received[0].data).toContain('Subject: Reset your password');
      expect(smtp.received[0].data).toContain('token=abc.def123');
      const sent = await row(id);
      expect(sent).toMatchObject({ body: '', attempts: 1, lastError: null });
      expect(sent.sentAt).toBeInstanceOf(Date);
      expect((await listOutbox(t.db)).map((m) => m.id)).not.toContain(id);
    } finally {
      await jobs.stop();
    }
  });

  it('records a refusal and throws (so the job retries); the last refusal marks it failed; delivered once, then left alone', async () => {
    setMailConfigForTests({ smtpUrl: smtp.url });
    const id = await t.db.transaction((tx) => sendMail(tx, { ...reset, to: 'lan@example.com' }));
    const before = smtp.received.length;
    smtp.refuseNext(2);
    await expect(deliverMail(t.db, id, { lastAttempt: false })).rejects.toThrow(/451/);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, body: reset.body });
    expect((await row(id)).lastError).toMatch(/451/);
    await expect(deliverMail(t.db, id, { lastAttempt: true })).rejects.toThrow(/451/);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2, body: reset.body });
    // An admin retries the job: it is delivered, once.
    expect(await deliverMail(t.db, id, { lastAttempt: true })).toBe('sent');
    expect(await deliverMail(t.db, id)).toBe('already_done');
    expect(smtp.received.length - before).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3, body: '', lastError: null });
  });

  it('written in a transaction that rolls back: no mail, no job', async () => {
    const mailJobs = async () => (await rowsOf<{ n: number }>(t.db, sql`select count(*)::int as n from pgboss.job where name = 'mail.deliver'`))[0].n;
    const jobsBefore = await mailJobs();
    await expect(
      t.db.transaction(async (tx) => {
        await sendMail(tx, { ...reset, to: 'never@example.com' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await t.db.select().from(outbox).where(eq(outbox.to, 'never@example.com'))).toEqual([]);
    expect(await mailJobs()).toBe(jobsBefore);
  });
});

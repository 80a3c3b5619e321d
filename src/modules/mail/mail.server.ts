// Outgoing mail goes through the outbox: sendMail writes the row and enqueues the
// mail.deliver job in one transaction (the caller's, when it passes one), so a mail
// exists if and only if what it tells about was committed. The job hands it to the
// SMTP server of SMTP_URL and blanks the body, or, without SMTP_URL, keeps it for
// admins to read at /admin/outbox. Mail bodies may hold one-time links, so nothing
// here logs them.
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { outbox } from '../../../db/schema/mail.ts';
import { env } from '../../lib/env.ts';
import { enqueue } from '../jobs/queue.server.ts';
import { DELIVER_MAIL_JOB, type DeliverMail, type DeliveryOutcome, type Mail } from './mail.ts';

export type { Mail } from './mail.ts';

export interface MailSettings {
  /** smtp(s)://user:pass@host:port; null: keep mail in the outbox. */
  smtpUrl: string | null;
  from: string;
}

const envSettings: MailSettings = { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM };
let override: MailSettings | null = null;

/** Tests only: use these settings (merged over the environment's); null restores the environment. */
export function setMailConfigForTests(settings: Partial<MailSettings> | null): void {
  override = settings === null ? null : { ...envSettings, ...settings };
}

function mailSettings(): MailSettings {
  return override ?? envSettings;
}

/** Writes the mail and enqueues its delivery, in the caller's transaction or one of its own. Resolves to the outbox id. */
export async function sendMail(db: DbOrTx, mail: Mail): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(outbox).values(mail).returning({ id: outbox.id });
    await enqueue(tx, DELIVER_MAIL_JOB, { outboxId: row.id } satisfies DeliverMail);
    return row.id;
  });
}

type Transport = { sendMail(m: { from: string; to: string; subject: string; text: string }): Promise<unknown> };
const transports = new Map<string, Promise<Transport>>();

function transport(url: string): Promise<Transport> {
  let t = transports.get(url);
  if (!t) {
    // A server that does not answer fails the attempt within a minute, not nodemailer's ten.
    t = import('nodemailer').then((m) => m.default.createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 }) as Transport);
    transports.set(url, t);
  }
  return t;
}

const UNSENT = ['pending', 'failed'] as const;

/**
 * The mail.deliver job. Idempotent: mail already sent or kept is left alone. A
 * refusal by the SMTP server is recorded and thrown, so the job is retried (with
 * backoff); after the last attempt the mail is marked failed. Delivery is at least
 * once: a crash between the server's acceptance and our update sends it again.
 */
export async function deliverMail(db: DbOrTx, outboxId: number, { now = new Date(), lastAttempt = false } = {}): Promise<DeliveryOutcome> {
  const [mail] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, outboxId), inArray(outbox.status, UNSENT)));
  if (!mail) return 'already_done';
  const unsent = and(eq(outbox.id, outboxId), inArray(outbox.status, UNSENT));
  const { smtpUrl, from } = mailSettings();
  if (!smtpUrl) {
    await db.update(outbox).set({ status: 'kept' }).where(unsent);
    return 'kept';
  }
  await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1` })
    .where(unsent);
  try {
    await (await transport(smtpUrl)).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.body });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(outbox)
      .set({ lastError: message.slice(0, 1000), status: lastAttempt ? 'failed' : 'pending' })
      .where(unsent);
    throw error;
  }
  await db.update(outbox).set({ status: 'sent', sentAt: now, body: '', lastError: null }).where(eq(outbox.id, outboxId));
  return 'sent';
}

/** Mail an admin can read: everything not handed to an SMTP server (kept, waiting, or refused). */
export async function listOutbox(db: DbOrTx, limit = 100) {
  return db.select().from(outbox).where(ne(outbox.status, 'sent')).orderBy(desc(outbox.id)).limit(limit);
}

// Outgoing mail: SMTP through nodemailer when SMTP_URL is set, otherwise the
// outbox table (read by admins at /admin/outbox). Mail bodies may hold one-time
// links, so nothing here logs them.
import { desc } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { outbox } from '../../../db/schema/auth.ts';
import { env } from '../../lib/env.ts';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

type Transport = { sendMail(m: { from: string; to: string; subject: string; text: string }): Promise<unknown> };
let transport: Promise<Transport> | undefined;

export async function sendMail(db: Db, mail: Mail): Promise<'smtp' | 'outbox'> {
  if (env.SMTP_URL) {
    transport ??= import('nodemailer').then((m) => m.default.createTransport(env.SMTP_URL) as Transport);
    await (await transport).sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.body });
    return 'smtp';
  }
  await db.insert(outbox).values(mail);
  return 'outbox';
}

export async function listOutbox(db: Db, limit = 100) {
  return db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit);
}

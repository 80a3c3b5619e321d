// Outgoing mail (mail).
import { integer, pgEnum, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

// Every outgoing mail: written here in the sender's transaction, then delivered by
// the mail.deliver job. pending: waiting for the job; sent: handed to the SMTP
// server (the body is blanked then, so one-time links do not stay here); kept: no
// SMTP server configured, admins read it at /admin/outbox; failed: the SMTP server
// refused it on every attempt (an admin may retry the job).
export const mailStatus = pgEnum('mail_status', ['pending', 'sent', 'kept', 'failed']);

export const outbox = pgTable('outbox', {
  id: serial('id').primaryKey(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  status: mailStatus('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

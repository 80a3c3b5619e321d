// Outgoing mail: what a mail is, and the payload of the job that delivers it.
import { z } from 'zod';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

/** The job that delivers one outbox row (src/workflows/jobs.ts). */
export const DELIVER_MAIL_JOB = 'mail.deliver';

export const DeliverMailSchema = z.object({ outboxId: z.number().int().positive() }).strict();
export type DeliverMail = z.infer<typeof DeliverMailSchema>;

export type DeliveryOutcome = 'sent' | 'kept' | 'already_done';

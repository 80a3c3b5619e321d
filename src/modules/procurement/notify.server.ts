// Procurement's mail: to the village's managers, or to one person (the requester,
// an approver). Sent after the commit; a failure is logged and never undoes the change.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { villageManagers } from '../../../db/schema/villages.ts';
import { sendMail } from '../mail/mail.server.ts';
import { log } from '../../lib/log.ts';

/** Mail to every manager of the village. */
export async function notifyVillage(db: Db, villageId: number, subject: string, body: string) {
  try {
    const to = await db
      .select({ email: users.email })
      .from(villageManagers)
      .innerJoin(users, eq(users.id, villageManagers.userId))
      .where(eq(villageManagers.villageId, villageId));
    for (const { email } of to) if (email) await sendMail(db, { to: email, subject, body: `您好：\n\n${body}\n\n帮扶集市` });
  } catch (error) {
    log.error({ err: error }, 'procurement mail failed');
  }
}

/** Mail to one person. */
export async function notifyUser(db: Db, userId: number, subject: string, body: string) {
  try {
    const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (u?.email) await sendMail(db, { to: u.email, subject, body: `您好：\n\n${body}\n\n帮扶集市` });
  } catch (error) {
    log.error({ err: error }, 'procurement mail failed');
  }
}

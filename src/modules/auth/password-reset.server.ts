// Password reset: anyone may ask. The request does the same work whether or not
// the email is known (throttle, then a job), so neither its answer nor its time
// says which emails have accounts; the job (issuePasswordReset) makes the link and
// the mail for a known, enabled account. A link carries a one-time token valid for
// an hour, stored hashed; an account has one live link at a time (issuing or using
// one ends the others). Using it sets the new password and ends every session.
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { passwordResetTokens, users } from '../../../db/schema/auth.ts';
import { env } from '../../lib/env.ts';
import { refuse } from '../../lib/errors.ts';
import { fill, type Locale, localePath, messages } from '../../lib/i18n.ts';
import { enqueue } from '../jobs/queue.server.ts';
import { sendMail } from '../mail/mail.server.ts';
import { PASSWORD_RESET_JOB, type PasswordResetJob } from './auth.ts';
import { hashPassword } from './passwords.ts';
import { invalidateUserSessions } from './sessions.server.ts';
import { lockedUntil, recordFailure } from './throttle.server.ts';
import { generateToken, parseToken, secretMatches } from './tokens.ts';

export const RESET_TTL_MS = 60 * 60 * 1000;
/** Requests (not failures: every one counts) per 15 minutes before a pause. */
export const RESET_LIMIT = { perAccount: 3, perIp: 10 };

/** The request: throttled per email and per IP, then handed to the job — the same steps for any email. */
export async function askForPasswordReset(db: Db, email: string, locale: Locale, ip: string, now = new Date()): Promise<void> {
  const keys = [`reset-email:${email}`, `reset-ip:${ip}`];
  if (await lockedUntil(db, keys, now)) throw refuse.tooMany('reset_too_many');
  await recordFailure(db, keys[0], RESET_LIMIT.perAccount, now);
  await recordFailure(db, keys[1], RESET_LIMIT.perIp, now);
  await enqueue(db, PASSWORD_RESET_JOB, { email, locale } satisfies PasswordResetJob);
}

/** The job: for a known, enabled account, a new link (ending any earlier one) and the mail, in one transaction. */
export async function issuePasswordReset(db: Db, email: string, locale: Locale, now = new Date()): Promise<boolean> {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.disabledAt)));
  if (!user) return false;
  const t = generateToken();
  const link = `${env.SITE_URL.replace(/\/$/, '')}${localePath(locale, '/reset-password')}?token=${encodeURIComponent(t.token)}`;
  const text = messages(locale).auth;
  await db.transaction(async (tx) => {
    await endResetLinks(tx, user.id, now);
    await tx.insert(passwordResetTokens).values({ id: t.id, secretHash: t.secretHash, userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + RESET_TTL_MS) });
    await sendMail(tx, { to: email, subject: text.resetMailSubject, body: fill(text.resetMailBody, { link }) });
  });
  return true;
}

/** Ends the account's live links (but `except`). */
async function endResetLinks(tx: DbOrTx, userId: number, now: Date, except?: string) {
  const live = and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt));
  await tx
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(except ? and(live, ne(passwordResetTokens.id, except)) : live);
}

/** Is this token usable? For showing the form or an "expired link" message. */
export async function resetTokenIsValid(db: Db, token: string, now = new Date()): Promise<boolean> {
  return (await findToken(db, token, now)) !== null;
}

async function findToken(db: Db, token: string, now: Date) {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const [row] = await db
    .select()
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.id, parsed.id), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)));
  return row && secretMatches(parsed.secret, row.secretHash) ? row : null;
}

export async function resetPassword(db: Db, token: string, password: string, now = new Date()): Promise<number> {
  const row = await findToken(db, token, now);
  if (!row) throw refuse.invalid('reset_link_invalid');
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Spend the token first; a second use in a race finds it spent.
    const spent = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.id, row.id), isNull(passwordResetTokens.usedAt)))
      .returning({ id: passwordResetTokens.id });
    if (spent.length === 0) throw refuse.invalid('reset_link_invalid');
    // Any other link of the account is over too.
    await endResetLinks(tx, row.userId, now, row.id);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId));
    await invalidateUserSessions(tx, row.userId);
    return row.userId;
  });
}

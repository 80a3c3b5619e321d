// Password reset: anyone may ask (the answer never says whether the email is
// known); the link carries a one-time token valid for an hour, stored hashed.
// Using it sets the new password and ends every session of the account.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { passwordResetTokens, users } from '../../../db/schema/auth.ts';
import { refuse } from '../../lib/errors.ts';
import { sendMail } from '../mail/mail.server.ts';
import { hashPassword } from './passwords.ts';
import { invalidateUserSessions } from './sessions.server.ts';
import { generateToken, parseToken, secretMatches } from './tokens.ts';

export const RESET_TTL_MS = 60 * 60 * 1000;

export interface ResetMailText {
  subject: string;
  body: (link: string) => string;
}

export async function requestPasswordReset(db: Db, email: string, linkBase: string, text: ResetMailText, now = new Date()) {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.disabledAt)));
  if (!user) return;
  const t = generateToken();
  await db.insert(passwordResetTokens).values({
    id: t.id,
    secretHash: t.secretHash,
    userId: user.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + RESET_TTL_MS),
  });
  await sendMail(db, { to: email, subject: text.subject, body: text.body(`${linkBase}?token=${encodeURIComponent(t.token)}`) });
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
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId));
    await invalidateUserSessions(tx, row.userId);
    return row.userId;
  });
}

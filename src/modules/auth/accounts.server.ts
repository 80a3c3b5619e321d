// Sign-in and password changes (sign-up: sign-up.server.ts). Errors are thrown as DomainError with
// a message key the page shows in the user's language.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { refuse } from '../../lib/errors.ts';
import type { ChangePassword, SignIn } from './auth.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';
import { createSession, invalidateUserSessions } from './sessions.server.ts';
import { clearFailures, lockedUntil, recordFailure, SIGN_IN, signInKeys } from './throttle.server.ts';

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

/**
 * The same answer for an unknown email and a wrong password, after the same
 * amount of work; throttled per account and per IP.
 */
export async function signIn(db: Db, input: SignIn, meta: RequestMeta, now = new Date()) {
  const keys = signInKeys(input.email, meta.ip);
  if (await lockedUntil(db, [keys.pair, keys.ip, keys.account], now)) throw refuse.tooMany('too_many_attempts');
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, input.email), isNull(users.disabledAt)))
    .limit(1);
  let ok = false;
  // No such account: spend the same time hashing, so the answer does not tell which emails exist.
  if (user) ok = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);
  if (!user || !ok) {
    await recordFailure(db, keys.pair, SIGN_IN.pair, now);
    await recordFailure(db, keys.ip, SIGN_IN.ip, now);
    await recordFailure(db, keys.account, SIGN_IN.account, now);
    throw refuse.invalid('credentials_invalid');
  }
  await clearFailures(db, keys.pair);
  await clearFailures(db, keys.account);
  return { userId: user.id, ...(await createSession(db, user.id, meta, now)) };
}

/** Wrong current passwords per account: a stolen session cannot guess its way to the password. */
export const CHANGE_PASSWORD = { max: 5, lockSeconds: 15 * 60 };

/** Changes the password and ends every other session of the user. */
export async function changePassword(db: Db, userId: number, sessionId: string, input: ChangePassword, now = new Date()) {
  const key = `password:${userId}`;
  if (await lockedUntil(db, [key], now)) throw refuse.tooMany('too_many_attempts');
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordFailure(db, key, CHANGE_PASSWORD, now);
    throw refuse.invalid('password_wrong', 'currentPassword');
  }
  await clearFailures(db, key);
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword) })
    .where(eq(users.id, userId));
  return invalidateUserSessions(db, userId, sessionId);
}

/** For the shell and the seed: creates an account with a platform role, or updates the role of an existing one. */
export async function createOrPromoteUser(db: Db, input: { email: string; displayName: string; password: string; role: 'user' | 'admin' }) {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing) {
    await db.update(users).set({ role: input.role }).where(eq(users.id, existing.id));
    return { userId: existing.id, created: false };
  }
  const [row] = await db
    .insert(users)
    .values({ email: input.email, displayName: input.displayName, passwordHash: await hashPassword(input.password), role: input.role })
    .returning({ id: users.id });
  return { userId: row.id, created: true };
}

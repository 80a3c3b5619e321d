// Sign-up, confirmed by email. The request does the same work whatever the email (throttle,
// hash the password, keep the request, queue a job), so neither its answer nor its time says
// which emails have accounts. The job (mailSignUpLink) mails a link for a free email, or a
// note to the owner of a taken one ("you already have an account: sign in or reset").
// Opening the link shows a button; pressing it creates the account and signs in — a link
// that a mail scanner fetches changes nothing. A request lives a day; a sweep deletes
// used and expired ones, since they hold personal data.
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { signUpRequests, users } from '../../../db/schema/auth.ts';
import { env } from '../../lib/env.ts';
import { refuse } from '../../lib/errors.ts';
import { fill, type Locale, localePath, messages } from '../../lib/i18n.ts';
import { enqueue } from '../jobs/queue.server.ts';
import { sendMail } from '../mail/mail.server.ts';
import type { RequestMeta } from './accounts.server.ts';
import { SIGN_UP_JOB, type SignUp, type SignUpJob } from './auth.ts';
import { hashPassword } from './passwords.ts';
import { createSession } from './sessions.server.ts';
import { lockedUntil, recordFailure } from './throttle.server.ts';
import { generateToken, parseToken, secretMatches } from './tokens.ts';

export const SIGN_UP_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * Sign-ups per address and per email in 15 minutes (every attempt counts): 300 accounts in 3 s
 * from one IP once slowed the whole store, and each attempt now sends a mail. Generous per
 * address, because a unit's staff join from one office.
 */
export const SIGN_UP = { perIp: { max: 30, lockSeconds: 15 * 60 }, perEmail: 3 };

/** The request: the same steps for any email; the mail goes out from a job. */
export async function askToSignUp(db: Db, input: SignUp, locale: Locale, meta: RequestMeta, now = new Date()): Promise<void> {
  const keys = [`signup-ip:${meta.ip}`, `signup-email:${input.email}`];
  if (await lockedUntil(db, keys, now)) throw refuse.tooMany('signup_too_many');
  await recordFailure(db, keys[0], SIGN_UP.perIp, now);
  await recordFailure(db, keys[1], SIGN_UP.perEmail, now);
  const passwordHash = await hashPassword(input.password);
  const { id } = generateToken();
  await db.transaction(async (tx) => {
    await tx.insert(signUpRequests).values({
      id,
      email: input.email,
      displayName: input.displayName,
      mobile: input.mobile,
      passwordHash,
      next: input.next ?? null,
      locale,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SIGN_UP_TTL_MS),
    });
    await enqueue(tx, SIGN_UP_JOB, { requestId: id } satisfies SignUpJob);
  });
}

const site = () => env.SITE_URL.replace(/\/$/, '');

/** The job: the link for a free email, or a note to the owner of a taken one. False when the request is gone. */
export async function mailSignUpLink(db: Db, requestId: string): Promise<boolean> {
  const [request] = await db
    .select()
    .from(signUpRequests)
    .where(and(eq(signUpRequests.id, requestId), isNull(signUpRequests.usedAt), isNull(signUpRequests.secretHash)));
  if (!request) return false;
  const locale: Locale = request.locale === 'en' ? 'en' : 'zh';
  const text = messages(locale).auth;
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, request.email));
  await db.transaction(async (tx) => {
    if (owner) {
      await tx.delete(signUpRequests).where(eq(signUpRequests.id, request.id));
      const signin = `${site()}${localePath(locale, '/signin')}`;
      const reset = `${site()}${localePath(locale, '/forgot-password')}`;
      await sendMail(tx, { to: request.email, subject: text.signUpTakenMailSubject, body: fill(text.signUpTakenMailBody, { signin, reset }) });
      return;
    }
    const t = generateToken();
    await tx.update(signUpRequests).set({ secretHash: t.secretHash }).where(eq(signUpRequests.id, request.id));
    const link = `${site()}${localePath(locale, '/confirm-signup')}?token=${encodeURIComponent(`${request.id}.${t.secret}`)}`;
    await sendMail(tx, { to: request.email, subject: text.signUpMailSubject, body: fill(text.signUpMailBody, { link }) });
  });
  return true;
}

async function findRequest(db: Db, token: string, now: Date) {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const [row] = await db
    .select()
    .from(signUpRequests)
    .where(and(eq(signUpRequests.id, parsed.id), isNull(signUpRequests.usedAt), gt(signUpRequests.expiresAt, now)));
  return row?.secretHash && secretMatches(parsed.secret, row.secretHash) ? row : null;
}

/** The email a live link would sign up, for the confirmation page; null for a used, expired or wrong link. */
export async function signUpLinkEmail(db: Db, token: string, now = new Date()): Promise<string | null> {
  return (await findRequest(db, token, now))?.email ?? null;
}

/** Pressing the button: the account, signed in. A link works once; an email taken since is refused. */
export async function confirmSignUp(db: Db, token: string, meta: RequestMeta, now = new Date()) {
  const request = await findRequest(db, token, now);
  if (!request) throw refuse.invalid('signup_link_invalid');
  const userId = await db.transaction(async (tx) => {
    const spent = await tx
      .update(signUpRequests)
      .set({ usedAt: now })
      .where(and(eq(signUpRequests.id, request.id), isNull(signUpRequests.usedAt)))
      .returning({ id: signUpRequests.id });
    if (spent.length === 0) throw refuse.invalid('signup_link_invalid');
    const [user] = await tx
      .insert(users)
      .values({ email: request.email, displayName: request.displayName, mobile: request.mobile, passwordHash: request.passwordHash, createdAt: now })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) throw refuse.invalid('email_taken');
    // Other pending requests for this email are moot now.
    await tx
      .update(signUpRequests)
      .set({ usedAt: now })
      .where(and(eq(signUpRequests.email, request.email), isNull(signUpRequests.usedAt)));
    return user.id;
  });
  return { userId, next: request.next, ...(await createSession(db, userId, meta, now)) };
}

/** The sweep: requests used, or expired, are deleted (they hold a name, a mobile and a password hash). */
export async function purgeSignUpRequests(db: Db, now = new Date()): Promise<number> {
  const gone = await db
    .delete(signUpRequests)
    .where(or(lt(signUpRequests.expiresAt, now), lt(signUpRequests.usedAt, new Date(now.getTime() - 60 * 60 * 1000))))
    .returning({ id: signUpRequests.id });
  return gone.length;
}

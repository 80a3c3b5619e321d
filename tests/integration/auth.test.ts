// Sign-up (confirmed by email), sign-in, sessions, throttling and password reset on a real database.
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.ts';
import { describe, expect, it } from 'vitest';
import { authThrottle, outbox, passwordResetTokens, sessions, signUpRequests, users } from '../../db/schema/index.ts';
import { CHANGE_PASSWORD, changePassword, signIn } from '../../src/modules/auth/accounts.server.ts';
import { askToSignUp, confirmSignUp, mailSignUpLink, purgeSignUpRequests, SIGN_UP, signUpLinkEmail } from '../../src/modules/auth/sign-up.server.ts';
import { askForPasswordReset, issuePasswordReset, resetPassword, resetTokenIsValid } from '../../src/modules/auth/password-reset.server.ts';
import { SESSION_MS } from '../../src/modules/auth/sessions.ts';
import { createSession, invalidateUserSessions, listUserSessions, validateSessionToken } from '../../src/modules/auth/sessions.server.ts';
import { SIGN_IN } from '../../src/modules/auth/throttle.server.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { createUser, TEST_PASSWORD } from '../factories/users.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
const meta = { ip: '203.0.113.7', userAgent: 'vitest' };
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof DomainError ? e.key : `unexpected: ${String(e)}`),
  );
/** The one-time token in a reset mail's link. */
const tokenIn = (body: string) => decodeURIComponent(/token=([^\s]+)/.exec(body)![1]);

describe('sign-up and sign-in', () => {
  it('answers a sign-up the same for a free and a taken email; the mailed link makes the account once, storing only an argon2id hash', async () => {
    const taken = await createUser(t.db);
    const ask = (email: string) => askToSignUp(t.db, { email, displayName: '梅', mobile: null, password: 'peach-harvest-2027', next: '/cart' }, 'zh', meta);
    expect(await ask('mei@example.com')).toBeUndefined();
    expect(await ask(taken.email)).toBeUndefined();
    // Nothing exists yet, and the request path sent nothing: the job does.
    expect(await t.db.select().from(users).where(eq(users.email, 'mei@example.com'))).toEqual([]);
    expect(await t.db.select().from(outbox).where(eq(outbox.to, 'mei@example.com'))).toEqual([]);
    const requests = await t.db.select().from(signUpRequests).orderBy(signUpRequests.createdAt);
    expect(requests.map((r) => r.email).sort()).toEqual(['mei@example.com', taken.email].sort());
    for (const r of requests) expect(await mailSignUpLink(t.db, r.id)).toBe(true);
    // The owner of the taken email is told, with no link that makes anything.
    const [note] = await t.db.select().from(outbox).where(eq(outbox.to, taken.email));
    expect(note.subject).toBe('【帮扶集市】您的邮箱已经注册过');
    expect(note.body).not.toContain('confirm-signup');
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.to, 'mei@example.com'));
    const token = tokenIn(mail.body);
    // Opening the link (a mail scanner does) changes nothing; pressing the button makes the account.
    expect(await signUpLinkEmail(t.db, token)).toBe('mei@example.com');
    expect(await t.db.select().from(users).where(eq(users.email, 'mei@example.com'))).toEqual([]);
    const r = await confirmSignUp(t.db, token, meta);
    expect(r.next).toBe('/cart');
    expect((await validateSessionToken(t.db, r.token))?.user.id).toBe(r.userId);
    const [row] = await t.db.select().from(users).where(eq(users.id, r.userId));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain('peach');
    // Once: the link is spent, a wrong secret is no link, and a second request for the email now gets the note.
    expect(await refusal(confirmSignUp(t.db, token, meta))).toBe('signup_link_invalid');
    expect(await refusal(confirmSignUp(t.db, `${token.split('.')[0]}.${'a'.repeat(32)}`, meta))).toBe('signup_link_invalid');
    expect(await signUpLinkEmail(t.db, token)).toBeNull();
    // Used and expired requests are deleted by the sweep (they hold personal data).
    expect(await purgeSignUpRequests(t.db, new Date(Date.now() + 25 * 60 * 60 * 1000))).toBeGreaterThan(0);
    expect(await t.db.select().from(signUpRequests)).toEqual([]);
  });

  it('refuses a link whose email was registered since it was mailed', async () => {
    await askToSignUp(t.db, { email: 'late@example.com', displayName: '晚', mobile: null, password: 'peach-harvest-2027' }, 'en', meta);
    const [request] = await t.db.select().from(signUpRequests).where(eq(signUpRequests.email, 'late@example.com'));
    await mailSignUpLink(t.db, request.id);
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.to, 'late@example.com'));
    expect(mail.subject).toBe('[Bangfu Market] Confirm your email');
    await createUser(t.db, { email: 'late@example.com' });
    expect(await refusal(confirmSignUp(t.db, tokenIn(mail.body), meta))).toBe('email_taken');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const user = await createUser(t.db);
    expect(await refusal(signIn(t.db, { email: user.email, password: 'wrong-password' }, meta))).toBe('credentials_invalid');
    expect(await refusal(signIn(t.db, { email: 'nobody@example.com', password: 'wrong-password' }, meta))).toBe('credentials_invalid');
    const ok = await signIn(t.db, { email: user.email, password: TEST_PASSWORD }, meta);
    expect((await validateSessionToken(t.db, ok.token))?.user.id).toBe(user.id);
  });

  it('stops guessing from one address without locking the owner out from theirs', async () => {
    const user = await createUser(t.db);
    const attacker = { ...meta, ip: '198.51.100.1' };
    const owner = { ...meta, ip: '198.51.100.9' };
    for (let i = 0; i < SIGN_IN.pair.max; i++) await refusal(signIn(t.db, { email: user.email, password: 'nope-nope' }, attacker));
    // The attacker's address is locked for this account, even with the right password…
    expect(await refusal(signIn(t.db, { email: user.email, password: TEST_PASSWORD }, attacker))).toBe('too_many_attempts');
    const [row] = await t.db.select().from(authThrottle).where(eq(authThrottle.key, 'ip:198.51.100.1'));
    expect(row.failures).toBe(SIGN_IN.pair.max);
    // …but five wrong passwords from elsewhere no longer lock the owner (an admin included) out.
    expect((await signIn(t.db, { email: user.email, password: TEST_PASSWORD }, owner)).userId).toBe(user.id);
    // After the lock, the window is over and the right password works again from the attacker's address too.
    const later = new Date(Date.now() + SIGN_IN.pair.lockSeconds * 1000 + 1000);
    expect((await signIn(t.db, { email: user.email, password: TEST_PASSWORD }, attacker, later)).userId).toBe(user.id);
  });

  it('pauses sign-ups from one address after 30 in 15 minutes and to one email after three, and a wrong current password after five', async () => {
    const ip = { ...meta, ip: '198.51.100.77' };
    const ask = (email: string) => askToSignUp(t.db, { email, displayName: '批量', mobile: null, password: 'harvest-season-2027' }, 'zh', ip);
    for (let i = 0; i < SIGN_UP.perIp.max; i++) await ask(`bulk-${i}-${Date.now()}@example.com`);
    expect(await refusal(ask(`bulk-last-${Date.now()}@example.com`))).toBe('signup_too_many');
    // One email gets three mails at most in 15 minutes, from any addresses.
    for (let i = 0; i < SIGN_UP.perEmail; i++)
      await askToSignUp(t.db, { email: 'bombed@example.com', displayName: '批量', mobile: null, password: 'harvest-season-2027' }, 'zh', {
        ...meta,
        ip: `198.51.100.${100 + i}`,
      });
    expect(
      await refusal(
        askToSignUp(t.db, { email: 'bombed@example.com', displayName: '批量', mobile: null, password: 'harvest-season-2027' }, 'zh', { ...meta, ip: '198.51.100.200' }),
      ),
    ).toBe('signup_too_many');
    const user = await createUser(t.db);
    const { session } = await createSession(t.db, user.id, meta);
    for (let i = 0; i < CHANGE_PASSWORD.max; i++) {
      expect(await refusal(changePassword(t.db, user.id, session.id, { currentPassword: 'not-it-at-all', newPassword: 'new-harvest-2028' }))).toBe('password_wrong');
    }
    // Even the right one now waits: a stolen session cannot guess its way to the password.
    expect(await refusal(changePassword(t.db, user.id, session.id, { currentPassword: TEST_PASSWORD, newPassword: 'new-harvest-2028' }))).toBe('too_many_attempts');
  });

  it('slows an account guessed at from many addresses with a doubling pause, not a lock', async () => {
    const user = await createUser(t.db);
    const at = new Date('2027-03-01T08:00:00Z');
    const from = (i: number) => ({ ...meta, ip: `192.0.2.${i}` });
    for (let i = 0; i < SIGN_IN.account.max; i++) await refusal(signIn(t.db, { email: user.email, password: 'nope-nope' }, from(i), at));
    // Past the limit: a pause of 2 s for everyone…
    expect(await refusal(signIn(t.db, { email: user.email, password: TEST_PASSWORD }, from(100), new Date(at.getTime() + 1_000)))).toBe('too_many_attempts');
    // …after which the owner signs in (and the count starts again).
    expect((await signIn(t.db, { email: user.email, password: TEST_PASSWORD }, from(100), new Date(at.getTime() + 2_500))).userId).toBe(user.id);
  });

  it('refuses a disabled account', async () => {
    const user = await createUser(t.db, { disabledAt: new Date() });
    expect(await refusal(signIn(t.db, { email: user.email, password: TEST_PASSWORD }, meta))).toBe('credentials_invalid');
  });
});

describe('sessions', () => {
  it('validates only the exact token, stores no secret, and ends on sign-out', async () => {
    const user = await createUser(t.db);
    const { token, session } = await createSession(t.db, user.id, meta);
    const [stored] = await t.db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(Buffer.from(stored.secretHash).toString('utf8')).not.toContain(token.split('.')[1]);
    expect(await validateSessionToken(t.db, token)).not.toBeNull();
    expect(await validateSessionToken(t.db, `${session.id}.${'a'.repeat(32)}`)).toBeNull();
    expect(await validateSessionToken(t.db, 'garbage')).toBeNull();
    await invalidateUserSessions(t.db, user.id);
    expect(await validateSessionToken(t.db, token)).toBeNull();
  });

  it('slides: renewed when less than half of 30 days remains, gone once expired', async () => {
    const user = await createUser(t.db);
    const start = new Date('2026-11-01T00:00:00Z');
    const { token } = await createSession(t.db, user.id, meta, start);
    const day10 = await validateSessionToken(t.db, token, new Date(start.getTime() + 10 * 86400_000));
    expect(day10?.renewed).toBe(false);
    const day20 = new Date(start.getTime() + 20 * 86400_000);
    const renewed = await validateSessionToken(t.db, token, day20);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.session.expiresAt.getTime()).toBe(day20.getTime() + SESSION_MS);
    expect(await validateSessionToken(t.db, token, new Date(day20.getTime() + SESSION_MS + 1))).toBeNull();
  });

  it('changing the password ends every other session and checks the current one', async () => {
    const user = await createUser(t.db);
    const a = await createSession(t.db, user.id, meta);
    const b = await createSession(t.db, user.id, meta);
    expect(await refusal(changePassword(t.db, user.id, a.session.id, { currentPassword: 'wrong', newPassword: 'new-harvest-2028' }))).toBe('password_wrong');
    expect(await changePassword(t.db, user.id, a.session.id, { currentPassword: TEST_PASSWORD, newPassword: 'new-harvest-2028' })).toBe(1);
    expect(await validateSessionToken(t.db, a.token)).not.toBeNull();
    expect(await validateSessionToken(t.db, b.token)).toBeNull();
    expect((await listUserSessions(t.db, user.id)).map((s) => s.id)).toEqual([a.session.id]);
  });
});

describe('password reset', () => {
  it('mails a one-time link for a known email only, and using it ends every session', async () => {
    const user = await createUser(t.db);
    const { token: sessionToken } = await createSession(t.db, user.id, meta);
    // What the job does (the request only queues it, the same for any email).
    expect(await issuePasswordReset(t.db, 'unknown@example.com', 'zh')).toBe(false);
    expect(await t.db.select().from(outbox).where(eq(outbox.to, 'unknown@example.com'))).toEqual([]);

    expect(await issuePasswordReset(t.db, user.email, 'zh')).toBe(true);
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.to, user.email));
    expect(mail.subject).toBe('【帮扶集市】重设密码');
    const token = tokenIn(mail.body);
    const [stored] = await t.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id));
    expect(stored.id).toBe(token.split('.')[0]);
    expect(await resetTokenIsValid(t.db, token)).toBe(true);

    await resetPassword(t.db, token, 'brand-new-pass-2027');
    expect(await validateSessionToken(t.db, sessionToken)).toBeNull();
    expect((await signIn(t.db, { email: user.email, password: 'brand-new-pass-2027' }, meta)).userId).toBe(user.id);
    expect(await refusal(resetPassword(t.db, token, 'third-pass-2027'))).toBe('reset_link_invalid');
  });

  it('keeps one live link per account: a newer link ends the older, and using one ends the rest', async () => {
    const user = await createUser(t.db);
    await issuePasswordReset(t.db, user.email, 'en');
    await issuePasswordReset(t.db, user.email, 'en');
    const [first, second] = (await t.db.select().from(outbox).where(eq(outbox.to, user.email)).orderBy(outbox.id)).map((m) => tokenIn(m.body));
    // Once: both stayed valid, and the older still worked after the newer was used.
    expect(await resetTokenIsValid(t.db, first)).toBe(false);
    expect(await resetTokenIsValid(t.db, second)).toBe(true);
    await resetPassword(t.db, second, 'brand-new-pass-2027');
    expect(await refusal(resetPassword(t.db, first, 'third-pass-2027'))).toBe('reset_link_invalid');
  });

  it('asks the same way for any email (a queued job, no mail yet) and pauses after three requests', async () => {
    const user = await createUser(t.db);
    const jobs = async () => (await rowsOf<{ n: number }>(t.db, sql`select count(*)::int as n from pgboss.job where name = 'auth.password-reset'`))[0].n;
    const before = await jobs();
    await askForPasswordReset(t.db, 'nobody@example.com', 'zh', '10.9.0.1');
    await askForPasswordReset(t.db, user.email, 'zh', '10.9.0.2');
    expect(await jobs()).toBe(before + 2);
    expect(await t.db.select().from(outbox).where(eq(outbox.to, user.email))).toEqual([]);
    // Fifty requests once made fifty mails: now the fourth within 15 minutes waits, from any IP.
    await askForPasswordReset(t.db, user.email, 'zh', '10.9.0.3');
    await askForPasswordReset(t.db, user.email, 'zh', '10.9.0.4');
    expect(await refusal(askForPasswordReset(t.db, user.email, 'zh', '10.9.0.5'))).toBe('reset_too_many');
    expect(await jobs()).toBe(before + 4);
  });

  it('refuses an expired or tampered link', async () => {
    const user = await createUser(t.db);
    const past = new Date(Date.now() - 2 * 3600_000);
    await issuePasswordReset(t.db, user.email, 'zh', past);
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.to, user.email));
    const token = tokenIn(mail.body);
    expect(await refusal(resetPassword(t.db, token, 'brand-new-pass-2027'))).toBe('reset_link_invalid');
    // The last character changed (never to itself: a token ending in 'a' once made this pass by chance).
    expect(await refusal(resetPassword(t.db, `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`, 'brand-new-pass-2027'))).toBe('reset_link_invalid');
  });
});

// Sessions in PostgreSQL: create, validate (with sliding renewal), list, end.
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { sessions, users } from '../../../db/schema/auth.ts';
import { isExpired, needsRenewal, sessionExpiry } from './sessions.ts';
import { generateToken, parseToken, secretMatches } from './tokens.ts';

export type SessionUser = Pick<typeof users.$inferSelect, 'id' | 'email' | 'displayName' | 'mobile' | 'role'>;
export interface Session {
  id: string;
  userId: number;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  userId: number,
  meta: { userAgent?: string | null; ip?: string | null },
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const t = generateToken();
  const expiresAt = sessionExpiry(now);
  await db.insert(sessions).values({
    id: t.id,
    secretHash: t.secretHash,
    userId,
    createdAt: now,
    expiresAt,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    ip: meta.ip?.slice(0, 64) ?? null,
  });
  return { token: t.token, session: { id: t.id, userId, expiresAt } };
}

export interface Validated {
  session: Session;
  user: SessionUser;
  /** The expiry moved: the cookie must be set again. */
  renewed: boolean;
}

export async function validateSessionToken(db: Db, token: string | undefined, now = new Date()): Promise<Validated | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const [row] = await db
    .select({
      id: sessions.id,
      secretHash: sessions.secretHash,
      expiresAt: sessions.expiresAt,
      user: { id: users.id, email: users.email, displayName: users.displayName, mobile: users.mobile, role: users.role, disabledAt: users.disabledAt },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, parsed.id))
    .limit(1);
  if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
  if (isExpired(row.expiresAt, now) || row.user.disabledAt) {
    await db.delete(sessions).where(eq(sessions.id, row.id));
    return null;
  }
  let expiresAt = row.expiresAt;
  let renewed = false;
  if (needsRenewal(expiresAt, now)) {
    expiresAt = sessionExpiry(now);
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, row.id));
    renewed = true;
  }
  const { disabledAt: _d, ...user } = row.user;
  return { session: { id: row.id, userId: user.id, expiresAt }, user, renewed };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of the user, or every one but `keepSessionId`. */
export async function invalidateUserSessions(db: Db, userId: number, keepSessionId?: string): Promise<number> {
  const where = keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId);
  const ended = await db.delete(sessions).where(where).returning({ id: sessions.id });
  return ended.length;
}

export async function listUserSessions(db: Db, userId: number) {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent, ip: sessions.ip })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(sessions.createdAt);
}

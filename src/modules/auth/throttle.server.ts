// Attempt throttling, kept in the database so a limit holds across server
// instances: sign-in failures, password-change failures, sign-ups, reset requests
// and order lookups each count against keys (an account, an IP, a pair of both).
// Past a key's limit within the window the key is locked for a while — for a fixed
// time, or progressively (each attempt past the limit doubles the pause, up to a cap).
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { authThrottle } from '../../../db/schema/auth.ts';

export const WINDOW_MS = 15 * 60 * 1000;

export interface Limit {
  /** Attempts in the window before the key locks. */
  max: number;
  /** How long it locks; with `progressive`, the longest pause (the first is 2 s, then 4 s, 8 s…). */
  lockSeconds: number;
  progressive?: boolean;
}

/**
 * Sign-in: five wrong passwords lock that account *from that address* for 15 minutes — a
 * stranger elsewhere cannot lock anyone out; an address is stopped after 30 failures on any
 * accounts; and an account guessed at from many addresses slows down (a doubling pause, at
 * most a minute) instead of closing.
 */
export const SIGN_IN = {
  pair: { max: 5, lockSeconds: 15 * 60 } satisfies Limit,
  ip: { max: 30, lockSeconds: 15 * 60 } satisfies Limit,
  account: { max: 20, lockSeconds: 60, progressive: true } satisfies Limit,
};

export const signInKeys = (email: string, ip: string) => ({ pair: `signin:${email}|${ip}`, ip: `ip:${ip}`, account: `email:${email}` });

/** Locked keys, if any, with when they unlock. */
export async function lockedUntil(db: Db, keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db.select({ lockedUntil: authThrottle.lockedUntil }).from(authThrottle).where(inArray(authThrottle.key, keys));
  let latest: Date | null = null;
  for (const { lockedUntil } of rows) if (lockedUntil && lockedUntil > now && (!latest || lockedUntil > latest)) latest = lockedUntil;
  return latest;
}

/** Counts one attempt against the key, atomically; locks it once over the limit (a number: that many, 15 minutes). */
export async function recordFailure(db: Db, key: string, limit: number | Limit, now = new Date()): Promise<void> {
  const { max, lockSeconds, progressive } = typeof limit === 'number' ? { max: limit, lockSeconds: WINDOW_MS / 1000, progressive: false } : limit;
  // Raw SQL parameters get explicit types: postgres.js and PGlite serialise a bare Date differently.
  const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const windowStart = ts(new Date(now.getTime() - WINDOW_MS));
  const at = ts(now);
  const failures = sql`${authThrottle.failures} + 1`;
  // Progressive: 2^(attempts past the limit) seconds, at most lockSeconds.
  const pause = progressive ? sql`least(power(2, ${failures} - ${max}::int + 1), ${lockSeconds}::int)` : sql`${lockSeconds}::int`;
  const firstLock = max <= 1 ? new Date(now.getTime() + (progressive ? Math.min(2, lockSeconds) : lockSeconds) * 1000) : null;
  await db
    .insert(authThrottle)
    .values({ key, failures: 1, windowStartedAt: now, lockedUntil: firstLock })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures: sql`case when ${authThrottle.windowStartedAt} < ${windowStart} then 1 else ${failures} end`,
        windowStartedAt: sql`case when ${authThrottle.windowStartedAt} < ${windowStart} then ${at} else ${authThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when ${authThrottle.windowStartedAt} >= ${windowStart} and ${failures} >= ${max}::int then ${at} + ${pause} * interval '1 second' else ${authThrottle.lockedUntil} end`,
      },
    });
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}

// Sign-in throttling per account and per IP, kept in the database so the limit
// holds across server instances. After too many failures in the window the key
// is locked for a while; a successful sign-in clears the account's counter.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { authThrottle } from '../../../db/schema/auth.ts';

export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
  maxPerAccount: 5,
  maxPerIp: 30,
};

export const accountKey = (email: string) => `email:${email}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** Locked keys, if any, with when they unlock. */
export async function lockedUntil(db: Db, keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db.select({ lockedUntil: authThrottle.lockedUntil }).from(authThrottle).where(inArray(authThrottle.key, keys));
  let latest: Date | null = null;
  for (const { lockedUntil } of rows) if (lockedUntil && lockedUntil > now && (!latest || lockedUntil > latest)) latest = lockedUntil;
  return latest;
}

/** Counts one failure against the key, atomically; locks it once over `max`. */
export async function recordFailure(db: Db, key: string, max: number, now = new Date()): Promise<void> {
  // Raw SQL parameters get explicit types: postgres.js and PGlite serialise a bare Date differently.
  const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const windowStart = ts(new Date(now.getTime() - THROTTLE.windowMs));
  const lockUntilDate = new Date(now.getTime() + THROTTLE.lockMs);
  const lockUntil = ts(lockUntilDate);
  const at = ts(now);
  await db
    .insert(authThrottle)
    .values({ key, failures: 1, windowStartedAt: now, lockedUntil: max <= 1 ? lockUntilDate : null })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures: sql`case when ${authThrottle.windowStartedAt} < ${windowStart} then 1 else ${authThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${authThrottle.windowStartedAt} < ${windowStart} then ${at} else ${authThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when ${authThrottle.windowStartedAt} >= ${windowStart} and ${authThrottle.failures} + 1 >= ${max}::int then ${lockUntil} else ${authThrottle.lockedUntil} end`,
      },
    });
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}

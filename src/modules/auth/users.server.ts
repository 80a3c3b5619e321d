// Writes to people's accounts other than sign-up and passwords: their own profile,
// and what a platform admin changes (role, disabled). The rules about who may do
// it (an admin never demotes or disables themselves) are the callers'.
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { refuse } from '../../lib/errors.ts';
import { invalidateUserSessions } from './sessions.server.ts';

/** The person's own display name and optional mobile (the email is the sign-in name and is not changed here). */
export async function updateProfile(db: Db, userId: number, input: { displayName: string; mobile: string | null }) {
  const [row] = await db
    .update(users)
    .set({ displayName: input.displayName, mobile: input.mobile })
    .where(eq(users.id, userId))
    .returning({ displayName: users.displayName, mobile: users.mobile });
  if (!row) throw refuse.notFound();
  return row;
}

export async function setRole(db: Db, userId: number, role: 'user' | 'admin') {
  const updated = await db.update(users).set({ role }).where(eq(users.id, userId)).returning({ id: users.id });
  if (updated.length === 0) throw refuse.notFound();
}

/**
 * Disable (ending every session at once) or enable an account. A disabled account
 * keeps its data and orders; it just cannot sign in (validateSessionToken and
 * signIn refuse it). Disabling twice keeps the first time. Returns the sessions ended.
 */
export async function setDisabled(db: Db, userId: number, disabled: boolean, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    if (!exists) throw refuse.notFound();
    if (!disabled) {
      await tx
        .update(users)
        .set({ disabledAt: null })
        .where(and(eq(users.id, userId), isNotNull(users.disabledAt)));
      return 0;
    }
    await tx
      .update(users)
      .set({ disabledAt: now })
      .where(and(eq(users.id, userId), isNull(users.disabledAt)));
    return invalidateUserSessions(tx, userId);
  });
}

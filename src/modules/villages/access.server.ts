// Who runs a village's shop: its managers, appointed by platform admins. The
// guard an edge calls before anything a village does (platform admins pass).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { villageManagers } from '../../../db/schema/villages.ts';
import { AccessError } from '../../lib/errors.ts';
import { requireUser, type AuthLocals } from '../auth/guards.server.ts';
import type { SessionUser } from '../auth/sessions.server.ts';

export async function isVillageManager(db: DbOrTx, villageId: number, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ userId: villageManagers.userId })
    .from(villageManagers)
    .where(and(eq(villageManagers.villageId, villageId), eq(villageManagers.userId, userId)))
    .limit(1);
  return Boolean(row);
}

/** A manager of the village, or a platform admin; 401 signed out, 403 anyone else. */
export async function requireVillageManager(db: DbOrTx, locals: AuthLocals, villageId: number): Promise<SessionUser> {
  const { user } = requireUser(locals);
  if (user.role === 'admin') return user;
  if (!Number.isSafeInteger(villageId) || !(await isVillageManager(db, villageId, user.id))) throw new AccessError(403);
  return user;
}

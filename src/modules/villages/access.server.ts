// Who runs a village's shop: its managers, appointed by platform admins. The
// guards an edge calls before anything a village does (platform admins pass).
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { villageManagers } from '../../../db/schema/villages.ts';
import { AccessError } from '../../lib/errors.ts';
import { requireUser, type AuthLocals } from '../auth/guards.server.ts';
import type { SessionUser } from '../auth/sessions.server.ts';
import { findVillageId, getVillage } from './manage.server.ts';

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

/**
 * The village behind a /manage/villages/[slug] address, for its managers and platform admins:
 * 401 signed out, 403 anyone else — and 403 too for a slug that names no village, the same
 * answer as "not yours", so no one can probe for slugs.
 */
export async function requireManagedVillage(db: Db, locals: AuthLocals, slug: string) {
  requireUser(locals);
  const villageId = await findVillageId(db, slug);
  if (villageId === null) throw new AccessError(403);
  await requireVillageManager(db, locals, villageId);
  const village = await getVillage(db, villageId);
  if (!village) throw new AccessError(403);
  return village;
}

// Appointing and removing a village's managers (村两委 / 驻村工作队 members who run
// its shop). Who decides is the caller's business (platform admins); a manager
// must be an existing, enabled account: they sign up first, then are appointed.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { villages } from '../../../db/schema/catalog.ts';
import { villageManagers } from '../../../db/schema/villages.ts';
import { refuse } from '../../lib/errors.ts';

export async function appointVillageManager(db: Db, villageId: number, email: string): Promise<{ villageId: number; userId: number; appointed: boolean }> {
  const [village] = await db.select({ id: villages.id }).from(villages).where(eq(villages.id, villageId));
  if (!village) throw refuse.notFound();
  const [user] = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.email, email));
  if (!user) throw refuse.notFound('admin_manager_unknown', 'email');
  if (user.disabledAt) throw refuse.conflict('admin_manager_disabled', 'email');
  const inserted = await db.insert(villageManagers).values({ villageId, userId: user.id }).onConflictDoNothing().returning({ userId: villageManagers.userId });
  if (inserted.length === 0) throw refuse.conflict('admin_manager_exists', 'email');
  return { villageId, userId: user.id, appointed: true };
}

export async function removeVillageManager(db: Db, villageId: number, userId: number): Promise<{ villageId: number; userId: number }> {
  const removed = await db
    .delete(villageManagers)
    .where(and(eq(villageManagers.villageId, villageId), eq(villageManagers.userId, userId)))
    .returning({ userId: villageManagers.userId });
  if (removed.length === 0) throw refuse.conflict('state_changed');
  return { villageId, userId };
}

// Village managers (村两委 / 驻村工作队 members who run a village's shop), appointed
// and removed by platform admins. Who: a platform admin. A manager must be an
// existing, enabled account: they sign up first, then an admin appoints them.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users, villageManagers, villages } from '../../../db/schema/index.ts';
import { refuse } from '../../lib/errors.ts';
import { assertAdmin, type Actor, type AppointManager, type RemoveManager } from './admin.ts';

export async function listVillagesWithManagers(db: Db, actor: Actor) {
  assertAdmin(actor);
  const rows = await db
    .select({ id: villages.id, slug: villages.slug, name: villages.name, nameEn: villages.nameEn, province: villages.province, provinceEn: villages.provinceEn, county: villages.county, township: villages.township })
    .from(villages)
    .orderBy(asc(villages.province), asc(villages.county), asc(villages.id));
  const managers = rows.length
    ? await db
        .select({ villageId: villageManagers.villageId, userId: users.id, email: users.email, displayName: users.displayName, disabledAt: users.disabledAt, appointedAt: villageManagers.appointedAt })
        .from(villageManagers)
        .innerJoin(users, eq(users.id, villageManagers.userId))
        .where(inArray(villageManagers.villageId, rows.map((r) => r.id)))
        .orderBy(asc(villageManagers.appointedAt), asc(users.id))
    : [];
  return rows.map((v) => ({ ...v, managers: managers.filter((m) => m.villageId === v.id) }));
}
export type AdminVillage = Awaited<ReturnType<typeof listVillagesWithManagers>>[number];

export async function appointManager(db: Db, actor: Actor, input: AppointManager): Promise<{ villageId: number; userId: number; appointed: boolean }> {
  assertAdmin(actor);
  const [village] = await db.select({ id: villages.id }).from(villages).where(eq(villages.id, input.villageId));
  if (!village) throw refuse.notFound();
  const [user] = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.email, input.email));
  if (!user) throw refuse.notFound('admin_manager_unknown', 'email');
  if (user.disabledAt) throw refuse.conflict('admin_manager_disabled', 'email');
  const inserted = await db.insert(villageManagers).values({ villageId: input.villageId, userId: user.id }).onConflictDoNothing().returning({ userId: villageManagers.userId });
  if (inserted.length === 0) throw refuse.conflict('admin_manager_exists', 'email');
  return { villageId: input.villageId, userId: user.id, appointed: true };
}

export async function removeManager(db: Db, actor: Actor, input: RemoveManager): Promise<{ villageId: number; userId: number }> {
  assertAdmin(actor);
  const removed = await db
    .delete(villageManagers)
    .where(and(eq(villageManagers.villageId, input.villageId), eq(villageManagers.userId, input.userId)))
    .returning({ userId: villageManagers.userId });
  if (removed.length === 0) throw refuse.conflict('state_changed');
  return { villageId: input.villageId, userId: input.userId };
}

// Villages and their managers as platform admins see them; appointing and
// removing a manager. Who: a platform admin (the villages module writes).
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { villages } from '../../../db/schema/catalog.ts';
import { villageManagers } from '../../../db/schema/villages.ts';
import type { Actor } from '../../lib/actor.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { appointVillageManager, removeVillageManager } from '../villages/managers.server.ts';
import { assertAdmin, type AppointManager, type RemoveManager } from './admin.ts';

export async function listVillagesWithManagers(db: Db, actor: Actor) {
  assertAdmin(actor);
  const rows = await db
    .select({
      id: villages.id,
      slug: villages.slug,
      name: villages.name,
      nameEn: villages.nameEn,
      province: villages.province,
      provinceEn: villages.provinceEn,
      county: villages.county,
      township: villages.township,
      pausedAt: villages.pausedAt,
      divisionCode: villages.divisionCode,
    })
    .from(villages)
    .orderBy(asc(villages.province), asc(villages.county), asc(villages.id));
  const managers = rows.length
    ? await db
        .select({
          villageId: villageManagers.villageId,
          userId: users.id,
          email: users.email,
          displayName: users.displayName,
          disabledAt: users.disabledAt,
          appointedAt: villageManagers.appointedAt,
        })
        .from(villageManagers)
        .innerJoin(users, eq(users.id, villageManagers.userId))
        .where(
          inArray(
            villageManagers.villageId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(villageManagers.appointedAt), asc(users.id))
    : [];
  return rows.map((v) => ({ ...v, managers: managers.filter((m) => m.villageId === v.id) }));
}
export type AdminVillage = Awaited<ReturnType<typeof listVillagesWithManagers>>[number];

export async function appointManager(db: Db, actor: Actor, input: AppointManager) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const done = await appointVillageManager(tx, input.villageId, input.email);
    await recordAudit(tx, actor, { action: 'village.manager_appoint', target: 'village', targetId: input.villageId, after: { userId: done.userId, email: input.email } });
    return done;
  });
}

export async function removeManager(db: Db, actor: Actor, input: RemoveManager) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const done = await removeVillageManager(tx, input.villageId, input.userId);
    await recordAudit(tx, actor, { action: 'village.manager_remove', target: 'village', targetId: input.villageId, before: { userId: input.userId } });
    return done;
  });
}

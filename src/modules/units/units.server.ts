// Reading units for their members: overview, members, invites, paired villages,
// sub-units. Callers have already passed requireUnitRole for this unit.
import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { villages } from '../../../db/schema/catalog.ts';
import { unitInvites, unitMembers, units, unitVillages } from '../../../db/schema/units.ts';

export async function getUnitOverview(db: Db, unitId: number, withInvites: boolean, now = new Date()) {
  const [unit] = await db.select().from(units).where(eq(units.id, unitId));
  if (!unit) return null;
  const [members, paired, subUnits, parent, invites] = await Promise.all([
    db
      .select({ userId: users.id, displayName: users.displayName, email: users.email, role: unitMembers.role, joinedAt: unitMembers.joinedAt })
      .from(unitMembers)
      .innerJoin(users, eq(users.id, unitMembers.userId))
      .where(eq(unitMembers.unitId, unitId))
      .orderBy(asc(unitMembers.joinedAt)),
    db
      .select({ slug: villages.slug, name: villages.name, nameEn: villages.nameEn, province: villages.province, provinceEn: villages.provinceEn })
      .from(unitVillages)
      .innerJoin(villages, eq(villages.id, unitVillages.villageId))
      .where(eq(unitVillages.unitId, unitId)),
    db.select({ id: units.id, name: units.name, status: units.status }).from(units).where(eq(units.parentId, unitId)).orderBy(asc(units.id)),
    unit.parentId ? db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, unit.parentId)) : Promise.resolve([]),
    withInvites
      ? db
          .select({
            id: unitInvites.id,
            role: unitInvites.role,
            expiresAt: unitInvites.expiresAt,
            createdAt: unitInvites.createdAt,
            left: sql<number>`${unitInvites.maxUses} - ${unitInvites.uses}`.mapWith(Number),
          })
          .from(unitInvites)
          .where(and(eq(unitInvites.unitId, unitId), isNull(unitInvites.revokedAt), gt(unitInvites.expiresAt, now), lt(unitInvites.uses, unitInvites.maxUses)))
          .orderBy(desc(unitInvites.createdAt))
      : Promise.resolve([]),
  ]);
  return { unit, members, paired, subUnits, parent: parent[0] ?? null, invites };
}

/** A unit's id and name, or null when there is no such unit. */
export async function getUnitName(db: Db, unitId: number): Promise<{ id: number; name: string } | null> {
  const [unit] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, unitId));
  return unit ?? null;
}

export async function listMyUnits(db: Db, userId: number) {
  return db
    .select({ id: units.id, name: units.name, kind: units.kind, status: units.status, reviewNote: units.reviewNote, role: unitMembers.role })
    .from(unitMembers)
    .innerJoin(units, eq(units.id, unitMembers.unitId))
    .where(eq(unitMembers.userId, userId))
    .orderBy(asc(units.name));
}

/** Verified units a new unit may name as its parent (上级单位). */
export async function listParentOptions(db: Db) {
  return db.select({ id: units.id, name: units.name }).from(units).where(eq(units.status, 'verified')).orderBy(asc(units.name));
}

/**
 * The unit a member's personal purchases count for (职工购买): their earliest
 * verified membership, staff memberships first. Null for a plain consumer.
 * Orders record it when they are placed, so a later change never rewrites history.
 */
export async function attributedUnit(db: Db, userId: number): Promise<{ id: number; name: string } | null> {
  const [row] = await db
    .select({ id: units.id, name: units.name })
    .from(unitMembers)
    .innerJoin(units, eq(units.id, unitMembers.unitId))
    .where(and(eq(unitMembers.userId, userId), eq(units.status, 'verified')))
    .orderBy(sql`${unitMembers.role} <> 'staff'`, asc(unitMembers.joinedAt), asc(units.id))
    .limit(1);
  return row ?? null;
}

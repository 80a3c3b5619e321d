// Helping units as platform admins see them: the review queue, one unit in
// full, and its paired villages (结对帮扶), which only a platform admin sets.
import { and, asc, count, desc, eq, inArray, notInArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import { units, unitVillages, users, villages } from '../../../db/schema/index.ts';
import { refuse } from '../../lib/errors.ts';
import { ADMIN_PAGE_SIZE, assertAdmin, pageCount, type Actor, type SetUnitVillages, type UnitStatusName } from './admin.ts';

const parent = alias(units, 'parent');

const unitColumns = {
  id: units.id,
  name: units.name,
  kind: units.kind,
  creditCode: units.creditCode,
  invoiceTitle: units.invoiceTitle,
  taxNumber: units.taxNumber,
  contactName: units.contactName,
  contactPhone: units.contactPhone,
  status: units.status,
  reviewNote: units.reviewNote,
  reviewedAt: units.reviewedAt,
  createdAt: units.createdAt,
  parentId: units.parentId,
  parentName: parent.name,
  creatorName: users.displayName,
  creatorEmail: users.email,
};

export async function listUnits(db: Db, actor: Actor, query: { status: UnitStatusName | 'all'; page: number }) {
  assertAdmin(actor);
  const where = query.status === 'all' ? undefined : eq(units.status, query.status);
  const [{ total }] = await db.select({ total: count() }).from(units).where(where);
  const pages = pageCount(total);
  const page = Math.min(query.page, pages);
  const rows = await db
    .select(unitColumns)
    .from(units)
    .innerJoin(users, eq(users.id, units.createdBy))
    .leftJoin(parent, eq(parent.id, units.parentId))
    .where(where)
    // The oldest pending registration waits longest: review it first.
    .orderBy(query.status === 'pending_admin_review' ? asc(units.createdAt) : desc(units.createdAt), asc(units.id))
    .limit(ADMIN_PAGE_SIZE)
    .offset((page - 1) * ADMIN_PAGE_SIZE);
  return { rows, total, page, pageCount: pages };
}
export type AdminUnitRow = Awaited<ReturnType<typeof listUnits>>['rows'][number];

/** One unit with every village, each marked whether it is paired with the unit. */
export async function getUnitForAdmin(db: Db, actor: Actor, unitId: number) {
  assertAdmin(actor);
  const [unit] = await db
    .select(unitColumns)
    .from(units)
    .innerJoin(users, eq(users.id, units.createdBy))
    .leftJoin(parent, eq(parent.id, units.parentId))
    .where(eq(units.id, unitId));
  if (!unit) return null;
  const [all, paired] = await Promise.all([
    db.select({ id: villages.id, name: villages.name, nameEn: villages.nameEn, county: villages.county, province: villages.province, provinceEn: villages.provinceEn }).from(villages).orderBy(asc(villages.province), asc(villages.county), asc(villages.id)),
    db.select({ villageId: unitVillages.villageId }).from(unitVillages).where(eq(unitVillages.unitId, unitId)),
  ]);
  const pairedIds = new Set(paired.map((p) => p.villageId));
  return { unit, villages: all.map((v) => ({ ...v, paired: pairedIds.has(v.id) })) };
}

/** Replaces the unit's paired villages with exactly `villageIds`, in one transaction. */
export async function setUnitVillages(db: Db, actor: Actor, input: SetUnitVillages): Promise<{ unitId: number; count: number }> {
  assertAdmin(actor);
  const wanted = [...new Set(input.villageIds)];
  return db.transaction(async (tx) => {
    // Locks the unit, so two admins saving at once apply one after the other instead of colliding on the key.
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, input.unitId)).for('update');
    if (!unit) throw refuse.notFound();
    if (wanted.length > 0) {
      const found = await tx.select({ id: villages.id }).from(villages).where(inArray(villages.id, wanted));
      if (found.length !== wanted.length) throw refuse.invalid('admin_village_unknown', 'villageIds');
    }
    // Pairs that stay keep their original date (when the pairing began).
    const keep = wanted.length > 0 ? notInArray(unitVillages.villageId, wanted) : undefined;
    await tx.delete(unitVillages).where(and(eq(unitVillages.unitId, input.unitId), keep));
    if (wanted.length > 0) await tx.insert(unitVillages).values(wanted.map((villageId) => ({ unitId: input.unitId, villageId }))).onConflictDoNothing();
    return { unitId: input.unitId, count: wanted.length };
  });
}

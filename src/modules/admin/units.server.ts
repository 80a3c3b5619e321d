// Helping units as platform admins see them: the review queue, one unit in
// full, and its paired villages (结对帮扶), which only a platform admin sets.
import { asc, count, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { villages } from '../../../db/schema/catalog.ts';
import { units, unitVillages } from '../../../db/schema/units.ts';
import type { Actor } from '../../lib/actor.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { setPairedVillages } from '../units/pairing.server.ts';
import { ADMIN_PAGE_SIZE, assertAdmin, pageCount, type SetUnitVillages, type UnitStatusName } from './admin.ts';

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
    db
      .select({ id: villages.id, name: villages.name, nameEn: villages.nameEn, county: villages.county, province: villages.province, provinceEn: villages.provinceEn })
      .from(villages)
      .orderBy(asc(villages.province), asc(villages.county), asc(villages.id)),
    db.select({ villageId: unitVillages.villageId }).from(unitVillages).where(eq(unitVillages.unitId, unitId)),
  ]);
  const pairedIds = new Set(paired.map((p) => p.villageId));
  return { unit, villages: all.map((v) => ({ ...v, paired: pairedIds.has(v.id) })) };
}

/** Replaces the unit's paired villages with exactly `villageIds`. */
export async function setUnitVillages(db: Db, actor: Actor, input: SetUnitVillages): Promise<{ unitId: number; count: number }> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const before = await tx.select({ villageId: unitVillages.villageId }).from(unitVillages).where(eq(unitVillages.unitId, input.unitId)).orderBy(asc(unitVillages.villageId));
    const done = await setPairedVillages(tx, input.unitId, input.villageIds);
    const after = [...new Set(input.villageIds)].sort((a, b) => a - b);
    await recordAudit(tx, actor, {
      action: 'unit.villages',
      target: 'unit',
      targetId: input.unitId,
      before: { villageIds: before.map((b) => b.villageId) },
      after: { villageIds: after },
    });
    return done;
  });
}

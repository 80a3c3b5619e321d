// Putting a village on the platform and keeping its particulars. Who: a platform admin
// (the Actor from requireAdminActor, checked again here). Every write is audited in
// the same transaction. Pausing takes the village's products off the shelf (see
// catalog/shelf.server.ts); its orders, ledger and reports stay as they are.
import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { villages } from '../../../db/schema/catalog.ts';
import { assertAdmin, type Actor } from '../../lib/actor.ts';
import { uniqueViolation } from '../../lib/db-errors.ts';
import { refuse } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { resolvePlace } from './divisions.server.ts';
import type { PauseVillage, UpdateVillage, VillageInput } from './villages.ts';

const editable = {
  id: villages.id,
  slug: villages.slug,
  name: villages.name,
  nameEn: villages.nameEn,
  divisionCode: villages.divisionCode,
  province: villages.province,
  city: villages.city,
  county: villages.county,
  township: villages.township,
  collectiveName: villages.collectiveName,
  creditCode: villages.creditCode,
  story: villages.story,
  storyEn: villages.storyEn,
  bankAccountName: villages.bankAccountName,
  bankName: villages.bankName,
  bankAccountNo: villages.bankAccountNo,
  shippingFeeFen: villages.shippingFeeFen,
  freeShippingOverFen: villages.freeShippingOverFen,
  noFreshProvinces: villages.noFreshProvinces,
  pausedAt: villages.pausedAt,
};

async function columns(input: VillageInput) {
  const place = await resolvePlace(input.village || input.township);
  if (!place) throw refuse.invalid('division_invalid', input.village ? 'village' : 'township');
  return {
    name: input.name,
    nameEn: input.nameEn || input.name,
    divisionCode: place.code,
    province: place.province,
    provinceEn: place.province,
    city: place.city,
    county: place.county,
    township: place.township,
    collectiveName: input.collectiveName,
    creditCode: input.creditCode,
    story: input.story,
    storyEn: input.storyEn,
    bankAccountName: input.bankAccountName || null,
    bankName: input.bankName || null,
    bankAccountNo: input.bankAccountNo || null,
    shippingFeeFen: input.shippingFee ?? 0,
    freeShippingOverFen: input.freeShippingOver,
    noFreshProvinces: input.noFreshProvinces,
  };
}

/** A taken address or credit code, found before the write (a clear message) and after it (two admins at once). */
async function refuseTaken(tx: Tx, slug: string, creditCode: string, exceptId: number | null) {
  const others = exceptId === null ? undefined : ne(villages.id, exceptId);
  const [taken] = await tx
    .select({ slug: villages.slug, creditCode: villages.creditCode })
    .from(villages)
    .where(and(or(eq(villages.slug, slug), eq(villages.creditCode, creditCode)), others))
    .limit(1);
  if (taken?.creditCode === creditCode) throw refuse.conflict('village_credit_code_taken', 'creditCode');
  if (taken) throw refuse.conflict('village_slug_taken', 'slug');
}

function translateTaken(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint === 'villages_credit_code_unique') throw refuse.conflict('village_credit_code_taken', 'creditCode');
  if (constraint === 'villages_slug_unique') throw refuse.conflict('village_slug_taken', 'slug');
  throw error;
}

export async function createVillage(db: Db, actor: Actor, input: VillageInput, now = new Date()): Promise<{ villageId: number; slug: string }> {
  assertAdmin(actor);
  const values = await columns(input);
  const slug = input.slug || `v${values.divisionCode}`;
  try {
    return await db.transaction(async (tx) => {
      await refuseTaken(tx, slug, values.creditCode, null);
      const [row] = await tx
        .insert(villages)
        .values({ ...values, slug, createdAt: now })
        .returning({ id: villages.id, slug: villages.slug });
      await recordAudit(tx, actor, { action: 'village.create', target: 'village', targetId: row.id, after: { ...values, slug } }, now);
      return { villageId: row.id, slug: row.slug };
    });
  } catch (error) {
    translateTaken(error);
  }
}

export async function updateVillage(db: Db, actor: Actor, input: UpdateVillage, now = new Date()): Promise<{ villageId: number; slug: string }> {
  assertAdmin(actor);
  const values = await columns(input);
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select(editable).from(villages).where(eq(villages.id, input.villageId)).for('update');
      if (!before) throw refuse.notFound();
      // The address stays unless a new one is typed: links already shared keep working.
      const slug = input.slug || before.slug;
      await refuseTaken(tx, slug, values.creditCode, before.id);
      await tx
        .update(villages)
        .set({ ...values, slug })
        .where(eq(villages.id, before.id));
      await recordAudit(tx, actor, { action: 'village.update', target: 'village', targetId: before.id, before, after: { ...values, slug } }, now);
      return { villageId: before.id, slug };
    });
  } catch (error) {
    translateTaken(error);
  }
}

export async function setVillagePaused(db: Db, actor: Actor, input: PauseVillage, now = new Date()): Promise<{ villageId: number; paused: boolean }> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(villages)
      .set({ pausedAt: input.paused ? now : null })
      .where(and(eq(villages.id, input.villageId), input.paused ? isNull(villages.pausedAt) : sql`${villages.pausedAt} is not null`))
      .returning({ id: villages.id });
    if (changed.length === 0) {
      const [exists] = await tx.select({ id: villages.id }).from(villages).where(eq(villages.id, input.villageId));
      throw exists ? refuse.conflict('state_changed') : refuse.notFound();
    }
    await recordAudit(
      tx,
      actor,
      { action: input.paused ? 'village.pause' : 'village.resume', target: 'village', targetId: input.villageId, after: { paused: input.paused } },
      now,
    );
    return { villageId: input.villageId, paused: input.paused };
  });
}

export async function villageForEdit(db: Db, actor: Actor, villageId: number) {
  assertAdmin(actor);
  const [row] = await db.select(editable).from(villages).where(eq(villages.id, villageId));
  return row ?? null;
}
export type EditableVillage = NonNullable<Awaited<ReturnType<typeof villageForEdit>>>;

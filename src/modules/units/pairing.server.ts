// A unit's paired villages (结对帮扶), which only a platform admin sets (the admin
// screens check who; this writes).
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { villages } from '../../../db/schema/catalog.ts';
import { units, unitVillages } from '../../../db/schema/units.ts';
import { refuse } from '../../lib/errors.ts';

/** Replaces the unit's paired villages with exactly `villageIds`, in one transaction. */
export async function setPairedVillages(db: Db, unitId: number, villageIds: readonly number[]): Promise<{ unitId: number; count: number }> {
  const wanted = [...new Set(villageIds)];
  return db.transaction(async (tx) => {
    // Locks the unit, so two admins saving at once apply one after the other instead of colliding on the key.
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, unitId)).for('update');
    if (!unit) throw refuse.notFound();
    if (wanted.length > 0) {
      const found = await tx.select({ id: villages.id }).from(villages).where(inArray(villages.id, wanted));
      if (found.length !== wanted.length) throw refuse.invalid('admin_village_unknown', 'villageIds');
    }
    // Pairs that stay keep their original date (when the pairing began).
    const keep = wanted.length > 0 ? notInArray(unitVillages.villageId, wanted) : undefined;
    await tx.delete(unitVillages).where(and(eq(unitVillages.unitId, unitId), keep));
    if (wanted.length > 0)
      await tx
        .insert(unitVillages)
        .values(wanted.map((villageId) => ({ unitId, villageId })))
        .onConflictDoNothing();
    return { unitId, count: wanted.length };
  });
}

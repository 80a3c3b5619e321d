// Who: any signed-in user. From: nothing → pending_admin_review.
// The registering user becomes the unit's first admin; a platform admin then
// verifies or rejects it (review-unit.server.ts).
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { unitMembers, units } from '../../../db/schema/units.ts';
import { refuse } from '../../lib/errors.ts';
import type { RegisterUnit } from './units.ts';

export async function registerUnit(db: Db, userId: number, input: RegisterUnit): Promise<{ unitId: number }> {
  return db.transaction(async (tx) => {
    if (input.parentId) {
      const [parent] = await tx.select({ id: units.id }).from(units).where(eq(units.id, input.parentId));
      if (!parent) throw refuse.invalid('parent_unit_invalid', 'parentId');
    }
    const [unit] = await tx
      .insert(units)
      .values({ ...input, parentId: input.parentId ?? null, status: 'pending_admin_review', createdBy: userId })
      .onConflictDoNothing({ target: units.creditCode })
      .returning({ id: units.id });
    if (!unit) throw refuse.conflict('credit_code_taken', 'creditCode');
    await tx.insert(unitMembers).values({ unitId: unit.id, userId, role: 'admin' });
    return { unitId: unit.id };
  });
}

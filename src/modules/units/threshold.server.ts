// A unit's approval threshold (审批限额): a quote accepted for more than it needs
// one of the unit's approvers; 0 means every one does. Who sets it: the unit's
// admins (and platform admins) — checked at the edge with requireUnitRole(…, ['admin']).
// Procurement reads it when a buyer accepts a quote.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { units } from '../../../db/schema/units.ts';
import { refuse } from '../../lib/errors.ts';

export async function setApprovalThreshold(db: DbOrTx, unitId: number, thresholdFen: bigint): Promise<{ unitId: number }> {
  await db.update(units).set({ approvalThresholdFen: thresholdFen }).where(eq(units.id, unitId));
  return { unitId };
}

/** The unit's threshold in 分. */
export async function approvalThreshold(db: DbOrTx, unitId: number): Promise<bigint> {
  const [unit] = await db.select({ threshold: units.approvalThresholdFen }).from(units).where(eq(units.id, unitId));
  if (!unit) throw refuse.notFound();
  return unit.threshold;
}

// Setting a unit's annual targets. Who: the unit's admins (and platform admins),
// checked at the edge (requireUnitRole), which passes the person in.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { unitTargets } from '../../../db/schema/reports.ts';
import { refuse } from '../../lib/errors.ts';
import type { SessionUser } from '../auth/sessions.server.ts';
import type { TargetInput } from './targets.ts';

export async function addTarget(db: Db, user: SessionUser, input: TargetInput) {
  const [row] = await db
    .insert(unitTargets)
    .values({ unitId: input.unitId, year: input.year, kind: input.kind, name: input.name, targetFen: input.amount, basis: input.basis, createdBy: user.id })
    .onConflictDoNothing()
    .returning({ id: unitTargets.id });
  if (!row) throw refuse.conflict('target_exists', 'name');
  return { id: row.id };
}

export async function removeTarget(db: Db, unitId: number, targetId: number) {
  await db.delete(unitTargets).where(and(eq(unitTargets.id, targetId), eq(unitTargets.unitId, unitId)));
  return { removed: true };
}

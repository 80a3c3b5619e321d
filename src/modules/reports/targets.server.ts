// Setting a unit's annual targets. Who: the unit's admins (and platform admins).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { unitTargets } from '../../../db/schema/index.ts';
import { refuse } from '../../lib/errors.ts';
import { type AuthLocals } from '../auth/guards.server.ts';
import type { TargetInput } from './targets.ts';
import { requireUnitRole } from '../units/access.server.ts';

export async function addTarget(db: Db, locals: AuthLocals, input: TargetInput) {
  const { user } = await requireUnitRole(db, locals, input.unitId, ['admin']);
  const [row] = await db
    .insert(unitTargets)
    .values({ unitId: input.unitId, year: input.year, kind: input.kind, name: input.name, targetFen: input.amount, basis: input.basis, createdBy: user.id })
    .onConflictDoNothing()
    .returning({ id: unitTargets.id });
  if (!row) throw refuse.conflict('target_exists', 'name');
  return { id: row.id };
}

export async function removeTarget(db: Db, locals: AuthLocals, unitId: number, targetId: number) {
  await requireUnitRole(db, locals, unitId, ['admin']);
  await db.delete(unitTargets).where(and(eq(unitTargets.id, targetId), eq(unitTargets.unitId, unitId)));
  return { removed: true };
}

// Who may see a quote request or a contract, and as which party. The unit's
// buyers, approvers and admins act for the unit (staff only buy for themselves);
// the village's managers act for the village; platform admins see everything but
// decide nothing for a unit. Anyone else gets a 404, as if it did not exist.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { unitMembers, villageManagers } from '../../../db/schema/index.ts';
import { AccessError, refuse } from '../../lib/errors.ts';
import { requireUser, type AuthLocals } from '../auth/guards.server.ts';
import { type UnitRole } from '../units/access.server.ts';

export interface Party {
  userId: number;
  /** The viewer's role in the unit, when they act for it. */
  unitRole: Exclude<UnitRole, 'staff'> | null;
  villageManager: boolean;
  platformAdmin: boolean;
}

export async function partyOf(db: Db, locals: AuthLocals, unitId: number, villageId: number): Promise<Party> {
  const { user } = requireUser(locals);
  const [member] = await db
    .select({ role: unitMembers.role })
    .from(unitMembers)
    .where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.userId, user.id), inArray(unitMembers.role, ['buyer', 'approver', 'admin'])));
  const [manager] = await db
    .select({ userId: villageManagers.userId })
    .from(villageManagers)
    .where(and(eq(villageManagers.villageId, villageId), eq(villageManagers.userId, user.id)));
  const party: Party = { userId: user.id, unitRole: (member?.role as Party['unitRole']) ?? null, villageManager: !!manager, platformAdmin: user.role === 'admin' };
  if (!party.unitRole && !party.villageManager && !party.platformAdmin) throw refuse.notFound();
  return party;
}

/** The unit acts: one of `roles` (a platform admin does not decide for a unit). */
export function requireUnitSide(party: Party, roles: readonly Exclude<UnitRole, 'staff'>[]) {
  if (!party.unitRole || !roles.includes(party.unitRole)) throw new AccessError(403);
}

/** The village acts: its managers, or a platform admin helping them. */
export function requireVillageSide(party: Party) {
  if (!party.villageManager && !party.platformAdmin) throw new AccessError(403);
}

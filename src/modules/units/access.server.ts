// Who acts for a helping unit: its members, by role. The guard an edge calls
// before anything a unit does (platform admins pass, as 'platform_admin').
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { unitMembers } from '../../../db/schema/units.ts';
import { AccessError } from '../../lib/errors.ts';
import { requireUser, type AuthLocals } from '../auth/guards.server.ts';
import type { SessionUser } from '../auth/sessions.server.ts';

export type UnitRole = 'staff' | 'buyer' | 'approver' | 'admin';

/** The person's role in the unit, or null when they are not a member. */
export async function unitRoleOf(db: DbOrTx, unitId: number, userId: number, roles?: readonly UnitRole[]): Promise<UnitRole | null> {
  const where = [eq(unitMembers.unitId, unitId), eq(unitMembers.userId, userId)];
  if (roles) where.push(inArray(unitMembers.role, [...roles]));
  const [row] = await db
    .select({ role: unitMembers.role })
    .from(unitMembers)
    .where(and(...where))
    .limit(1);
  return row?.role ?? null;
}

/** A member of the unit with one of `roles` (any role when omitted). Platform admins pass. */
export async function requireUnitRole(db: DbOrTx, locals: AuthLocals, unitId: number, roles?: UnitRole[]): Promise<{ user: SessionUser; role: UnitRole | 'platform_admin' }> {
  const { user } = requireUser(locals);
  if (user.role === 'admin') return { user, role: 'platform_admin' };
  if (!Number.isSafeInteger(unitId)) throw new AccessError(403);
  const role = await unitRoleOf(db, unitId, user.id, roles);
  if (!role) throw new AccessError(403);
  return { user, role };
}

// Access guards. Every page, action and API route that needs one calls it on the
// server; a hidden link is never the check. Each throws AccessError (401: not
// signed in; 403: signed in but not allowed) and otherwise returns what it proved.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { unitMembers, villageManagers } from '../../../db/schema/index.ts';
import { AccessError } from '../../lib/errors.ts';
import type { Session, SessionUser } from './sessions.server.ts';

export interface AuthLocals {
  user: SessionUser | null;
  session: Session | null;
}
export type UnitRole = 'staff' | 'buyer' | 'approver' | 'admin';

export function requireUser(locals: AuthLocals): { user: SessionUser; session: Session } {
  if (!locals.user || !locals.session) throw new AccessError(401);
  return { user: locals.user, session: locals.session };
}

export function requireAdmin(locals: AuthLocals): SessionUser {
  const { user } = requireUser(locals);
  if (user.role !== 'admin') throw new AccessError(403);
  return user;
}

/** A member of the unit with one of `roles` (any role when omitted). Platform admins pass. */
export async function requireUnitRole(db: Db, locals: AuthLocals, unitId: number, roles?: UnitRole[]): Promise<{ user: SessionUser; role: UnitRole | 'platform_admin' }> {
  const { user } = requireUser(locals);
  if (user.role === 'admin') return { user, role: 'platform_admin' };
  if (!Number.isSafeInteger(unitId)) throw new AccessError(403);
  const where = [eq(unitMembers.unitId, unitId), eq(unitMembers.userId, user.id)];
  if (roles) where.push(inArray(unitMembers.role, roles));
  const [row] = await db.select({ role: unitMembers.role }).from(unitMembers).where(and(...where)).limit(1);
  if (!row) throw new AccessError(403);
  return { user, role: row.role };
}

/** A manager of the village. Platform admins pass. */
export async function requireVillageManager(db: Db, locals: AuthLocals, villageId: number): Promise<SessionUser> {
  const { user } = requireUser(locals);
  if (user.role === 'admin') return user;
  if (!Number.isSafeInteger(villageId)) throw new AccessError(403);
  const [row] = await db
    .select({ userId: villageManagers.userId })
    .from(villageManagers)
    .where(and(eq(villageManagers.villageId, villageId), eq(villageManagers.userId, user.id)))
    .limit(1);
  if (!row) throw new AccessError(403);
  return user;
}

// Access guards on the signed-in person. Every page, action and API route that
// needs one calls it on the server; a hidden link is never the check. Each throws
// AccessError (401: not signed in; 403: signed in but not allowed) and otherwise
// returns what it proved. Membership guards live with the tables they read:
// requireUnitRole in units/access.server.ts, requireVillageManager in
// villages/access.server.ts, an order's buyer or village in orders/access.server.ts.
import type { Actor } from '../../lib/actor.ts';
import { AccessError } from '../../lib/errors.ts';
import type { Session, SessionUser } from './sessions.server.ts';

export interface AuthLocals {
  user: SessionUser | null;
  session: Session | null;
}

export function requireUser(locals: AuthLocals): { user: SessionUser; session: Session } {
  if (!locals.user || !locals.session) throw new AccessError(401);
  return { user: locals.user, session: locals.session };
}

export function requireAdmin(locals: AuthLocals): SessionUser {
  const { user } = requireUser(locals);
  if (user.role !== 'admin') throw new AccessError(403);
  return user;
}

/** The platform admin as the Actor the admin screens' functions take. */
export function requireAdminActor(locals: AuthLocals): Actor<'admin'> & { userId: number } {
  return { kind: 'admin', userId: requireAdmin(locals).id };
}

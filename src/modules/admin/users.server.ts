// Platform admins manage accounts: find them, grant or take the admin role,
// disable or enable them. Who: a platform admin, never on their own account
// (so the platform always keeps the admin doing the change).
import { asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { unitMembers, units } from '../../../db/schema/units.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { setDisabled, setRole } from '../auth/users.server.ts';
import { escapeLike } from '../catalog/catalog.ts';
import { refuse } from '../../lib/errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { ADMIN_PAGE_SIZE, assertAdmin, pageCount, type SetUserDisabled, type SetUserRole } from './admin.ts';

export interface UserRow {
  id: number;
  email: string;
  displayName: string;
  mobile: string | null;
  role: 'user' | 'admin';
  disabledAt: Date | null;
  createdAt: Date;
  units: { id: number; name: string; role: string }[];
}

/** Users whose email, name or mobile contains `q` (all users when empty), newest first, 20 a page. */
export async function searchUsers(db: Db, actor: Actor, query: { q: string; page: number }) {
  assertAdmin(actor);
  const pattern = `%${escapeLike(query.q)}%`;
  const where = query.q ? or(ilike(users.email, pattern), ilike(users.displayName, pattern), ilike(users.mobile, pattern)) : undefined;
  const [{ total }] = await db.select({ total: count() }).from(users).where(where);
  const pages = pageCount(total);
  const page = Math.min(query.page, pages);
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      mobile: users.mobile,
      role: users.role,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(where)
    .orderBy(sql`${users.id} desc`)
    .limit(ADMIN_PAGE_SIZE)
    .offset((page - 1) * ADMIN_PAGE_SIZE);
  const memberships = rows.length
    ? await db
        .select({ userId: unitMembers.userId, id: units.id, name: units.name, role: unitMembers.role })
        .from(unitMembers)
        .innerJoin(units, eq(units.id, unitMembers.unitId))
        .where(
          inArray(
            unitMembers.userId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(units.name))
    : [];
  const list: UserRow[] = rows.map((r) => ({ ...r, units: memberships.filter((m) => m.userId === r.id).map(({ id, name, role }) => ({ id, name, role })) }));
  return { rows: list, total, page, pageCount: pages };
}

export async function getUserSummary(db: Db, actor: Actor, userId: number) {
  assertAdmin(actor);
  const [row] = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, mobile: users.mobile, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/** Grant or take the platform admin role. An admin cannot take their own. */
export async function setUserRole(db: Db, actor: Actor, input: SetUserRole): Promise<{ userId: number; role: 'user' | 'admin' }> {
  assertAdmin(actor);
  if (input.userId === actor.userId && input.role !== 'admin') throw refuse.conflict('admin_self_demote');
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.userId)).for('update');
    await setRole(tx, input.userId, input.role);
    await recordAudit(tx, actor, { action: 'user.role', target: 'user', targetId: input.userId, before, after: { role: input.role } });
  });
  return { userId: input.userId, role: input.role };
}

/** Disable (ending every session at once) or enable an account. An admin cannot disable themselves. */
export async function setUserDisabled(db: Db, actor: Actor, input: SetUserDisabled, now = new Date()): Promise<{ userId: number; disabled: boolean; sessionsEnded: number }> {
  assertAdmin(actor);
  if (input.disabled && input.userId === actor.userId) throw refuse.conflict('admin_self_disable');
  const sessionsEnded = await db.transaction(async (tx) => {
    const ended = await setDisabled(tx, input.userId, input.disabled, now);
    await recordAudit(tx, actor, { action: 'user.disabled', target: 'user', targetId: input.userId, after: { disabled: input.disabled, sessionsEnded: ended } }, now);
    return ended;
  });
  return { userId: input.userId, disabled: input.disabled, sessionsEnded };
}

// Invitations and membership changes.
// - createInvite / revokeInvite / setMemberRole / removeMember: a unit admin (or
//   platform admin) of a verified unit.
// - acceptInvite: any signed-in user holding a valid link; joins with the link's role.
//   A link is used up by the people it was made for (one by default): joining spends
//   one use in the same transaction, so two people racing for the last use cannot both join.
import { and, count, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { unitInvites, unitMembers, units } from '../../../db/schema/units.ts';
import { refuse } from '../../lib/errors.ts';
import { generateToken, parseToken, secretMatches } from '../auth/tokens.ts';
import type { UnitRoleName } from './units.ts';

const DAY = 24 * 60 * 60 * 1000;

export async function createInvite(db: Db, userId: number, unitId: number, role: UnitRoleName, days: number, uses = 1, now = new Date()) {
  if (uses > 1 && role !== 'staff') throw refuse.invalid('invite_multi_staff_only', 'uses');
  const [unit] = await db.select({ status: units.status }).from(units).where(eq(units.id, unitId));
  if (!unit) throw refuse.notFound();
  if (unit.status !== 'verified') throw refuse.conflict('unit_not_verified');
  const t = generateToken();
  await db.insert(unitInvites).values({
    id: t.id,
    secretHash: t.secretHash,
    unitId,
    role,
    expiresAt: new Date(now.getTime() + days * DAY),
    maxUses: uses,
    createdBy: userId,
    createdAt: now,
  });
  return { code: t.token, expiresAt: new Date(now.getTime() + days * DAY) };
}

export async function revokeInvite(db: Db, unitId: number, inviteId: string, now = new Date()) {
  const done = await db
    .update(unitInvites)
    .set({ revokedAt: now })
    .where(and(eq(unitInvites.id, inviteId), eq(unitInvites.unitId, unitId), isNull(unitInvites.revokedAt)))
    .returning({ id: unitInvites.id });
  if (done.length === 0) throw refuse.notFound();
}

/** The unit and role a link offers, or null when it is unknown, revoked, expired or used up. */
export async function findInvite(db: Db, code: string, now = new Date(), { evenUsedUp = false } = {}) {
  const parsed = parseToken(code);
  if (!parsed) return null;
  const [row] = await db
    .select({ id: unitInvites.id, secretHash: unitInvites.secretHash, role: unitInvites.role, unitId: units.id, unitName: units.name, unitStatus: units.status })
    .from(unitInvites)
    .innerJoin(units, eq(units.id, unitInvites.unitId))
    .where(
      and(eq(unitInvites.id, parsed.id), isNull(unitInvites.revokedAt), gt(unitInvites.expiresAt, now), evenUsedUp ? undefined : lt(unitInvites.uses, unitInvites.maxUses)),
    );
  if (!row || !secretMatches(parsed.secret, row.secretHash) || row.unitStatus !== 'verified') return null;
  const { secretHash: _s, ...invite } = row;
  return invite;
}

export async function acceptInvite(db: Db, userId: number, code: string, now = new Date()): Promise<{ unitId: number }> {
  const invite = await findInvite(db, code, now, { evenUsedUp: true });
  if (!invite) throw refuse.invalid('invite_invalid');
  await db.transaction(async (tx) => {
    // Already a member: keep the present role (an admin does not become staff by clicking a staff link), and the use.
    const joined = await tx.insert(unitMembers).values({ unitId: invite.unitId, userId, role: invite.role }).onConflictDoNothing().returning({ userId: unitMembers.userId });
    if (joined.length === 0) return;
    const [spent] = await tx
      .update(unitInvites)
      .set({ uses: sql`${unitInvites.uses} + 1` })
      .where(and(eq(unitInvites.id, invite.id), lt(unitInvites.uses, unitInvites.maxUses), isNull(unitInvites.revokedAt)))
      .returning({ id: unitInvites.id });
    // Used up meanwhile by someone else: this person does not join.
    if (!spent) throw refuse.invalid('invite_invalid');
  });
  return { unitId: invite.unitId };
}

async function adminCount(db: Db, unitId: number) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(unitMembers)
    .where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.role, 'admin')));
  return n;
}

export async function setMemberRole(db: Db, unitId: number, memberId: number, role: UnitRoleName) {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ role: unitMembers.role })
      .from(unitMembers)
      .where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.userId, memberId)))
      .for('update');
    if (!member) throw refuse.notFound();
    if (member.role === 'admin' && role !== 'admin' && (await adminCount(tx, unitId)) <= 1) throw refuse.conflict('last_admin');
    await tx
      .update(unitMembers)
      .set({ role })
      .where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.userId, memberId)));
  });
}

export async function removeMember(db: Db, unitId: number, memberId: number) {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ role: unitMembers.role })
      .from(unitMembers)
      .where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.userId, memberId)))
      .for('update');
    if (!member) throw refuse.notFound();
    if (member.role === 'admin' && (await adminCount(tx, unitId)) <= 1) throw refuse.conflict('last_admin');
    await tx.delete(unitMembers).where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.userId, memberId)));
  });
}

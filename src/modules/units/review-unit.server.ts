// Who: a platform admin (the Actor from requireAdminActor). From: pending_admin_review → verified, or → rejected
// with a reason the unit sees on its page. Anything else is a conflict (409):
// two admins reviewing at once, or a page left open after someone else decided.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { units } from '../../../db/schema/units.ts';
import type { Actor } from '../../lib/actor.ts';
import { AccessError, refuse } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.server.ts';

type Decision = { status: 'verified'; reason?: undefined } | { status: 'rejected'; reason: string };

async function review(db: Db, actor: Actor, unitId: number, decision: Decision, now: Date) {
  if (actor.kind !== 'admin') throw new AccessError(403);
  if (decision.status === 'rejected' && !decision.reason.trim()) throw refuse.invalid('reason_required', 'reason');
  const updated = await db.transaction(async (tx) => {
    const rows = await tx
      .update(units)
      .set({ status: decision.status, reviewNote: decision.reason ?? null, reviewedAt: now })
      .where(and(eq(units.id, unitId), eq(units.status, 'pending_admin_review')))
      .returning({ id: units.id });
    if (rows.length > 0)
      await recordAudit(
        tx,
        actor,
        {
          action: decision.status === 'verified' ? 'unit.verify' : 'unit.reject',
          target: 'unit',
          targetId: unitId,
          before: { status: 'pending_admin_review' },
          after: { status: decision.status, reason: decision.reason ?? null },
        },
        now,
      );
    return rows;
  });
  if (updated.length > 0) return { unitId, status: decision.status };
  const [exists] = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId));
  throw exists ? refuse.conflict('state_changed') : refuse.notFound();
}

export function verifyUnit(db: Db, actor: Actor, input: { unitId: number }, now = new Date()) {
  return review(db, actor, input.unitId, { status: 'verified' }, now);
}

export function rejectUnit(db: Db, actor: Actor, input: { unitId: number; reason: string }, now = new Date()) {
  return review(db, actor, input.unitId, { status: 'rejected', reason: input.reason }, now);
}

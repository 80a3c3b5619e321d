// After-sale claims (售后).
// open — who: the buyer (checked at the edge); from: delivered, within 48 hours
//   of delivery; the amount is at most what has not been refunded yet.
//   → refund_requested.
// decide — who: the village or an admin (checked at the edge); from:
//   refund_requested (the claim pending). Approve (all or part: the after-sale
//   workflow refunds it in the same transaction) or reject with a reason (back
//   to delivered).
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../../db/client.ts';
import { afterSaleClaims, orders } from '../../../db/schema/orders.ts';
import { refuse } from '../../lib/errors.ts';
import { claimOpen, statusAfterRefund, type OrderActor } from './orders.ts';
import { transition } from './transition.server.ts';

export interface ClaimInput {
  reason: string;
  requestedFen: bigint;
  photoPaths: string[];
}

export async function openClaim(db: Db, by: OrderActor, orderId: number, input: ClaimInput, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) throw refuse.notFound();
    if (!claimOpen(order.status, order.deliveredAt, now)) throw refuse.conflict('claim_window_closed');
    if (input.requestedFen <= 0n || input.requestedFen > order.totalFen - order.refundedFen) throw refuse.invalid('refund_amount_invalid', 'amount');
    await transition(tx, orderId, 'claim', by, { note: input.reason });
    const [claim] = await tx
      .insert(afterSaleClaims)
      .values({ orderId, previousStatus: order.status, reason: input.reason, requestedFen: input.requestedFen, photoPaths: input.photoPaths, createdAt: now })
      .returning({ id: afterSaleClaims.id });
    return claim.id;
  });
}

export type ClaimDecision = { approve: true; amountFen: bigint; note: string } | { approve: false; note: string };

/** The decision, in the caller's transaction; an approval returns the refund to make. */
export async function decideClaim(tx: Tx, by: OrderActor, claimId: number, decision: ClaimDecision, now: Date) {
  const [claim] = await tx
    .update(afterSaleClaims)
    .set({
      status: decision.approve ? 'approved' : 'rejected',
      approvedFen: decision.approve ? decision.amountFen : null,
      decisionNote: decision.note,
      decidedBy: by.userId,
      decidedAt: now,
    })
    .where(and(eq(afterSaleClaims.id, claimId), eq(afterSaleClaims.status, 'pending_village_review')))
    .returning();
  if (!claim) throw refuse.conflict('claim_already_decided');
  if (!decision.approve) {
    await transition(tx, claim.orderId, 'rejectClaim', by, { note: decision.note });
    return { orderId: claim.orderId, refund: null };
  }
  const [order] = await tx.select({ totalFen: orders.totalFen, refundedFen: orders.refundedFen }).from(orders).where(eq(orders.id, claim.orderId));
  if (decision.amountFen <= 0n || decision.amountFen > order.totalFen - order.refundedFen) throw refuse.invalid('refund_amount_invalid', 'amount');
  const after = statusAfterRefund(order.totalFen, order.refundedFen, decision.amountFen);
  await transition(tx, claim.orderId, after === 'refunded' ? 'refundAll' : 'refundPart', by, { note: decision.note });
  return { orderId: claim.orderId, refund: { amountFen: decision.amountFen, reason: `售后：${claim.reason}`, idempotencyKey: `claim-${claim.id}`, claimId: claim.id } };
}

/** The order a claim belongs to (for the guard at the edge). */
export async function orderOfClaim(db: DbOrTx, claimId: number): Promise<number | null> {
  const [claim] = await db.select({ orderId: afterSaleClaims.orderId }).from(afterSaleClaims).where(eq(afterSaleClaims.id, claimId));
  return claim?.orderId ?? null;
}

export async function claimsOfOrder(db: Db, orderId: number) {
  return db.select().from(afterSaleClaims).where(eq(afterSaleClaims.orderId, orderId)).orderBy(desc(afterSaleClaims.id));
}

/** The order a claim photo belongs to, so the photo route can ask who may see it. */
export async function orderOfClaimPhoto(db: Db, path: string): Promise<{ orderId: number; checkoutId: number } | null> {
  const [row] = await db
    .select({ orderId: afterSaleClaims.orderId, checkoutId: orders.checkoutId })
    .from(afterSaleClaims)
    .innerJoin(orders, eq(orders.id, afterSaleClaims.orderId))
    .where(sql`${path} = any(${afterSaleClaims.photoPaths})`)
    .limit(1);
  return row ?? null;
}

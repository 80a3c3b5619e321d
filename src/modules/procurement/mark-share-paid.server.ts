// A person's share of a pay-each group order, paid. Who: the village's managers
// (and platform admins), who see the money arrive in the village's account (the
// edge checked requireGroupOrderViewerById; this checks the village's side).
// From: closed, payment mode `each`, this person's share not yet marked — once:
// the UPDATE … WHERE paid_at IS NULL lets one click through. The share is also
// recorded as a payment against the contract, so its balance and the unit's
// statement agree with the split list.
//
// This is the way without Stripe (and for anyone who prefers a transfer): each
// person transfers their share to the village's account shown on the split list,
// and the village marks it. With Stripe a person may pay online instead
// (pay-share-online.server.ts); whichever comes first marks the share paid.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { contractLines, deliveryLines, deliveries, groupOrderItems, groupOrderSignups, procurementPayments } from '../../../db/schema/procurement.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { refuse } from '../../lib/errors.ts';
import { requireVillageSide, type GroupOrderViewer } from './access.server.ts';

/** `userId`: the person whose share arrived. */
export async function markSharePaid(db: Db, { go, viewer }: GroupOrderViewer, input: { userId: number }, now = new Date()) {
  requireVillageSide(viewer);
  if (go.paymentMode !== 'each' || go.status !== 'closed' || !go.contractId) throw refuse.conflict('group_not_payable');
  const contractId = go.contractId;
  const [{ share }] = await db
    .select({ share: sql<string>`coalesce(sum(${deliveryLines.quantity}::bigint * ${contractLines.unitPriceFen}), 0)` })
    .from(deliveryLines)
    .innerJoin(deliveries, eq(deliveries.id, deliveryLines.deliveryId))
    .innerJoin(contractLines, eq(contractLines.id, deliveryLines.contractLineId))
    .where(and(eq(deliveries.contractId, contractId), eq(deliveryLines.staffUserId, input.userId)));
  const amountFen = BigInt(share);
  if (amountFen === 0n) throw refuse.notFound();
  const [person] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, input.userId));
  await db.transaction(async (tx) => {
    const marked = await tx
      .update(groupOrderSignups)
      .set({ paidAt: now })
      .where(
        and(
          eq(groupOrderSignups.userId, input.userId),
          isNull(groupOrderSignups.paidAt),
          inArray(groupOrderSignups.itemId, tx.select({ id: groupOrderItems.id }).from(groupOrderItems).where(eq(groupOrderItems.groupOrderId, go.id))),
        ),
      )
      .returning({ id: groupOrderSignups.id });
    if (marked.length === 0) throw refuse.conflict('share_already_paid');
    await tx
      .insert(procurementPayments)
      .values({ contractId, amountFen, paidOn: shanghaiDate(now), reference: `团购分摊 ${person?.name ?? input.userId}`.slice(0, 60), recordedBy: viewer.userId });
  });
  return { token: go.token, amountFen };
}

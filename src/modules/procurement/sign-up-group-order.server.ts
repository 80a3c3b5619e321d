// Signing up for a group order (接龙). Who: a signed-in member of the group
// order's unit, any role (staff, buyer, approver, admin) — each only for
// themselves (the edge checked requireGroupOrderViewer; the village's managers
// and platform admins may look, but have no place on the list). From: open, strictly before closesAt. The group order's row is
// read FOR SHARE in the same transaction, so a close (an UPDATE of that row)
// waits for sign-ups in flight and sees them, and a sign-up after the close
// sees the new status and is refused: nothing slips in after the split list.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { groupOrderItems, groupOrders, groupOrderSignups } from '../../../db/schema/procurement.ts';
import { AccessError, refuse } from '../../lib/errors.ts';
import type { GroupOrderViewer } from './access.server.ts';
import { signUpOpen, type SignUpInput } from './group-orders.ts';

export async function signUpForGroupOrder(db: Db, { go, viewer }: GroupOrderViewer, input: Pick<SignUpInput, 'quantities'>, now = new Date()) {
  if (viewer.unitRole === null) throw new AccessError(403);
  const userId = viewer.userId;
  const items = await db.select({ id: groupOrderItems.id }).from(groupOrderItems).where(eq(groupOrderItems.groupOrderId, go.id));
  if ([...input.quantities.keys()].some((id) => !items.some((i) => i.id === id))) throw refuse.invalid('invalid', 'quantity');
  await db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: groupOrders.status, closesAt: groupOrders.closesAt }).from(groupOrders).where(eq(groupOrders.id, go.id)).for('share');
    if (!signUpOpen(locked.status, locked.closesAt, now)) throw refuse.conflict('group_closed');
    const remove = [...input.quantities].filter(([, q]) => q === 0).map(([id]) => id);
    if (remove.length) await tx.delete(groupOrderSignups).where(and(eq(groupOrderSignups.userId, userId), inArray(groupOrderSignups.itemId, remove)));
    for (const [itemId, quantity] of input.quantities) {
      if (quantity === 0) continue;
      await tx
        .insert(groupOrderSignups)
        .values({ itemId, userId, quantity, updatedAt: now })
        .onConflictDoUpdate({ target: [groupOrderSignups.itemId, groupOrderSignups.userId], set: { quantity, updatedAt: now } });
    }
  });
  return { token: go.token };
}

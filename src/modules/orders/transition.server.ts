// The one way an order changes state: UPDATE … WHERE id = $1 AND status IN (the
// expected states), and a timeline row in the same transaction. Zero rows means
// someone else moved the order first; the caller reports a conflict.
import { and, eq, inArray, type sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { orderEvents, orders } from '../../../db/schema/orders.ts';
import { refuse } from '../../lib/errors.ts';
import { TRANSITIONS, type OrderActor, type OrderActorKind, type OrderStatus, type Transition } from './orders.ts';

type OrderRow = typeof orders.$inferSelect;
type OrderSet = Partial<Omit<typeof orders.$inferInsert, 'id' | 'status'>>;

export async function transition(
  tx: Tx,
  orderId: number,
  name: Transition,
  by: OrderActor,
  opts: { set?: OrderSet; note?: string; from?: readonly OrderStatus[]; where?: ReturnType<typeof sql> } = {},
): Promise<OrderRow> {
  const rule = TRANSITIONS[name];
  if (!(rule.by as readonly OrderActorKind[]).includes(by.kind)) throw refuse.forbidden();
  const from = opts.from ?? (rule.from as readonly OrderStatus[]);
  const [before] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for('update');
  if (!before) throw refuse.notFound();
  const conditions = [eq(orders.id, orderId), inArray(orders.status, [...from])];
  if (opts.where) conditions.push(opts.where);
  const [row] = await tx
    .update(orders)
    .set({ ...opts.set, status: rule.to, updatedAt: new Date() })
    .where(and(...conditions))
    .returning();
  if (!row) throw refuse.conflict('order_state_changed');
  await tx.insert(orderEvents).values({ orderId, fromStatus: before.status, toStatus: rule.to, actor: by.kind, actorUserId: by.userId, note: opts.note ?? '' });
  return row;
}

/** A timeline note that does not change the state (a payment reference, COD money received). */
export async function recordEvent(tx: Tx, orderId: number, status: OrderStatus, by: OrderActor, note: string) {
  await tx.insert(orderEvents).values({ orderId, fromStatus: status, toStatus: status, actor: by.kind, actorUserId: by.userId, note });
}

// What a buyer does to their own order that stays within orders. Who: the buyer,
// checked at the edge (requireOrderBuyer), which passes the Actor and the order.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { checkouts, orders } from '../../../db/schema/orders.ts';
import { refuse } from '../../lib/errors.ts';
import { removeUploads, savePhotos } from '../uploads/uploads.server.ts';
import { openClaim } from './claims.server.ts';
import type { OrderActor, OrderStatus } from './orders.ts';
import { recordEvent } from './transition.server.ts';
import { lockedUntil, recordFailure } from '../auth/throttle.server.ts';

type BuyersOrder = { id: number; checkoutId: number; status: OrderStatus };

/** The checkout of an unpaid online order, to send the buyer to Stripe again. */
export async function unpaidOnlineCheckout(db: Db, order: BuyersOrder) {
  const [checkout] = await db.select({ id: checkouts.id, number: checkouts.number, method: checkouts.paymentMethod }).from(checkouts).where(eq(checkouts.id, order.checkoutId));
  if (checkout.method !== 'stripe' || order.status !== 'pending_payment') throw refuse.conflict('order_state_changed');
  return checkout;
}

// Guessing mobiles is throttled like guessing passwords: per order number and per IP.
const LOOKUP_LIMIT = { perNumber: 5, perIp: 20 };

/**
 * A guest finds their checkout by its number and the recipient's mobile; both must
 * match, and only a guest's checkout can be found this way (an account's orders are
 * read signed in to that account: a lookup never opens them to someone else).
 */
export async function lookupOrder(db: Db, number: string, mobile: string, ip: string, now = new Date()) {
  const keys = [`lookup-number:${number}`, `lookup-ip:${ip}`];
  if (await lockedUntil(db, keys, now)) throw refuse.tooMany('lookup_too_many');
  const [row] = await db
    .select({ checkoutId: checkouts.id, number: checkouts.number, userId: checkouts.userId })
    .from(checkouts)
    .where(and(eq(checkouts.number, number), eq(checkouts.mobile, mobile)));
  if (!row) {
    await recordFailure(db, keys[0], LOOKUP_LIMIT.perNumber, now);
    await recordFailure(db, keys[1], LOOKUP_LIMIT.perIp, now);
    // One message for "no such number" and "wrong mobile": nobody learns which numbers exist.
    throw refuse.notFound('lookup_failed');
  }
  if (row.userId !== null) throw refuse.conflict('lookup_account_order');
  return { checkoutId: row.checkoutId, number: row.number };
}

/** Bank transfer: the buyer notes the reference of their transfer, so the village can match it. */
export async function recordPayerReference(db: Db, by: OrderActor, order: BuyersOrder, reference: string) {
  if (order.status !== 'pending_payment') throw refuse.conflict('order_state_changed');
  await db.transaction(async (tx) => {
    await tx
      .update(orders)
      .set({ payerReference: reference })
      .where(and(eq(orders.id, order.id), eq(orders.status, 'pending_payment')));
    await recordEvent(tx, order.id, 'pending_payment', by, `买家已转账，参考号：${reference}`);
  });
  return { saved: true };
}

/** Photos are checked and stored before the claim; if the claim is then refused, they are removed. */
export async function claimWithPhotos(db: Db, by: OrderActor, orderId: number, input: { reason: string; amount: bigint; photos?: File[] }) {
  const photoPaths = await savePhotos(input.photos ?? [], 'claims');
  try {
    const claimId = await openClaim(db, by, orderId, { reason: input.reason, requestedFen: input.amount, photoPaths }, new Date());
    return { claimId };
  } catch (error) {
    await removeUploads(photoPaths);
    throw error;
  }
}

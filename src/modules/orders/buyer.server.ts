// What a buyer does to their own order. Each function proves the caller is the
// buyer (requireBuyer: the account that placed it, or a guest token) before the
// state change, and runs outside effects (Stripe, mail) after the commit.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { checkouts, orders } from '../../../db/schema/index.ts';
import { refuse } from '../../lib/errors.ts';
import { settleStripeRefund } from '../payments/stripe.server.ts';
import { removeUploads, savePhotos } from '../uploads/uploads.server.ts';
import { requireBuyer, type BuyerRef } from './access.server.ts';
import { cancelOrder } from './cancel-order.server.ts';
import { openClaim } from './claims.server.ts';
import { markDelivered } from './ship-order.server.ts';
import { recordEvent } from './transition.server.ts';

async function orderForBuyer(db: Db, buyer: BuyerRef, orderId: number) {
  const [order] = await db.select({ id: orders.id, checkoutId: orders.checkoutId, status: orders.status }).from(orders).where(eq(orders.id, orderId));
  if (!order) throw refuse.notFound();
  const by = await requireBuyer(db, buyer, order.checkoutId);
  return { order, by };
}

/** The checkout of an unpaid online order of the buyer's, to send them to Stripe again. */
export async function buyerStripeCheckout(db: Db, buyer: BuyerRef, orderId: number) {
  const { order } = await orderForBuyer(db, buyer, orderId);
  const [checkout] = await db.select({ id: checkouts.id, number: checkouts.number, method: checkouts.paymentMethod }).from(checkouts).where(eq(checkouts.id, order.checkoutId));
  if (checkout.method !== 'stripe' || order.status !== 'pending_payment') throw refuse.conflict('order_state_changed');
  return checkout;
}

/** A guest finds their checkout by its number and the recipient's mobile; both must match. */
export async function lookupOrder(db: Db, number: string, mobile: string) {
  const [row] = await db.select({ checkoutId: checkouts.id, number: checkouts.number }).from(checkouts).where(and(eq(checkouts.number, number), eq(checkouts.mobile, mobile)));
  // One message for "no such number" and "wrong mobile": nobody learns which numbers exist.
  if (!row) throw refuse.notFound('lookup_failed');
  return row;
}

/** Bank transfer: the buyer notes the reference of their transfer, so the village can match it. */
export async function buyerRecordReference(db: Db, buyer: BuyerRef, orderId: number, reference: string) {
  const { order, by } = await orderForBuyer(db, buyer, orderId);
  if (order.status !== 'pending_payment') throw refuse.conflict('order_state_changed');
  await db.transaction(async (tx) => {
    await tx.update(orders).set({ payerReference: reference }).where(and(eq(orders.id, orderId), eq(orders.status, 'pending_payment')));
    await recordEvent(tx, orderId, 'pending_payment', by, `买家已转账，参考号：${reference}`);
  });
  return { saved: true };
}

export async function buyerCancel(db: Db, buyer: BuyerRef, orderId: number, reason: string) {
  const { by } = await orderForBuyer(db, buyer, orderId);
  const { refund } = await cancelOrder(db, by, orderId, reason || '买家取消', new Date());
  if (refund?.viaStripe) await settleStripeRefund(db, refund.id);
  return { cancelled: true };
}

export async function buyerConfirmReceipt(db: Db, buyer: BuyerRef, orderId: number) {
  const { by } = await orderForBuyer(db, buyer, orderId);
  await markDelivered(db, by, orderId, new Date());
  return { delivered: true };
}

/** Photos are checked and stored before the claim; if the claim is then refused, they are removed. */
export async function buyerClaim(db: Db, buyer: BuyerRef, orderId: number, input: { reason: string; amount: bigint; photos?: File[] }) {
  const { by } = await orderForBuyer(db, buyer, orderId);
  const photoPaths = await savePhotos(input.photos ?? [], 'claims');
  try {
    const claimId = await openClaim(db, by, orderId, { reason: input.reason, requestedFen: input.amount, photoPaths }, new Date());
    return { claimId };
  } catch (error) {
    await removeUploads(photoPaths);
    throw error;
  }
}

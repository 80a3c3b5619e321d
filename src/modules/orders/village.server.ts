// What a village does to its orders. Each function proves the caller manages the
// order's village (requireOrderVillage; platform admins too) and runs outside
// effects (Stripe refunds, mail) after the commit.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { afterSaleClaims } from '../../../db/schema/index.ts';
import { AccessError, refuse } from '../../lib/errors.ts';
import type { SessionUser } from '../auth/sessions.server.ts';
import { settleStripeRefund } from '../payments/stripe.server.ts';
import { requireOrderVillage } from './access.server.ts';
import { cancelOrder } from './cancel-order.server.ts';
import { decideClaim, type ClaimDecision } from './claims.server.ts';
import { notifyOrder } from './notify.server.ts';
import { confirmOfflinePayment } from './pay-order.server.ts';
import { markDelivered, shipOrder } from './ship-order.server.ts';

type Caller = Pick<SessionUser, 'id' | 'role'> | null;

export async function villageConfirmPayment(db: Db, user: Caller, orderId: number, reference: string) {
  const by = await requireOrderVillage(db, user, orderId);
  const outcome = await confirmOfflinePayment(db, by, orderId, reference, new Date());
  if (outcome === 'paid') await notifyOrder(db, orderId, 'paid');
  return { outcome };
}

export async function villageShip(db: Db, user: Caller, orderId: number, courier: string, trackingNo: string) {
  const by = await requireOrderVillage(db, user, orderId);
  await shipOrder(db, by, orderId, courier, trackingNo, new Date());
  await notifyOrder(db, orderId, 'shipped');
  return { shipped: true };
}

export async function villageMarkDelivered(db: Db, user: Caller, orderId: number) {
  const by = await requireOrderVillage(db, user, orderId);
  await markDelivered(db, by, orderId, new Date());
  return { delivered: true };
}

export async function villageCancel(db: Db, user: Caller, orderId: number, reason: string) {
  const by = await requireOrderVillage(db, user, orderId);
  if (!reason) throw refuse.invalid('cancel_reason_required', 'reason');
  const { refund } = await cancelOrder(db, by, orderId, reason, new Date());
  if (refund?.viaStripe) await settleStripeRefund(db, refund.id);
  return { cancelled: true };
}

export async function villageDecideClaim(db: Db, user: Caller, claimId: number, decision: ClaimDecision) {
  if (!user) throw new AccessError(401);
  const [claim] = await db.select({ orderId: afterSaleClaims.orderId }).from(afterSaleClaims).where(eq(afterSaleClaims.id, claimId));
  if (!claim) throw refuse.notFound();
  const by = await requireOrderVillage(db, user, claim.orderId);
  const { orderId, refund } = await decideClaim(db, by, claimId, decision, new Date());
  if (refund?.viaStripe) await settleStripeRefund(db, refund.id);
  await notifyOrder(db, orderId, decision.approve ? 'refund_approved' : 'refund_rejected', { amountFen: decision.approve ? decision.amountFen : undefined, note: decision.note });
  return { decided: true };
}

// Who may act on an order, and as what. A buyer is the account that placed the
// checkout, or a guest holding an order-access token (set when they placed it,
// or when they looked it up by number + mobile). A village acts through the
// managers of the order's village; platform admins may do what villages do.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { checkouts, orderAccess, orders, villageManagers } from '../../../db/schema/index.ts';
import { AccessError } from '../../lib/errors.ts';
import type { SessionUser } from '../auth/sessions.server.ts';
import type { ActorRef } from './transition.server.ts';

export interface BuyerRef {
  user: Pick<SessionUser, 'id' | 'role'> | null;
  guestTokens: readonly string[];
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new guest token for the checkout; the caller puts it in the order-access cookie. */
export async function grantGuestAccess(db: Db, checkoutId: number): Promise<string> {
  const token = randomBytes(20).toString('base64url');
  await db.insert(orderAccess).values({ tokenHash: hash(token), checkoutId });
  return token;
}

/** The checkout ids the guest's tokens open. */
export async function guestCheckoutIds(db: Db, tokens: readonly string[]): Promise<number[]> {
  const valid = tokens.filter((t) => /^[A-Za-z0-9_-]{20,64}$/.test(t)).slice(0, 20);
  if (valid.length === 0) return [];
  const rows = await db.select({ checkoutId: orderAccess.checkoutId }).from(orderAccess).where(inArray(orderAccess.tokenHash, valid.map(hash)));
  return rows.map((r) => r.checkoutId);
}

/** Throws 403 unless `buyer` placed the checkout (or holds its token). */
export async function requireBuyer(db: Db, buyer: BuyerRef, checkoutId: number): Promise<ActorRef> {
  const [row] = await db.select({ userId: checkouts.userId }).from(checkouts).where(eq(checkouts.id, checkoutId));
  if (!row) throw new AccessError(403);
  if (buyer.user && row.userId === buyer.user.id) return { actor: 'buyer', userId: buyer.user.id };
  if ((await guestCheckoutIds(db, buyer.guestTokens)).includes(checkoutId)) return { actor: 'buyer', userId: buyer.user?.id ?? null };
  throw new AccessError(buyer.user ? 403 : 401);
}

/** Throws unless the user manages the order's village (or is a platform admin). */
export async function requireOrderVillage(db: Db, user: Pick<SessionUser, 'id' | 'role'> | null, orderId: number): Promise<ActorRef & { villageId: number }> {
  if (!user) throw new AccessError(401);
  const [order] = await db.select({ villageId: orders.villageId }).from(orders).where(eq(orders.id, orderId));
  if (!order) throw new AccessError(403);
  if (user.role === 'admin') return { actor: 'admin', userId: user.id, villageId: order.villageId };
  const [m] = await db
    .select({ userId: villageManagers.userId })
    .from(villageManagers)
    .where(and(eq(villageManagers.villageId, order.villageId), eq(villageManagers.userId, user.id)));
  if (!m) throw new AccessError(403);
  return { actor: 'village', userId: user.id, villageId: order.villageId };
}

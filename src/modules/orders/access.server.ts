// Who may act on an order, and as what — the guards an edge (action, page)
// calls before any order changes, each returning the checked Actor. A buyer is
// the account that placed the checkout, or a guest holding an order-access
// token (set when they placed it, or when they looked it up by number + mobile).
// A village acts through the managers of the order's village; platform admins
// may do what villages do.
import { createHash, randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { checkouts, orderAccess, orders } from '../../../db/schema/orders.ts';
import { AccessError, refuse } from '../../lib/errors.ts';
import type { SessionUser } from '../auth/sessions.server.ts';
import { isVillageManager } from '../villages/access.server.ts';
import { orderOfClaim } from './claims.server.ts';
import type { OrderActor, OrderStatus } from './orders.ts';

export interface BuyerRef {
  user: Pick<SessionUser, 'id' | 'role'> | null;
  guestTokens: readonly string[];
}

type Caller = Pick<SessionUser, 'id' | 'role'> | null;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new guest token for the checkout; the caller puts it in the order-access cookie. */
export async function grantGuestAccess(db: DbOrTx, checkoutId: number): Promise<string> {
  const token = randomBytes(20).toString('base64url');
  await db.insert(orderAccess).values({ tokenHash: hash(token), checkoutId });
  return token;
}

/** The checkout ids the guest's tokens open. */
export async function guestCheckoutIds(db: DbOrTx, tokens: readonly string[]): Promise<number[]> {
  const valid = tokens.filter((t) => /^[A-Za-z0-9_-]{20,64}$/.test(t)).slice(0, 20);
  if (valid.length === 0) return [];
  const rows = await db
    .select({ checkoutId: orderAccess.checkoutId })
    .from(orderAccess)
    .where(inArray(orderAccess.tokenHash, valid.map(hash)));
  return rows.map((r) => r.checkoutId);
}

/** Throws 403 (401 for a guest) unless `buyer` placed the checkout or holds its token. */
export async function requireBuyer(db: DbOrTx, buyer: BuyerRef, checkoutId: number): Promise<OrderActor> {
  const [row] = await db.select({ userId: checkouts.userId }).from(checkouts).where(eq(checkouts.id, checkoutId));
  if (!row) throw new AccessError(403);
  if (buyer.user && row.userId === buyer.user.id) return { kind: 'buyer', userId: buyer.user.id };
  if ((await guestCheckoutIds(db, buyer.guestTokens)).includes(checkoutId)) return { kind: 'buyer', userId: buyer.user?.id ?? null };
  throw new AccessError(buyer.user ? 403 : 401);
}

/** The buyer of the order (404 when there is no such order). */
export async function requireOrderBuyer(db: Db, buyer: BuyerRef, orderId: number): Promise<{ by: OrderActor; order: { id: number; checkoutId: number; status: OrderStatus } }> {
  const [order] = await db.select({ id: orders.id, checkoutId: orders.checkoutId, status: orders.status }).from(orders).where(eq(orders.id, orderId));
  if (!order) throw refuse.notFound();
  return { by: await requireBuyer(db, buyer, order.checkoutId), order };
}

/** A manager of the order's village (or a platform admin). */
export async function requireOrderVillage(db: DbOrTx, user: Caller, orderId: number): Promise<OrderActor & { villageId: number }> {
  if (!user) throw new AccessError(401);
  const [order] = await db.select({ villageId: orders.villageId }).from(orders).where(eq(orders.id, orderId));
  if (!order) throw new AccessError(403);
  if (user.role === 'admin') return { kind: 'admin', userId: user.id, villageId: order.villageId };
  if (!(await isVillageManager(db, order.villageId, user.id))) throw new AccessError(403);
  return { kind: 'village', userId: user.id, villageId: order.villageId };
}

/** A manager of the village of the claim's order (or a platform admin). */
export async function requireClaimVillage(db: DbOrTx, user: Caller, claimId: number): Promise<OrderActor & { villageId: number }> {
  if (!user) throw new AccessError(401);
  const orderId = await orderOfClaim(db, claimId);
  if (orderId === null) throw refuse.notFound();
  return requireOrderVillage(db, user, orderId);
}

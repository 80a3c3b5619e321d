// A person pays their own share of a pay-each group order online (Stripe Checkout).
// Who: the signed-up person, for their own share only. From: the group order
// closed (its prices fixed in the contract), payment mode `each`, Stripe
// configured, the share not yet paid. The share becomes paid only on Stripe's
// word — the signed webhook, or the session read back from Stripe when the
// person returns — through one fulfil (applyPaidShare) that does it once: the
// UPDATE … WHERE paid_at IS NULL on the session's row lets one caller through.
// Without Stripe keys the bank transfer that the village marks paid stays the way.
import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db, Tx } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { groupOrderItems, groupOrders, groupOrderSignups, groupSharePayments, procurementPayments } from '../../../db/schema/procurement.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { AccessError, refuse } from '../../lib/errors.ts';
import type { GroupOrder, GroupOrderViewer } from './access.server.ts';
import { isStripeError, stripeEnabled } from '../payments/client.server.ts';
import { createCheckoutSession, isSessionId, paymentIntentOf, readSessionOnReturn, retrieveCheckoutSession, sessionCharged } from '../payments/checkout-session.server.ts';
import { sessionExpiresAt } from '../payments/payments.ts';
import { splitList } from './group-orders.ts';
import { groupItems } from './group-orders.server.ts';
import { log } from '../../lib/log.ts';

// No stock is held for a share (the contract reserved it), so the page may stay open a while.
const SHARE_SESSION_MINUTES = 60;

export interface Share {
  amountFen: bigint;
  lines: { name: string; nameEn: string; priceFen: number; quantity: number }[];
  paid: boolean;
  paidOnline: boolean;
}

/** A person's share exactly as the split list computes it: the closing price × their quantities. */
export async function shareOf(db: Db, go: GroupOrder, userId: number): Promise<Share> {
  const items = await groupItems(db, go);
  const mine = await db
    .select({ itemId: groupOrderSignups.itemId, quantity: groupOrderSignups.quantity, paidAt: groupOrderSignups.paidAt })
    .from(groupOrderSignups)
    .innerJoin(groupOrderItems, eq(groupOrderItems.id, groupOrderSignups.itemId))
    .where(and(eq(groupOrderItems.groupOrderId, go.id), eq(groupOrderSignups.userId, userId)));
  const split = splitList(
    items.map((i) => ({ id: i.id, priceFen: i.priceFen })),
    mine.map((s) => ({ itemId: s.itemId, userId, name: '', quantity: s.quantity, paid: s.paidAt !== null })),
  );
  const person = split.people[0];
  const paidOnline = (await onlinePayers(db, go.id)).has(userId);
  if (!person) return { amountFen: 0n, lines: [], paid: false, paidOnline };
  return {
    amountFen: person.totalFen,
    paid: person.paid,
    paidOnline,
    lines: person.lines.map((l) => {
      const i = items.find((x) => x.id === l.itemId)!;
      return { name: `${i.product} ${i.variant}`, nameEn: `${i.productEn} ${i.variantEn}`, priceFen: i.priceFen, quantity: l.quantity };
    }),
  };
}

/** The people of a group order whose share Stripe has confirmed paid. */
export async function onlinePayers(db: Db, groupOrderId: number): Promise<Set<number>> {
  const rows = await db
    .selectDistinct({ userId: groupSharePayments.userId })
    .from(groupSharePayments)
    .where(and(eq(groupSharePayments.groupOrderId, groupOrderId), isNotNull(groupSharePayments.paidAt)));
  return new Set(rows.map((r) => r.userId));
}

/** May this person pay online now? (What the sign-up page shows the button for.) */
export const mayPayOnline = (go: GroupOrder, share: Share) => stripeEnabled() && go.paymentMode === 'each' && go.status === 'closed' && share.amountFen > 0n && !share.paid;

/**
 * The Checkout Session for my share; returns the URL to send me to. Called again
 * (a double click, a second tab) it gives the session still open, and two calls
 * at once reach Stripe with the same idempotency key: one session either way.
 */
export async function startSharePayment(
  db: Db,
  { go, viewer }: GroupOrderViewer,
  urls: { successUrl: string; cancelUrl: string },
  locale: 'zh' | 'en',
  now = new Date(),
): Promise<string> {
  // The edge checked requireGroupOrderViewer. The village's managers and platform admins may look, but only the unit's people have shares.
  if (viewer.unitRole === null) throw new AccessError(403);
  if (!stripeEnabled()) throw refuse.conflict('group_pay_unavailable');
  if (go.paymentMode !== 'each' || go.status !== 'closed' || !go.contractId) throw refuse.conflict('group_not_payable');
  const share = await shareOf(db, go, viewer.userId);
  if (share.amountFen === 0n) throw refuse.conflict('group_no_share');
  if (share.paid) throw refuse.conflict('group_share_paid');
  const [latest] = await db
    .select()
    .from(groupSharePayments)
    .where(and(eq(groupSharePayments.groupOrderId, go.id), eq(groupSharePayments.userId, viewer.userId)))
    .orderBy(desc(groupSharePayments.id))
    .limit(1);
  try {
    if (latest) {
      const existing = await retrieveCheckoutSession(latest.stripeSessionId);
      if (existing.status === 'open' && existing.url && BigInt(existing.amount_total ?? -1) === share.amountFen) return existing.url;
      if (existing.status === 'complete') {
        // Paid, but neither the webhook nor the return page has told us yet.
        await fulfilShareSession(db, latest, existing, now);
        throw refuse.conflict('group_share_paid');
      }
    }
    const [person] = await db.select({ email: users.email }).from(users).where(eq(users.id, viewer.userId));
    const session = await createCheckoutSession({
      lines: share.lines.map((l) => ({ name: locale === 'en' ? l.nameEn : l.name, unitAmountFen: l.priceFen, quantity: l.quantity })),
      reference: `group-${go.id}-${viewer.userId}`,
      metadata: { groupOrderId: String(go.id), userId: String(viewer.userId) },
      locale,
      email: person?.email ?? null,
      successUrl: urls.successUrl,
      cancelUrl: urls.cancelUrl,
      // To the minute: a double click sends byte-identical parameters, which Stripe replays.
      expiresAt: sessionExpiresAt(new Date(Math.floor(now.getTime() / 60_000) * 60_000), SHARE_SESSION_MINUTES),
      // The token is random and unique everywhere (Stripe keys are per account, shared by
      // every test database); a replacement for an expired session gets its own key.
      idempotencyKey: `group-share:${go.token}:${viewer.userId}:${latest?.stripeSessionId ?? 'first'}`,
    });
    if (BigInt(session.amount_total ?? -1) !== share.amountFen) throw new Error(`stripe session ${session.id}: ${session.amount_total} ≠ share ${share.amountFen} fen`);
    await db
      .insert(groupSharePayments)
      .values({ groupOrderId: go.id, userId: viewer.userId, amountFen: share.amountFen, stripeSessionId: session.id, createdAt: now })
      .onConflictDoNothing({ target: groupSharePayments.stripeSessionId });
    if (!session.url) throw new Error(`stripe session ${session.id} has no url`);
    return session.url;
  } catch (error) {
    if (!isStripeError(error)) throw error;
    // Two clicks at once: both sent the same key, the other one is creating (or has made) the session.
    if (error.type === 'StripeIdempotencyError' || error.statusCode === 409) {
      const url = await sessionMadeMeanwhile(db, go.id, viewer.userId, latest?.id ?? 0);
      if (url) return url;
    }
    log.error(`stripe session for group order ${go.id}, user ${viewer.userId} could not start: ${error.message}`);
    throw refuse.conflict('group_pay_unavailable');
  }
}

async function sessionMadeMeanwhile(db: Db, groupOrderId: number, userId: number, afterId: number): Promise<string | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await db
      .select({ id: groupSharePayments.id, sessionId: groupSharePayments.stripeSessionId })
      .from(groupSharePayments)
      .where(and(eq(groupSharePayments.groupOrderId, groupOrderId), eq(groupSharePayments.userId, userId)))
      .orderBy(desc(groupSharePayments.id))
      .limit(1);
    if (row && row.id > afterId) {
      const session = await retrieveCheckoutSession(row.sessionId);
      return session.status === 'open' ? session.url : null;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return null;
}

export type ShareRow = Pick<typeof groupSharePayments.$inferSelect, 'id' | 'groupOrderId' | 'userId' | 'amountFen' | 'stripeSessionId'>;

/**
 * Stripe says this session is paid: inside the caller's transaction (the webhook's,
 * with its event row), the share row and the person's sign-ups become paid and the
 * payment is recorded against the contract — once. The person is the one the
 * session was made for (our row), never whoever its metadata names; a session
 * whose amount is not that share's pays nothing. False when nothing changed.
 */
export async function applyPaidShare(tx: Tx, share: ShareRow, session: Stripe.Checkout.Session, now: Date): Promise<boolean> {
  if (session.id !== share.stripeSessionId || session.payment_status !== 'paid') return false;
  if (!sessionCharged(session, share.amountFen)) {
    log.error(`stripe session ${session.id}: ${session.amount_total} ${session.currency} does not match group share ${share.id} (${share.amountFen} fen); not fulfilled`);
    return false;
  }
  const paymentIntent = paymentIntentOf(session);
  const [fresh] = await tx
    .update(groupSharePayments)
    .set({ paidAt: now, stripePaymentIntentId: paymentIntent })
    .where(and(eq(groupSharePayments.id, share.id), isNull(groupSharePayments.paidAt)))
    .returning({ id: groupSharePayments.id });
  if (!fresh) return false;
  const [go] = await tx.select({ contractId: groupOrders.contractId }).from(groupOrders).where(eq(groupOrders.id, share.groupOrderId));
  const marked = await tx
    .update(groupOrderSignups)
    .set({ paidAt: now })
    .where(
      and(
        eq(groupOrderSignups.userId, share.userId),
        isNull(groupOrderSignups.paidAt),
        inArray(groupOrderSignups.itemId, tx.select({ id: groupOrderItems.id }).from(groupOrderItems).where(eq(groupOrderItems.groupOrderId, share.groupOrderId))),
      ),
    )
    .returning({ id: groupOrderSignups.id });
  if (marked.length === 0 || !go?.contractId) {
    // The village had already marked a bank transfer for this person: the money came twice.
    log.error(`group share ${share.id} paid online (${paymentIntent}) but already marked paid: refund by hand`);
    return true;
  }
  await tx
    .insert(procurementPayments)
    .values({ contractId: go.contractId, amountFen: share.amountFen, paidOn: shanghaiDate(now), reference: paymentIntent ?? session.id, recordedBy: null });
  return true;
}

async function fulfilShareSession(db: Db, share: ShareRow, session: Stripe.Checkout.Session, now: Date): Promise<boolean> {
  return db.transaction((tx) => applyPaidShare(tx, share, session, now));
}

/**
 * The return page: the person may be back before the webhook, so ask Stripe about
 * the session (its id comes from the URL: it counts only once found among our rows
 * and confirmed by Stripe). A Stripe problem is logged; the webhook still comes.
 */
export async function confirmShareReturn(db: Db, sessionId: string, now = new Date()): Promise<void> {
  if (!isSessionId(sessionId) || !stripeEnabled()) return;
  const [share] = await db.select().from(groupSharePayments).where(eq(groupSharePayments.stripeSessionId, sessionId));
  if (!share || share.paidAt) return;
  const session = await readSessionOnReturn(sessionId);
  if (session) await fulfilShareSession(db, share, session, now);
}

/** The webhook's lookup: the share a session was made for, if it was one of ours. */
export async function shareBySession(tx: Tx, sessionId: string): Promise<ShareRow | undefined> {
  const [share] = await tx
    .select({
      id: groupSharePayments.id,
      groupOrderId: groupSharePayments.groupOrderId,
      userId: groupSharePayments.userId,
      amountFen: groupSharePayments.amountFen,
      stripeSessionId: groupSharePayments.stripeSessionId,
    })
    .from(groupSharePayments)
    .where(eq(groupSharePayments.stripeSessionId, sessionId));
  return share;
}

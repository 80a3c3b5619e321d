// Consumer orders on a real database: checkout reserves stock, every transition
// checks actor and state, payment writes the ledger, refunds reverse it, and
// stock + reserved + sold never changes except by a manager's adjustment.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cartItems, checkouts, ledgerEntries, orderEvents, orders, outbox, productVariants } from '../../db/schema/index.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { findCart } from '../../src/modules/cart/cart.server.ts';
import { completeDelivered, expireReservations } from '../../src/modules/orders/cancel-order.server.ts';
import { openClaim } from '../../src/modules/orders/claims.server.ts';
import { ordersOfCheckout, placeOrder } from '../../src/modules/orders/place-order.server.ts';
import { notifyOrder } from '../../src/modules/orders/notify.server.ts';
import { confirmOfflinePayment } from '../../src/modules/orders/pay-order.server.ts';
import { markDelivered, shipOrder } from '../../src/modules/orders/ship-order.server.ts';
import { createCategory, createProducer, createProduct, createVillage } from '../factories/catalog.ts';
import { placeTestOrder } from '../factories/orders.ts';
import { addUnitMember, appointVillageManager, createUnit, createUser } from '../factories/users.ts';
import { AccessError } from '../../src/lib/errors.ts';
import { lookupOrder } from '../../src/modules/orders/buyer.server.ts';
import { grantGuestAccess, requireBuyer, requireClaimVillage, requireOrderVillage } from '../../src/modules/orders/access.server.ts';
import { decideClaim } from '../../src/workflows/after-sale.ts';
import { cancelOrder } from '../../src/workflows/cancel-order.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
const village = { kind: 'village', userId: null } as const;
const buyer = { kind: 'buyer', userId: null } as const;
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof DomainError ? e.key : `unexpected: ${String(e)}`),
  );

async function shop(opts: { stock?: number; freeOver?: number | null; fresh?: boolean } = {}) {
  const v = await createVillage(t.db, { shippingFeeFen: 1200, freeShippingOverFen: opts.freeOver === undefined ? 9900 : opts.freeOver, noFreshProvinces: ['新疆', '西藏'] });
  const producer = await createProducer(t.db, { villageId: v.id });
  const category = await createCategory(t.db, { perishable: opts.fresh ?? false });
  const {
    variants: [item],
  } = await createProduct(t.db, { villageId: v.id, producerId: producer.id, categoryId: category.id, variants: [{ priceFen: 3980, stock: opts.stock ?? 10, netGrams: 2500 }] });
  return { village: v, producer, item };
}

async function stockOf(variantId: number) {
  const [row] = await t.db
    .select({ stock: productVariants.stock, reserved: productVariants.reserved, sold: productVariants.sold })
    .from(productVariants)
    .where(eq(productVariants.id, variantId));
  return row;
}

async function ledgerOf(orderId: number) {
  return t.db
    .select({
      amountFen: ledgerEntries.amountFen,
      quantity: ledgerEntries.quantity,
      grams: ledgerEntries.grams,
      channel: ledgerEntries.channel,
      unitId: ledgerEntries.unitId,
      sourceKind: ledgerEntries.sourceKind,
    })
    .from(ledgerEntries)
    .where(sql`(${ledgerEntries.sourceKind} = 'order_line' and ${ledgerEntries.sourceId} in (select id from order_lines where order_id = ${orderId}))
      or (${ledgerEntries.sourceKind} = 'refund' and ${ledgerEntries.sourceId} in (select id from refunds where order_id = ${orderId}))`)
    .orderBy(ledgerEntries.id);
}

async function orderOf(checkoutId: number) {
  const [order] = await ordersOfCheckout(t.db, checkoutId);
  return order;
}

describe('checkout', () => {
  it('reserves stock, splits by village, charges each village’s shipping and empties the cart', async () => {
    const a = await shop();
    const b = await shop({ freeOver: 5000 });
    const placed = await placeTestOrder(t.db, {
      lines: [
        { variantId: a.item.id, quantity: 2 },
        { variantId: b.item.id, quantity: 2 },
      ],
    });
    const parcels = await ordersOfCheckout(t.db, placed.id);
    expect(parcels.map((o) => [o.villageId, o.goodsFen, o.shippingFen, o.totalFen, o.status])).toEqual([
      [a.village.id, 7960n, 1200n, 9160n, 'pending_payment'],
      [b.village.id, 7960n, 0n, 7960n, 'pending_payment'],
    ]);
    expect(parcels.map((o) => o.number)).toEqual([`${placed.number}-1`, `${placed.number}-2`]);
    expect(await stockOf(a.item.id)).toEqual({ stock: 8, reserved: 2, sold: 0 });
    const cartId = await findCart(t.db, placed.owner);
    expect(cartId).not.toBeNull();
    expect(await t.db.select().from(cartItems).where(eq(cartItems.cartId, cartId!))).toEqual([]);
  });

  it('places one order when the same form is submitted twice', async () => {
    const { item } = await shop();
    const first = await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 1 }], idempotencyKey: 'same-key-0123456789ab' });
    const again = await placeOrder(t.db, first.form, { owner: first.owner, user: null, now: new Date(), reservationMinutes: 30, stripeEnabled: true, locale: 'zh' });
    expect(again).toMatchObject({ id: first.id, number: first.number, created: false });
    expect(await stockOf(item.id)).toEqual({ stock: 9, reserved: 1, sold: 0 });
  });

  it('refuses what would oversell, fresh produce to provinces the village does not ship to, and an empty cart', async () => {
    const { item } = await shop({ stock: 1 });
    await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 1 }] });
    // The cart of a second buyer was filled before the first one checked out.
    await t.db.update(productVariants).set({ stock: 1 }).where(eq(productVariants.id, item.id));
    const second = placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 1 }] });
    await t.db.update(productVariants).set({ stock: 0 }).where(eq(productVariants.id, item.id));
    expect(await refusal(second)).toBe('insufficient_stock');
    const fresh = await shop({ fresh: true });
    expect(await refusal(placeTestOrder(t.db, { lines: [{ variantId: fresh.item.id, quantity: 1 }], province: '新疆维吾尔自治区' }))).toBe('no_fresh_delivery');
    expect(await stockOf(fresh.item.id)).toEqual({ stock: 10, reserved: 0, sold: 0 });
  });
});

describe('paying, shipping and completing', () => {
  it('bank transfer: the village confirms, the ledger gets one entry per line, stock becomes sold', async () => {
    const { item, village: v, producer } = await shop();
    const placed = await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 3 }] });
    const order = await orderOf(placed.id);
    expect(await refusal(confirmOfflinePayment(t.db, buyer, order.id, '', new Date()))).toBe('forbidden');
    expect(await confirmOfflinePayment(t.db, village, order.id, '转账 8812', new Date())).toBe('paid');
    expect(await refusal(confirmOfflinePayment(t.db, village, order.id, '', new Date()))).toBe('already_paid');
    expect(await stockOf(item.id)).toEqual({ stock: 7, reserved: 0, sold: 3 });
    const entries = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.villageId, v.id));
    expect(entries.map((e) => [e.producerId, e.channel, e.amountFen, e.quantity, e.grams, e.unitId])).toEqual([[producer.id, 'personal', 11940n, 3, 7500n, null]]);
    await shipOrder(t.db, village, order.id, '中通快递', 'ZT1234567890', new Date());
    await markDelivered(t.db, buyer, order.id, new Date('2026-11-20T10:00:00Z'));
    expect(await completeDelivered(t.db, new Date('2026-11-22T09:59:00Z'))).toBe(0);
    expect(await completeDelivered(t.db, new Date('2026-11-22T10:01:00Z'))).toBe(1);
    const events = await t.db.select({ to: orderEvents.toStatus, actor: orderEvents.actor }).from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(orderEvents.id);
    expect(events).toEqual([
      { to: 'pending_payment', actor: 'buyer' },
      { to: 'paid', actor: 'village' },
      { to: 'shipped', actor: 'village' },
      { to: 'delivered', actor: 'buyer' },
      { to: 'completed', actor: 'system' },
    ]);
  });

  it('unit staff purchases count as 职工购买 for their unit', async () => {
    const { item } = await shop();
    const staff = await createUser(t.db);
    const unit = await createUnit(t.db, { createdBy: staff.id });
    await addUnitMember(t.db, unit.id, staff.id, 'staff');
    const placed = await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 1 }], user: staff });
    const order = await orderOf(placed.id);
    await confirmOfflinePayment(t.db, village, order.id, '', new Date());
    expect(await ledgerOf(order.id)).toEqual([{ amountFen: 3980n, quantity: 1, grams: 2500n, channel: 'staff_purchase', unitId: unit.id, sourceKind: 'order_line' }]);
  });

  it('cash on delivery ships unpaid, commits stock at shipping, and counts the sale when the money comes', async () => {
    const { item } = await shop();
    const placed = await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 2 }], paymentMethod: 'cash_on_delivery' });
    const order = await orderOf(placed.id);
    expect(order.reservedUntil).toBeNull();
    await shipOrder(t.db, village, order.id, '邮政', 'YZ000111222', new Date());
    expect(await stockOf(item.id)).toEqual({ stock: 8, reserved: 0, sold: 2 });
    expect(await ledgerOf(order.id)).toEqual([]);
    expect(await confirmOfflinePayment(t.db, village, order.id, '快递代收', new Date())).toBe('cod_settled');
    expect((await ledgerOf(order.id)).map((e) => e.amountFen)).toEqual([7960n]);
    expect(await stockOf(item.id)).toEqual({ stock: 8, reserved: 0, sold: 2 });
  });

  it('will not ship an unpaid bank-transfer order, nor move an order twice', async () => {
    const { item } = await shop();
    const order = await orderOf((await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 1 }] })).id);
    expect(await refusal(shipOrder(t.db, village, order.id, '顺丰', 'SF1234567', new Date()))).toBe('not_paid_yet');
    expect(await refusal(markDelivered(t.db, buyer, order.id, new Date()))).toBe('order_state_changed');
    const [a, b] = await Promise.allSettled([confirmOfflinePayment(t.db, village, order.id, '', new Date()), confirmOfflinePayment(t.db, village, order.id, '', new Date())]);
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    expect((await ledgerOf(order.id)).length).toBe(1);
  });
});

describe('cancelling and expiry', () => {
  it('an unpaid order cancelled or expired gives its stock back; the sweep leaves fresh reservations alone', async () => {
    const { item } = await shop();
    const now = new Date('2026-11-23T08:00:00Z');
    const a = await orderOf((await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 2 }], now })).id);
    const b = await orderOf((await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 3 }], now })).id);
    expect(await stockOf(item.id)).toEqual({ stock: 5, reserved: 5, sold: 0 });
    await cancelOrder(t.db, buyer, a.id, '不想要了', now);
    expect(await stockOf(item.id)).toEqual({ stock: 7, reserved: 3, sold: 0 });
    expect(await expireReservations(t.db, new Date(now.getTime() + 29 * 60_000))).toBe(0);
    expect(await expireReservations(t.db, new Date(now.getTime() + 31 * 60_000))).toBe(1);
    expect(await stockOf(item.id)).toEqual({ stock: 10, reserved: 0, sold: 0 });
    const [row] = await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, b.id));
    expect(row.status).toBe('cancelled');
    // Paying an expired order is refused: the village sees it was cancelled.
    expect(await refusal(confirmOfflinePayment(t.db, village, b.id, '', now))).toBe('order_state_changed');
  });

  it('a paid order cancelled before shipping is refunded in full and leaves the ledger at zero', async () => {
    const { item } = await shop();
    const order = await orderOf((await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 1 }] })).id);
    await confirmOfflinePayment(t.db, village, order.id, '', new Date());
    const { refund } = await cancelOrder(t.db, buyer, order.id, '买错了', new Date());
    expect(refund).toMatchObject({ viaStripe: false });
    expect(await stockOf(item.id)).toEqual({ stock: 10, reserved: 0, sold: 0 });
    const entries = await ledgerOf(order.id);
    expect(entries.map((e) => [e.amountFen, e.quantity, e.grams])).toEqual([
      [3980n, 1, 2500n],
      [-3980n, -1, -2500n],
    ]);
    expect(await refusal(cancelOrder(t.db, buyer, order.id, '', new Date()))).toBe('cannot_cancel');
  });
});

describe('after-sale claims', () => {
  async function delivered(quantity: number, deliveredAt: Date) {
    const { item } = await shop({ freeOver: null });
    const order = await orderOf((await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity }] })).id);
    await confirmOfflinePayment(t.db, village, order.id, '', new Date());
    await shipOrder(t.db, village, order.id, '中通快递', 'ZT1234567890', new Date());
    await markDelivered(t.db, village, order.id, deliveredAt);
    return order;
  }

  it('within 48 hours: a partial refund reverses exactly that share in the ledger', async () => {
    const at = new Date('2026-11-21T08:00:00Z');
    const order = await delivered(2, at); // 7960 goods + 1200 shipping
    expect(await refusal(openClaim(t.db, buyer, order.id, { reason: '坏了', requestedFen: 9161n, photoPaths: [] }, at))).toBe('refund_amount_invalid');
    expect(await refusal(openClaim(t.db, buyer, order.id, { reason: '坏了', requestedFen: 100n, photoPaths: [] }, new Date('2026-11-23T08:01:00Z')))).toBe(
      'claim_window_closed',
    );
    const claimId = await openClaim(t.db, buyer, order.id, { reason: '两个桃子压坏了', requestedFen: 1990n, photoPaths: [] }, new Date('2026-11-22T08:00:00Z'));
    await decideClaim(t.db, village, claimId, { approve: true, amountFen: 1500n, note: '按坏果赔付' }, new Date());
    expect(await refusal(decideClaim(t.db, village, claimId, { approve: false, note: '重复' }, new Date()))).toBe('claim_already_decided');
    const [row] = await t.db.select({ status: orders.status, refundedFen: orders.refundedFen }).from(orders).where(eq(orders.id, order.id));
    expect(row).toEqual({ status: 'partially_refunded', refundedFen: 1500n });
    const entries = await ledgerOf(order.id);
    expect(entries.map((e) => [e.sourceKind, e.amountFen, e.quantity])).toEqual([
      ['order_line', 7960n, 2],
      ['refund', -1500n, 0],
    ]);
  });

  it('a claim on a cash-on-delivery order whose money never came is refused with a message, nothing changes', async () => {
    const { item } = await shop({ freeOver: null });
    const order = await orderOf((await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 1 }], paymentMethod: 'cash_on_delivery' })).id);
    await shipOrder(t.db, village, order.id, '邮政', 'YZ000111333', new Date());
    await markDelivered(t.db, village, order.id, new Date());
    const claimId = await openClaim(t.db, buyer, order.id, { reason: '压坏了', requestedFen: 500n, photoPaths: [] }, new Date());
    // Once a 500 (RangeError in the refund's ledger split): now the village is told why.
    expect(await refusal(decideClaim(t.db, village, claimId, { approve: true, amountFen: 500n, note: '' }, new Date()))).toBe('refund_not_paid');
    const [row] = await t.db.select({ status: orders.status, refundedFen: orders.refundedFen }).from(orders).where(eq(orders.id, order.id));
    expect(row).toEqual({ status: 'refund_requested', refundedFen: 0n });
    expect(await ledgerOf(order.id)).toEqual([]);
    // Rejecting it still works.
    await decideClaim(t.db, village, claimId, { approve: false, note: '未收到货款' }, new Date());
  });

  it('a rejected claim puts the order back to delivered with the reason on the timeline', async () => {
    const order = await delivered(1, new Date());
    const claimId = await openClaim(t.db, buyer, order.id, { reason: '不新鲜', requestedFen: 500n, photoPaths: [] }, new Date());
    await decideClaim(t.db, village, claimId, { approve: false, note: '照片显示完好' }, new Date());
    const [row] = await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
    expect(row.status).toBe('delivered');
    expect((await ledgerOf(order.id)).length).toBe(1);
  });
});

describe('mail', () => {
  it('tells the buyer the order was placed, paid and shipped, in their language, with the link', async () => {
    const { item } = await shop();
    const user = await createUser(t.db, { email: 'mail-buyer@example.com' });
    const order = await orderOf((await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 1 }], user })).id);
    await notifyOrder(t.db, order.id, 'placed');
    await confirmOfflinePayment(t.db, village, order.id, '', new Date());
    await notifyOrder(t.db, order.id, 'paid');
    await shipOrder(t.db, village, order.id, '中通快递', 'ZT55443322', new Date());
    await notifyOrder(t.db, order.id, 'shipped');
    const mails = await t.db.select().from(outbox).where(eq(outbox.to, 'mail-buyer@example.com')).orderBy(outbox.id);
    const checkoutNumber = order.number.split('-')[0];
    expect(mails.map((m) => m.subject)).toEqual([`订单已提交：${checkoutNumber}`, `已收到付款：${order.number}`, `已发货：${order.number}`]);
    expect(mails[0].body).toContain(`/orders/${checkoutNumber}`);
    expect(mails[2].body).toContain('ZT55443322');
  });
});

describe('who may act', () => {
  it('a village desk is only for the managers of the order’s village; an order page only for its buyer', async () => {
    const a = await shop();
    const b = await shop();
    const managerA = await createUser(t.db, { email: 'mgr-a@example.com' });
    await appointVillageManager(t.db, a.village.id, managerA.id);
    const owner = await createUser(t.db, { email: 'owner@example.com' });
    const placed = await placeTestOrder(t.db, { lines: [{ variantId: b.item.id, quantity: 1 }], user: owner });
    const order = await orderOf(placed.id);
    const denied = (p: Promise<unknown>) =>
      p.then(
        () => 'allowed',
        (e: unknown) => (e instanceof AccessError ? e.status : String(e)),
      );
    expect(await denied(requireOrderVillage(t.db, { id: managerA.id, role: 'user' }, order.id))).toBe(403);
    expect(await denied(requireClaimVillage(t.db, null, 1))).toBe(401);
    expect(await denied(requireBuyer(t.db, { user: { id: managerA.id, role: 'user' }, guestTokens: [] }, placed.id))).toBe(403);
    expect(await denied(requireBuyer(t.db, { user: null, guestTokens: ['forged-token-forged-token'] }, placed.id))).toBe(401);
    expect(await requireBuyer(t.db, { user: { id: owner.id, role: 'user' }, guestTokens: [] }, placed.id)).toEqual({ kind: 'buyer', userId: owner.id });
    const token = await grantGuestAccess(t.db, placed.id);
    expect((await requireBuyer(t.db, { user: null, guestTokens: [token] }, placed.id)).kind).toBe('buyer');
  });
});

describe('finding an order as a guest', () => {
  it('needs the number and the mobile, finds only a guest’s order, and stops guessing after five misses', async () => {
    const { item } = await shop();
    const guest = await orderOf((await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 1 }] })).id);
    const member = await orderOf((await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 1 }], user: await createUser(t.db) })).id);
    const [{ number, mobile }] = await t.db.select({ number: checkouts.number, mobile: checkouts.mobile }).from(checkouts).where(eq(checkouts.id, guest.checkoutId));
    const [memberCheckout] = await t.db.select({ number: checkouts.number, mobile: checkouts.mobile }).from(checkouts).where(eq(checkouts.id, member.checkoutId));
    expect(await lookupOrder(t.db, number, mobile, '10.0.0.1')).toEqual({ checkoutId: guest.checkoutId, number });
    // An account's order is never opened to whoever knows its number and mobile.
    expect(await refusal(lookupOrder(t.db, memberCheckout.number, memberCheckout.mobile, '10.0.0.1'))).toBe('lookup_account_order');
    // Guessing the mobile of one order: five misses, then even the right one waits.
    for (let i = 0; i < 5; i++) expect(await refusal(lookupOrder(t.db, number, `1390000000${i}`, `10.0.1.${i}`))).toBe('lookup_failed');
    expect(await refusal(lookupOrder(t.db, number, mobile, '10.0.2.1'))).toBe('lookup_too_many');
  });
});

describe('the ledger', () => {
  it('is append-only: UPDATE and DELETE are refused by the database', async () => {
    const { item } = await shop();
    const order = await orderOf((await placeTestOrder(t.db, { lines: [{ variantId: item.id, quantity: 1 }] })).id);
    await confirmOfflinePayment(t.db, village, order.id, '', new Date());
    const failure = (q: Promise<unknown>) =>
      q.then(
        () => 'no error',
        (e: { cause?: { message?: string }; message: string }) => e.cause?.message ?? e.message,
      );
    expect(await failure(t.db.execute(sql`update ledger_entries set amount_fen = 1`))).toMatch(/append-only/);
    expect(await failure(t.db.execute(sql`delete from ledger_entries`))).toMatch(/append-only/);
    expect((await ledgerOf(order.id)).map((e) => e.amountFen)).toEqual([3980n]);
  });
});

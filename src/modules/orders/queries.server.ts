// Reading orders for pages: a buyer's checkout with its parcels and timelines,
// a buyer's list, and a village's order desk. Callers check access first.
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { villages } from '../../../db/schema/catalog.ts';
import { afterSaleClaims, checkouts, orderEvents, orderLines, orders } from '../../../db/schema/orders.ts';
import { refunds } from '../../../db/schema/payments.ts';
import type { OrderStatus } from './orders.ts';

export const PAGE_SIZE = 20;

export async function findCheckoutByNumber(db: Db, number: string) {
  if (!/^BF\d{14}$/.test(number)) return null;
  const [row] = await db.select().from(checkouts).where(eq(checkouts.number, number));
  return row ?? null;
}

/** Parcels (one per village) with lines, timeline, claims and refunds. */
async function parcels(db: Db, orderRows: (typeof orders.$inferSelect)[]) {
  const ids = orderRows.map((o) => o.id);
  if (ids.length === 0) return [];
  const villageIds = [...new Set(orderRows.map((o) => o.villageId))];
  const [lines, events, claims, refundRows, villageRows] = await Promise.all([
    db.select().from(orderLines).where(inArray(orderLines.orderId, ids)).orderBy(asc(orderLines.id)),
    db.select().from(orderEvents).where(inArray(orderEvents.orderId, ids)).orderBy(asc(orderEvents.id)),
    db.select().from(afterSaleClaims).where(inArray(afterSaleClaims.orderId, ids)).orderBy(desc(afterSaleClaims.id)),
    db.select().from(refunds).where(inArray(refunds.orderId, ids)).orderBy(asc(refunds.id)),
    db
      .select({
        id: villages.id,
        slug: villages.slug,
        name: villages.name,
        nameEn: villages.nameEn,
        bankAccountName: villages.bankAccountName,
        bankName: villages.bankName,
        bankAccountNo: villages.bankAccountNo,
      })
      .from(villages)
      .where(inArray(villages.id, villageIds)),
  ]);
  return orderRows.map((o) => ({
    order: o,
    village: villageRows.find((v) => v.id === o.villageId)!,
    lines: lines.filter((l) => l.orderId === o.id),
    events: events.filter((e) => e.orderId === o.id),
    claims: claims.filter((c) => c.orderId === o.id),
    refunds: refundRows.filter((r) => r.orderId === o.id),
  }));
}

export async function loadCheckout(db: Db, checkoutId: number) {
  const [checkout] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  if (!checkout) return null;
  const orderRows = await db.select().from(orders).where(eq(orders.checkoutId, checkoutId)).orderBy(asc(orders.id));
  return { checkout, parcels: await parcels(db, orderRows) };
}
export type CheckoutDetail = NonNullable<Awaited<ReturnType<typeof loadCheckout>>>;
export type Parcel = CheckoutDetail['parcels'][number];

/** The signed-in buyer's checkouts, newest first, with their parcels' states. */
export async function listMyCheckouts(db: Db, userId: number, page: number) {
  const [{ n }] = await db.select({ n: count() }).from(checkouts).where(eq(checkouts.userId, userId));
  const rows = await db
    .select()
    .from(checkouts)
    .where(eq(checkouts.userId, userId))
    .orderBy(desc(checkouts.createdAt), desc(checkouts.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const orderRows = rows.length
    ? await db
        .select({
          checkoutId: orders.checkoutId,
          number: orders.number,
          status: orders.status,
          villageName: villages.name,
          villageNameEn: villages.nameEn,
          totalFen: orders.totalFen,
        })
        .from(orders)
        .innerJoin(villages, eq(villages.id, orders.villageId))
        .where(
          inArray(
            orders.checkoutId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(orders.id))
    : [];
  return { total: n, items: rows.map((c) => ({ checkout: c, orders: orderRows.filter((o) => o.checkoutId === c.id) })) };
}

/** A village's orders, newest first, optionally in one state. */
export async function listVillageOrders(db: Db, villageId: number, status: OrderStatus | null, page: number) {
  const where = status ? and(eq(orders.villageId, villageId), eq(orders.status, status)) : eq(orders.villageId, villageId);
  const [[{ n }], rows, counts] = await Promise.all([
    db.select({ n: count() }).from(orders).where(where),
    db
      .select({
        id: orders.id,
        number: orders.number,
        status: orders.status,
        totalFen: orders.totalFen,
        paidAt: orders.paidAt,
        createdAt: checkouts.createdAt,
        recipient: checkouts.recipient,
        province: checkouts.province,
        city: checkouts.city,
        paymentMethod: checkouts.paymentMethod,
        payerReference: orders.payerReference,
      })
      .from(orders)
      .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
      .where(where)
      .orderBy(desc(orders.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ status: orders.status, n: count() }).from(orders).where(eq(orders.villageId, villageId)).groupBy(orders.status),
  ]);
  return { total: n, rows, counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Partial<Record<OrderStatus, number>> };
}

/** One order of the village, with its checkout (address, note, payment method). */
export async function loadVillageOrder(db: Db, villageId: number, number: string) {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.villageId, villageId), eq(orders.number, number)));
  if (!order) return null;
  const [checkout] = await db.select().from(checkouts).where(eq(checkouts.id, order.checkoutId));
  const [parcel] = await parcels(db, [order]);
  return { checkout, ...parcel };
}

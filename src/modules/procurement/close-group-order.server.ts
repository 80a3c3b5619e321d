// Closing a group order. Who: the unit's buyers and admins, at any time while it
// is open; or the order sweep, once closesAt has passed. From: open → closed
// (with a contract) or → cancelled when nobody signed up. Exactly once: the
// UPDATE … WHERE status = 'open' lets one closer through; the others see zero
// rows (a conflict for a person, nothing for the sweep).
//
// The contract (kind group_order) has one line per item at the closing price
// (the tier the combined quantity reaches), ONE delivery on deliverOn without
// freight, and one delivery line per person per item with staff_user_id set, so
// acceptance writes 职工购买 per person for the unit. Payment terms: the unit
// pays → net 30 days after acceptance; each person pays → prepay (every share
// is due by the delivery day; the village records each one as it arrives).
import { randomInt } from 'node:crypto';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { villages } from '../../../db/schema/catalog.ts';
import { contractLines, contracts, deliveries, deliveryLines, groupOrderItems, groupOrders, groupOrderSignups } from '../../../db/schema/procurement.ts';
import { units } from '../../../db/schema/units.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { AccessError, refuse } from '../../lib/errors.ts';
import { env } from '../../lib/env.ts';
import type { GroupOrderViewer } from './access.server.ts';
import { reserveDelivery } from './contract.server.ts';
import { canClose, groupItems } from './group-orders.server.ts';
import { notifyVillage } from './notify.server.ts';
import { documentNumber, RESERVE_DAYS_AHEAD } from './procurement.ts';
import { addDays } from './schedule.ts';

export const GROUP_NET_DAYS = 30;

/** A person closes it from the sign-up page (the edge checked requireGroupOrderViewer). */
export async function closeGroupOrderByHand(db: Db, { go, viewer }: GroupOrderViewer, now = new Date()) {
  if (!canClose(viewer)) throw new AccessError(403);
  const result = await closeGroupOrder(db, go.id, viewer.userId, now);
  if (!result) throw refuse.conflict('group_closed');
  return { token: go.token, status: result.status, contractNumber: result.contractNumber };
}

/** The sweep: every open group order whose closing time has passed. Returns how many this call closed. */
export async function closeDueGroupOrders(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: groupOrders.id })
    .from(groupOrders)
    .where(and(eq(groupOrders.status, 'open'), lte(groupOrders.closesAt, now)))
    .orderBy(asc(groupOrders.closesAt))
    .limit(50);
  let closed = 0;
  for (const { id } of due) if (await closeGroupOrder(db, id, null, now)) closed++;
  return closed;
}

/** Null when someone else closed it first. */
export async function closeGroupOrder(
  db: Db,
  groupOrderId: number,
  actorUserId: number | null,
  now: Date,
): Promise<{ status: 'closed' | 'cancelled'; contractNumber: string | null } | null> {
  const result = await db.transaction(async (tx) => {
    const hasSignups = sql`exists (select 1 from ${groupOrderSignups} s join ${groupOrderItems} i on i.id = s.item_id where i.group_order_id = ${groupOrders.id})`;
    const [go] = await tx
      .update(groupOrders)
      .set({ status: sql`case when ${hasSignups} then 'closed' else 'cancelled' end::group_order_status` })
      .where(and(eq(groupOrders.id, groupOrderId), eq(groupOrders.status, 'open')))
      .returning();
    if (!go) return null;
    if (go.status === 'cancelled') return { go, contractNumber: null };
    const contract = await createGroupContract(tx, go, actorUserId ?? go.createdBy, now);
    await tx.update(groupOrders).set({ contractId: contract.id }).where(eq(groupOrders.id, go.id));
    return { go, contractNumber: contract.number };
  });
  if (result?.contractNumber)
    await notifyVillage(
      db,
      result.go.villageId,
      `新的团购订单：${result.contractNumber}`,
      `团购接龙「${result.go.title}」已截止，请于${result.go.deliverOn}送货：\n${env.SITE_URL}/procurement/contracts/${result.contractNumber}\n分户清单：${env.SITE_URL}/group/${result.go.token}/split`,
    );
  return result && { status: result.go.status as 'closed' | 'cancelled', contractNumber: result.contractNumber };
}

async function createGroupContract(tx: Tx, go: typeof groupOrders.$inferSelect, userId: number, now: Date) {
  const [unit] = await tx.select().from(units).where(eq(units.id, go.unitId));
  const [village] = await tx.select({ name: villages.name }).from(villages).where(eq(villages.id, go.villageId));
  const items = (await groupItems(tx, go)).filter((i) => i.total > 0);
  const [contract] = await tx
    .insert(contracts)
    .values({
      number: documentNumber('HT', shanghaiDate(now), randomInt(100_000_000)),
      kind: 'group_order',
      unitId: go.unitId,
      villageId: go.villageId,
      paymentTerms: go.paymentMode === 'unit' ? 'net' : 'prepay',
      netDays: go.paymentMode === 'unit' ? GROUP_NET_DAYS : 0,
      unitName: unit.name,
      creditCode: unit.creditCode,
      invoiceTitle: unit.invoiceTitle,
      taxNumber: unit.taxNumber,
      villageName: village.name,
      // The group order has no address columns: the unit's contact receives it at the place the buyer wrote.
      recipient: unit.contactName,
      mobile: unit.contactPhone,
      address: go.note,
      createdBy: userId,
    })
    .returning();
  const lines = await tx
    .insert(contractLines)
    .values(
      items.map((i) => ({
        contractId: contract.id,
        variantId: i.variantId,
        productId: i.productId,
        producerId: i.producerId,
        description: `${i.product} ${i.variant}`,
        saleUnit: i.saleUnit,
        netGrams: i.netGrams,
        unitPriceFen: i.priceFen,
      })),
    )
    .returning({ id: contractLines.id, variantId: contractLines.variantId });
  const [delivery] = await tx.insert(deliveries).values({ contractId: contract.id, seq: 1, scheduledOn: go.deliverOn, freightFen: 0n }).returning({ id: deliveries.id });
  const signups = await tx
    .select({ itemId: groupOrderSignups.itemId, userId: groupOrderSignups.userId, quantity: groupOrderSignups.quantity })
    .from(groupOrderSignups)
    .where(
      inArray(
        groupOrderSignups.itemId,
        items.map((i) => i.id),
      ),
    )
    .orderBy(asc(groupOrderSignups.userId), asc(groupOrderSignups.itemId));
  const lineOf = new Map(items.map((i) => [i.id, lines.find((l) => l.variantId === i.variantId)!.id]));
  await tx.insert(deliveryLines).values(signups.map((s) => ({ deliveryId: delivery.id, contractLineId: lineOf.get(s.itemId)!, quantity: s.quantity, staffUserId: s.userId })));
  // Stock is held now when the delivery is within the reservation window; otherwise the contract sweep holds it later.
  if (go.deliverOn <= addDays(shanghaiDate(now), RESERVE_DAYS_AHEAD)) await reserveDelivery(tx, delivery.id, now);
  return contract;
}

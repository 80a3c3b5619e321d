// 团购接龙: opening a group order, and what its pages read. Who sees what:
// - the unit's list (/units/<id>/group-orders): every member of the unit, so staff find open ones;
// - the sign-up page (/group/<token>): the unit's members (any role), the village's managers, admins
//   (the page checks requireGroupOrderViewer);
// - the split list (/group/<token>/split): of those, the unit's buyers, approvers and admins, the village's managers, admins.
// Opening: the unit's buyers and admins (the edge checks requireUnitBuyer), not a platform admin,
// for a verified unit; products are active listings of one village.
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { products, productVariants, villages } from '../../../db/schema/catalog.ts';
import { contractLines, contracts, groupOrderItems, groupOrders, groupOrderSignups } from '../../../db/schema/procurement.ts';
import { units } from '../../../db/schema/units.ts';
import { AccessError, refuse } from '../../lib/errors.ts';
import type { GroupOrder, GroupOrderViewer, UnitBuyer, Viewer } from './access.server.ts';
import { closingPriceFen, openError, signUpOpen, splitList, type OpenGroupOrderInput } from './group-orders.ts';
import { tiersOf } from '../catalog/catalog.server.ts';
import { onShelf } from '../catalog/shelf.server.ts';
import { presaleBlocks } from '../catalog/presale.server.ts';

export type { GroupOrder } from './access.server.ts';

export async function openGroupOrder(db: Db, by: UnitBuyer, input: OpenGroupOrderInput, now = new Date()) {
  // A platform admin passes the guard but does not buy for a unit.
  if (by.role === 'platform_admin') throw new AccessError(403);
  const [unit] = await db.select({ status: units.status }).from(units).where(eq(units.id, by.unitId));
  if (unit?.status !== 'verified') throw refuse.conflict('unit_not_verified');
  const timing = openError(input, now);
  if (timing) throw refuse.invalid(timing.key, timing.field);
  const listed = await db
    .select({ id: productVariants.id, priceFen: productVariants.priceFen })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(inArray(productVariants.id, input.variantIds), eq(products.villageId, input.villageId), onShelf()));
  if (listed.length !== input.variantIds.length) throw refuse.invalid('product_unavailable', 'variantId');
  // A pre-sale variant cannot be promised for a delivery before it ships.
  if (await presaleBlocks(db, input.variantIds, input.deliverOn)) throw refuse.invalid('presale_after_delivery', 'deliverOn');
  const token = randomBytes(18).toString('base64url');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(groupOrders)
      .values({
        token,
        unitId: by.unitId,
        villageId: input.villageId,
        title: input.title,
        note: input.note,
        closesAt: input.closesAt,
        deliverOn: input.deliverOn,
        paymentMode: input.paymentMode,
        createdBy: by.userId,
      })
      .returning();
    // The list price as it is now is what staff sign up at; a tier can only lower it at closing.
    await tx
      .insert(groupOrderItems)
      .values(input.variantIds.map((variantId) => ({ groupOrderId: row.id, variantId, unitPriceFen: listed.find((v) => v.id === variantId)!.priceFen })));
    return { id: row.id, token: row.token };
  });
}

export const canSeeSplit = (v: Viewer) => (v.unitRole !== null && v.unitRole !== 'staff') || v.villageManager || v.platformAdmin;
export const canClose = (v: Viewer) => v.unitRole === 'buyer' || v.unitRole === 'admin';

async function itemsOf(db: Db, go: GroupOrder) {
  const rows = await db
    .select({
      id: groupOrderItems.id,
      variantId: groupOrderItems.variantId,
      listPriceFen: groupOrderItems.unitPriceFen,
      product: products.name,
      productEn: products.nameEn,
      variant: productVariants.name,
      variantEn: productVariants.nameEn,
      saleUnit: productVariants.saleUnit,
      netGrams: productVariants.netGrams,
      productId: products.id,
      producerId: products.producerId,
      total: sql<string>`coalesce((select sum(${groupOrderSignups.quantity}) from ${groupOrderSignups} where ${groupOrderSignups.itemId} = ${groupOrderItems.id}), 0)`,
    })
    .from(groupOrderItems)
    .innerJoin(productVariants, eq(productVariants.id, groupOrderItems.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(eq(groupOrderItems.groupOrderId, go.id))
    .orderBy(asc(groupOrderItems.id));
  const tiers = await tiersOf(
    db,
    rows.map((r) => r.variantId),
  );
  // Once closed, the contract's prices are the prices; while open, the price the total reaches so far.
  const fixed = go.contractId
    ? await db.select({ variantId: contractLines.variantId, priceFen: contractLines.unitPriceFen }).from(contractLines).where(eq(contractLines.contractId, go.contractId))
    : [];
  return rows.map((r) => {
    const own = tiers.filter((t) => t.variantId === r.variantId && t.priceFen < r.listPriceFen);
    const total = Number(r.total);
    return {
      ...r,
      total,
      tiers: own.map((t) => ({ minQuantity: t.minQuantity, priceFen: t.priceFen })),
      priceFen: fixed.find((f) => f.variantId === r.variantId)?.priceFen ?? closingPriceFen(r.listPriceFen, own, total),
    };
  });
}
export type GroupItem = Awaited<ReturnType<typeof itemsOf>>[number];
export { itemsOf as groupItems };

/** The sign-up page: items with everyone's total so far, my quantities, and what I may do. */
export async function signUpPage(db: Db, { go, viewer }: GroupOrderViewer, now = new Date()) {
  const items = await itemsOf(db, go);
  const mine = await db
    .select({ itemId: groupOrderSignups.itemId, quantity: groupOrderSignups.quantity })
    .from(groupOrderSignups)
    .innerJoin(groupOrderItems, eq(groupOrderItems.id, groupOrderSignups.itemId))
    .where(and(eq(groupOrderItems.groupOrderId, go.id), eq(groupOrderSignups.userId, viewer.userId)));
  const [{ people }] = await db
    .select({ people: sql<number>`count(distinct ${groupOrderSignups.userId})::int` })
    .from(groupOrderSignups)
    .innerJoin(groupOrderItems, eq(groupOrderItems.id, groupOrderSignups.itemId))
    .where(eq(groupOrderItems.groupOrderId, go.id));
  const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, go.unitId));
  const [village] = await db.select({ name: villages.name, nameEn: villages.nameEn }).from(villages).where(eq(villages.id, go.villageId));
  const [contract] = go.contractId ? await db.select({ number: contracts.number }).from(contracts).where(eq(contracts.id, go.contractId)) : [];
  return {
    go,
    viewer,
    unitName: unit.name,
    village,
    items,
    mine: new Map(mine.map((m) => [m.itemId, m.quantity])),
    people: Number(people),
    open: signUpOpen(go.status, go.closesAt, now),
    mayClose: go.status === 'open' && canClose(viewer),
    maySeeSplit: canSeeSplit(viewer),
    contractNumber: contract?.number ?? null,
  };
}

/** The split list: who takes what, at which price, and (pay-each) who has paid. */
export async function splitPage(db: Db, { go, viewer }: GroupOrderViewer) {
  if (!canSeeSplit(viewer)) throw new AccessError(403);
  const items = await itemsOf(db, go);
  const signups = await db
    .select({
      itemId: groupOrderSignups.itemId,
      userId: groupOrderSignups.userId,
      name: users.displayName,
      email: users.email,
      quantity: groupOrderSignups.quantity,
      paidAt: groupOrderSignups.paidAt,
    })
    .from(groupOrderSignups)
    .innerJoin(groupOrderItems, eq(groupOrderItems.id, groupOrderSignups.itemId))
    .innerJoin(users, eq(users.id, groupOrderSignups.userId))
    .where(eq(groupOrderItems.groupOrderId, go.id))
    .orderBy(asc(groupOrderSignups.id));
  const split = splitList(
    items.map((i) => ({ id: i.id, priceFen: i.priceFen })),
    signups.map((s) => ({ itemId: s.itemId, userId: s.userId, name: s.name || s.email.split('@')[0], quantity: s.quantity, paid: s.paidAt !== null })),
  );
  const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, go.unitId));
  const [village] = await db
    .select({ name: villages.name, nameEn: villages.nameEn, bankAccountName: villages.bankAccountName, bankName: villages.bankName, bankAccountNo: villages.bankAccountNo })
    .from(villages)
    .where(eq(villages.id, go.villageId));
  const [contract] = go.contractId ? await db.select({ number: contracts.number }).from(contracts).where(eq(contracts.id, go.contractId)) : [];
  return {
    go,
    viewer,
    unitName: unit.name,
    village,
    items,
    split,
    contractNumber: contract?.number ?? null,
    mayMarkPaid: go.paymentMode === 'each' && go.status === 'closed' && (viewer.villageManager || viewer.platformAdmin),
  };
}

/**
 * The unit's group-order page (its members, checked by the page): the unit, its group
 * orders, and for those who may open one the villages to choose from and the chosen
 * one's listings. Null when there is no such unit.
 */
export async function unitGroupOrdersDesk(db: Db, unitId: number, form: { mayOpen: boolean; villageId: number }) {
  const [unit] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, unitId));
  if (!unit) return null;
  const villageOptions = form.mayOpen ? await db.select({ id: villages.id, name: villages.name, nameEn: villages.nameEn }).from(villages).orderBy(asc(villages.id)) : [];
  const village = villageOptions.find((v) => v.id === form.villageId) ?? null;
  return { unit, list: await unitGroupOrders(db, unit.id), villageOptions, village, listings: village ? await villageListings(db, village.id) : [] };
}

/** The unit's group orders, newest first, with sign-up counts and totals at list price. */
export async function unitGroupOrders(db: Db, unitId: number) {
  return db
    .select({
      id: groupOrders.id,
      token: groupOrders.token,
      title: groupOrders.title,
      status: groupOrders.status,
      closesAt: groupOrders.closesAt,
      deliverOn: groupOrders.deliverOn,
      paymentMode: groupOrders.paymentMode,
      village: villages.name,
      villageEn: villages.nameEn,
      contract: contracts.number,
      people: sql<number>`(select count(distinct s.user_id)::int from ${groupOrderSignups} s join ${groupOrderItems} i on i.id = s.item_id where i.group_order_id = ${groupOrders.id})`,
    })
    .from(groupOrders)
    .innerJoin(villages, eq(villages.id, groupOrders.villageId))
    .leftJoin(contracts, eq(contracts.id, groupOrders.contractId))
    .where(eq(groupOrders.unitId, unitId))
    .orderBy(sql`${groupOrders.status} = 'open' desc`, desc(groupOrders.id))
    .limit(100);
}

/** For the open form: one village's active listings with their tier prices. */
export async function villageListings(db: Db, villageId: number) {
  const rows = await db
    .select({
      id: productVariants.id,
      product: products.name,
      productEn: products.nameEn,
      variant: productVariants.name,
      variantEn: productVariants.nameEn,
      priceFen: productVariants.priceFen,
      saleUnit: productVariants.saleUnit,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(products.villageId, villageId), onShelf()))
    .orderBy(asc(products.id), asc(productVariants.sortOrder), asc(productVariants.id));
  const tiers = await tiersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, tiers: tiers.filter((t) => t.variantId === r.id).map((t) => ({ minQuantity: t.minQuantity, priceFen: t.priceFen })) }));
}

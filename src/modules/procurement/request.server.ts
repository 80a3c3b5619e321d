// Quote requests (询价): created by a unit's buyer or admin for one village,
// withdrawn by them while still open. Every change of state goes through
// moveRequest: UPDATE … WHERE status IN (expected), zero rows → a conflict.
import { randomInt } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { products, productVariants, villages } from '../../../db/schema/catalog.ts';
import { quoteEvents, quoteRequestLines, quoteRequests } from '../../../db/schema/procurement.ts';
import { units } from '../../../db/schema/units.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { refuse } from '../../lib/errors.ts';
import { env } from '../../lib/env.ts';
import { requireUnitSide, type RequestParty, type RequestRow, type UnitBuyer } from './access.server.ts';
import { notifyVillage } from './notify.server.ts';
import { documentNumber, OPEN_REQUEST_STATUSES, type QuoteRequestInput, type RequestStatus } from './procurement.ts';
import { scheduleDates } from './schedule.ts';
import { onShelf } from '../catalog/shelf.server.ts';

export async function moveRequest(
  tx: DbOrTx,
  requestId: number,
  from: readonly RequestStatus[],
  to: RequestStatus,
  event: { kind: string; userId: number; note?: string },
  set: Partial<typeof quoteRequests.$inferInsert> = {},
): Promise<RequestRow> {
  const [row] = await tx
    .update(quoteRequests)
    .set({ ...set, status: to, updatedAt: new Date() })
    .where(and(eq(quoteRequests.id, requestId), inArray(quoteRequests.status, [...from])))
    .returning();
  if (!row) throw refuse.conflict('request_state_changed');
  await tx.insert(quoteEvents).values({ requestId, toStatus: to, kind: event.kind, actorUserId: event.userId, note: event.note ?? '' });
  return row;
}

/**
 * Who: the unit's buyers and admins (the edge checked requireUnitBuyer for input.unitId),
 * never a platform admin; for a verified unit. The request reaches the village's managers.
 */
export async function createQuoteRequest(db: Db, by: UnitBuyer, input: QuoteRequestInput, now = new Date()) {
  if (by.role === 'platform_admin') throw refuse.forbidden();
  const [unit] = await db.select({ status: units.status }).from(units).where(eq(units.id, by.unitId));
  if (unit?.status !== 'verified') throw refuse.conflict('unit_not_verified');
  const [village] = await db.select({ id: villages.id, name: villages.name }).from(villages).where(eq(villages.id, input.villageId));
  if (!village) throw refuse.invalid('invalid', 'villageId');
  const today = shanghaiDate(now);
  if (input.firstDeliveryOn < today) throw refuse.invalid('date_past', 'firstDeliveryOn');
  const dates = scheduleDates(input.firstDeliveryOn, input.recurrence, input.periods);
  if (dates.at(-1)! > `${Number(today.slice(0, 4)) + 11}-12-31`) throw refuse.invalid('day_invalid', 'firstDeliveryOn');
  // Listed lines must be active products of this village; their names and units come from the catalogue.
  const variantIds = input.lines.flatMap((l) => (l.variantId ? [l.variantId] : []));
  const listed = variantIds.length
    ? await db
        .select({ id: productVariants.id, saleUnit: productVariants.saleUnit, name: sql<string>`${products.name} || ' ' || ${productVariants.name}` })
        .from(productVariants)
        .innerJoin(products, eq(products.id, productVariants.productId))
        .where(and(inArray(productVariants.id, variantIds), eq(products.villageId, village.id), onShelf()))
    : [];
  const byId = new Map(listed.map((v) => [v.id, v]));
  if (variantIds.some((v) => !byId.has(v)) || new Set(variantIds).size !== variantIds.length) throw refuse.invalid('product_unavailable', 'quantity');

  const request = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(quoteRequests)
      .values({
        number: documentNumber('XJ', today, randomInt(100_000_000)),
        unitId: by.unitId,
        villageId: village.id,
        requestedBy: by.userId,
        recipient: input.recipient,
        mobile: input.mobile,
        province: input.province,
        city: input.city,
        district: input.district,
        detail: input.detail,
        firstDeliveryOn: input.firstDeliveryOn,
        recurrence: input.recurrence,
        periods: input.periods,
        note: input.note,
      })
      .returning();
    await tx.insert(quoteRequestLines).values(
      input.lines.map((l) => {
        const v = l.variantId ? byId.get(l.variantId)! : null;
        return { requestId: row.id, variantId: l.variantId, description: v ? v.name : l.description, saleUnit: v ? v.saleUnit : l.saleUnit, quantity: l.quantity };
      }),
    );
    await tx.insert(quoteEvents).values({ requestId: row.id, toStatus: row.status, kind: 'requested', actorUserId: by.userId, note: input.note });
    return row;
  });
  await notifyVillage(
    db,
    request.villageId,
    `新的询价：${request.number}`,
    `贵村收到一份新的询价（${request.number}），请登录帮扶集市报价：\n${env.SITE_URL}/procurement/requests/${request.number}`,
  );
  return { number: request.number };
}

/** Who: the unit's buyers and admins; from any open state. */
export async function withdrawRequest(db: Db, { party, request }: RequestParty) {
  requireUnitSide(party, ['buyer', 'admin']);
  await moveRequest(db, request.id, OPEN_REQUEST_STATUSES, 'withdrawn', { kind: 'withdrawn', userId: party.userId });
  return { number: request.number };
}

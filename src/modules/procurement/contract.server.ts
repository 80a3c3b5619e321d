// The contract (购销合同 / 采购订单) made from an accepted quote, with its
// delivery schedule; stock is held per delivery, a few days ahead of its date,
// never for the whole contract. Cancelling — who: the unit's buyers and admins or
// the village's managers; from: active — cancels every delivery not yet shipped
// and gives its stock back. Deliveries already on the way can still be accepted.
import { randomInt } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { products, productVariants, villages } from '../../../db/schema/catalog.ts';
import { contractLines, contracts, deliveries, deliveryLines, quoteLines, quoteRequestLines, type quotes } from '../../../db/schema/procurement.ts';
import { units } from '../../../db/schema/units.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { refuse } from '../../lib/errors.ts';
import * as stock from '../stock/stock.server.ts';
import { requireEitherSide, type ContractParty, type RequestRow } from './access.server.ts';
import { documentNumber, RESERVE_DAYS_AHEAD } from './procurement.ts';
import { addDays, scheduleDates } from './schedule.ts';

type Quote = typeof quotes.$inferSelect;

export async function createContract(tx: Tx, request: RequestRow, quote: Quote, userId: number, now: Date) {
  const [unit] = await tx.select().from(units).where(eq(units.id, request.unitId));
  const [village] = await tx.select({ name: villages.name }).from(villages).where(eq(villages.id, request.villageId));
  const [contract] = await tx
    .insert(contracts)
    .values({
      number: documentNumber('HT', shanghaiDate(now), randomInt(100_000_000)),
      requestId: request.id,
      quoteId: quote.id,
      unitId: request.unitId,
      villageId: request.villageId,
      paymentTerms: quote.paymentTerms,
      netDays: quote.netDays,
      unitName: unit.name,
      creditCode: unit.creditCode,
      invoiceTitle: unit.invoiceTitle,
      taxNumber: unit.taxNumber,
      villageName: village.name,
      recipient: request.recipient,
      mobile: request.mobile,
      address: `${request.province}${request.city}${request.district}${request.detail}`,
      createdBy: userId,
    })
    .returning();
  const priced = await tx
    .select({
      line: quoteRequestLines,
      price: quoteLines.unitPriceFen,
      quantity: quoteLines.quantity,
      productId: products.id,
      producerId: products.producerId,
      netGrams: productVariants.netGrams,
    })
    .from(quoteLines)
    .innerJoin(quoteRequestLines, eq(quoteRequestLines.id, quoteLines.requestLineId))
    .leftJoin(productVariants, eq(productVariants.id, quoteRequestLines.variantId))
    .leftJoin(products, eq(products.id, productVariants.productId))
    .where(eq(quoteLines.quoteId, quote.id))
    .orderBy(quoteRequestLines.id);
  const lines = await tx
    .insert(contractLines)
    .values(
      priced.map((p) => ({
        contractId: contract.id,
        variantId: p.line.variantId,
        productId: p.productId,
        producerId: p.producerId,
        description: p.line.description,
        saleUnit: p.line.saleUnit,
        netGrams: p.netGrams,
        unitPriceFen: p.price,
      })),
    )
    .returning({ id: contractLines.id });
  const dates = scheduleDates(request.firstDeliveryOn, request.recurrence, request.periods);
  const made = await tx
    .insert(deliveries)
    .values(dates.map((scheduledOn, i) => ({ contractId: contract.id, seq: i + 1, scheduledOn, freightFen: quote.freightFen })))
    .returning({ id: deliveries.id, scheduledOn: deliveries.scheduledOn });
  await tx.insert(deliveryLines).values(made.flatMap((d) => lines.map((l, i) => ({ deliveryId: d.id, contractLineId: l.id, quantity: priced[i].quantity }))));
  const horizon = addDays(shanghaiDate(now), RESERVE_DAYS_AHEAD);
  for (const d of made) if (d.scheduledOn <= horizon) await reserveDelivery(tx, d.id, now);
  return contract;
}

/** The delivery's listed lines as stock lines, in variant order (rows are locked in one order, whoever moves them). */
async function stockLines(tx: Tx, deliveryId: number): Promise<stock.StockLine[]> {
  const rows = await tx
    .select({ variantId: contractLines.variantId, quantity: deliveryLines.quantity })
    .from(deliveryLines)
    .innerJoin(contractLines, eq(contractLines.id, deliveryLines.contractLineId))
    .where(and(eq(deliveryLines.deliveryId, deliveryId), sql`${contractLines.variantId} IS NOT NULL`))
    .orderBy(contractLines.variantId);
  return rows.map((r) => ({ variantId: r.variantId!, quantity: r.quantity }));
}

/** Holds stock for one delivery: all its listed lines or none. False when a line is short (the village restocks; the sweep tries again). */
export async function reserveDelivery(tx: Tx, deliveryId: number, now: Date): Promise<boolean> {
  const [mark] = await tx
    .update(deliveries)
    .set({ reservedAt: now })
    .where(and(eq(deliveries.id, deliveryId), sql`${deliveries.reservedAt} IS NULL`, eq(deliveries.status, 'pending_village_shipment')))
    .returning({ id: deliveries.id });
  if (!mark) return false;
  if (await stock.reserveAll(tx, await stockLines(tx, deliveryId))) return true;
  await tx.update(deliveries).set({ reservedAt: null }).where(eq(deliveries.id, deliveryId));
  return false;
}

/** Gives a reserved delivery's stock back (cancelled, or about to be re-reserved after an edit). */
export async function releaseDelivery(tx: Tx, deliveryId: number) {
  const [was] = await tx
    .update(deliveries)
    .set({ reservedAt: null })
    .where(and(eq(deliveries.id, deliveryId), sql`${deliveries.reservedAt} IS NOT NULL`, eq(deliveries.status, 'pending_village_shipment')))
    .returning({ id: deliveries.id });
  if (!was) return;
  await stock.release(tx, await stockLines(tx, deliveryId));
}

/** At shipping: the delivery's goods leave, so reserved becomes sold (reserving first if it was not yet). */
export async function commitDelivery(tx: Tx, deliveryId: number, now: Date) {
  const [d] = await tx.select({ reservedAt: deliveries.reservedAt }).from(deliveries).where(eq(deliveries.id, deliveryId));
  if (!d.reservedAt && !(await reserveDelivery(tx, deliveryId, now))) throw refuse.conflict('out_of_stock');
  await stock.commit(tx, await stockLines(tx, deliveryId));
}

/** The sweep: deliveries due within RESERVE_DAYS_AHEAD get their stock held; one transaction each. */
export async function reserveUpcoming(db: Db, now = new Date()): Promise<number> {
  const horizon = addDays(shanghaiDate(now), RESERVE_DAYS_AHEAD);
  const due = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .innerJoin(contracts, eq(contracts.id, deliveries.contractId))
    .where(
      and(
        eq(deliveries.status, 'pending_village_shipment'),
        sql`${deliveries.reservedAt} IS NULL`,
        sql`${deliveries.scheduledOn} <= ${horizon}`,
        eq(contracts.status, 'active'),
      ),
    )
    .limit(200);
  let reserved = 0;
  for (const d of due) if (await db.transaction((tx) => reserveDelivery(tx, d.id, now))) reserved++;
  return reserved;
}

export async function cancelContract(db: Db, { contract, party }: ContractParty, reason: string) {
  requireEitherSide(party, ['buyer', 'admin']);
  const contractId = contract.id;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(contracts)
      .set({ status: 'cancelled', cancelReason: reason })
      .where(and(eq(contracts.id, contractId), eq(contracts.status, 'active')))
      .returning({ id: contracts.id });
    if (!row) throw refuse.conflict('contract_state_changed');
    const pending = await tx
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.contractId, contractId), eq(deliveries.status, 'pending_village_shipment')));
    for (const d of pending) await releaseDelivery(tx, d.id);
    if (pending.length)
      await tx
        .update(deliveries)
        .set({ status: 'cancelled', cancelReason: reason, updatedAt: new Date() })
        .where(
          inArray(
            deliveries.id,
            pending.map((d) => d.id),
          ),
        );
  });
  return { number: contract.number };
}

/** A contract completes when no delivery is left to ship or accept. */
export async function completeIfDone(tx: Tx, contractId: number) {
  await tx
    .update(contracts)
    .set({ status: 'completed' })
    .where(
      and(
        eq(contracts.id, contractId),
        eq(contracts.status, 'active'),
        sql`not exists (select 1 from ${deliveries} where ${deliveries.contractId} = ${contractId} and ${deliveries.status} in ('pending_village_shipment', 'pending_unit_acceptance'))`,
      ),
    );
}

// A contract's deliveries before they arrive.
// ship — who: the village's managers; from: pending_village_shipment → pending_unit_acceptance;
//   the stock held for it (or, if none was held yet, stock now) becomes sold.
// reschedule / edit — who: either party (the unit's buyers and admins, the village's
//   managers); from: pending_village_shipment, on an active contract; one delivery,
//   or it and every later one; quantities may change, and the held stock follows.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { contractLines, deliveries, deliveryLines, quoteRequests } from '../../../db/schema/procurement.ts';
import { presaleBlocks } from '../catalog/presale.server.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { refuse } from '../../lib/errors.ts';
import { requireEitherSide, requireVillageSide, type DeliveryParty } from './access.server.ts';
import { commitDelivery, releaseDelivery, reserveDelivery } from './contract.server.ts';
import { RESERVE_DAYS_AHEAD } from './procurement.ts';
import { addDays, rescheduleDates, rescheduleError } from './schedule.ts';

export async function shipDelivery(db: Db, { delivery, contract, party }: DeliveryParty, input: { shippedOn: string; carrier: string; note: string }, now = new Date()) {
  requireVillageSide(party);
  const today = shanghaiDate(now);
  if (input.shippedOn > today || input.shippedOn < addDays(today, -30)) throw refuse.invalid('day_invalid', 'shippedOn');
  if (contract.status === 'cancelled') throw refuse.conflict('contract_state_changed');
  await db.transaction(async (tx) => {
    const lines = await tx
      .select({ variantId: contractLines.variantId })
      .from(deliveryLines)
      .innerJoin(contractLines, eq(contractLines.id, deliveryLines.contractLineId))
      .where(eq(deliveryLines.deliveryId, delivery.id));
    if (
      await presaleBlocks(
        tx,
        lines.map((l) => l.variantId).filter((v): v is number => v !== null),
        input.shippedOn,
      )
    )
      throw refuse.invalid('presale_not_ready', 'shippedOn');
    await commitDelivery(tx, delivery.id, now);
    const [row] = await tx
      .update(deliveries)
      .set({ status: 'pending_unit_acceptance', shippedOn: input.shippedOn, carrier: input.carrier, shipNote: input.note || null, updatedAt: now })
      .where(and(eq(deliveries.id, delivery.id), eq(deliveries.status, 'pending_village_shipment')))
      .returning({ id: deliveries.id });
    if (!row) throw refuse.conflict('delivery_state_changed');
  });
  return { number: contract.number };
}

export async function rescheduleDelivery(
  db: Db,
  { delivery, contract, party }: DeliveryParty,
  input: { scheduledOn: string; following: boolean; quantities: Map<number, number> },
  now = new Date(),
) {
  requireEitherSide(party, ['buyer', 'admin']);
  if (contract.status !== 'active') throw refuse.conflict('contract_state_changed');
  const all = await db.select().from(deliveries).where(eq(deliveries.contractId, contract.id)).orderBy(asc(deliveries.seq));
  const live = all.filter((d) => d.status !== 'cancelled');
  const index = live.findIndex((d) => d.id === delivery.id);
  const error = rescheduleError({
    newDate: input.scheduledOn,
    today: shanghaiDate(now),
    shipped: delivery.status !== 'pending_village_shipment',
    previous: live[index - 1]?.scheduledOn ?? null,
    next: live[index + 1]?.scheduledOn ?? null,
    following: input.following,
  });
  if (error) throw error === 'delivery_shipped' ? refuse.conflict(error, 'scheduledOn') : refuse.invalid(error === 'date_invalid' ? 'day_invalid' : error, 'scheduledOn');
  const lines = await db.select().from(deliveryLines).where(eq(deliveryLines.deliveryId, delivery.id));
  if ([...input.quantities.keys()].some((id) => !lines.some((l) => l.id === id))) throw refuse.invalid('invalid', 'quantity');
  const recurrence = contract.requestId ? await recurrenceOf(db, contract.requestId) : 'once';
  const dates = rescheduleDates(
    live.map((d) => d.scheduledOn),
    index,
    input.scheduledOn,
    recurrence,
    input.following,
  );
  const horizon = addDays(shanghaiDate(now), RESERVE_DAYS_AHEAD);
  await db.transaction(async (tx) => {
    const moving = live.slice(index).filter((d, i) => d.status === 'pending_village_shipment' && dates[index + i] !== d.scheduledOn);
    const edited = [...input.quantities].filter(([id, q]) => lines.find((l) => l.id === id)!.quantity !== q);
    for (const d of new Set([...moving.map((d) => d.id), ...(edited.length ? [delivery.id] : [])])) await releaseDelivery(tx, d);
    for (const [i, d] of live.entries()) {
      if (i < index || dates[i] === d.scheduledOn) continue;
      const [row] = await tx
        .update(deliveries)
        .set({ scheduledOn: dates[i], updatedAt: now })
        .where(and(eq(deliveries.id, d.id), eq(deliveries.status, 'pending_village_shipment')))
        .returning({ id: deliveries.id });
      if (!row) throw refuse.conflict('delivery_state_changed');
    }
    for (const [id, quantity] of edited) await tx.update(deliveryLines).set({ quantity }).where(eq(deliveryLines.id, id));
    const soon = await tx
      .select({ id: deliveries.id, on: deliveries.scheduledOn })
      .from(deliveries)
      .where(and(eq(deliveries.contractId, contract.id), eq(deliveries.status, 'pending_village_shipment'), gt(deliveries.seq, delivery.seq - 1)));
    for (const d of soon) if (d.on <= horizon) await reserveDelivery(tx, d.id, now);
  });
  return { number: contract.number };
}

async function recurrenceOf(db: Db, requestId: number) {
  const [r] = await db.select({ recurrence: quoteRequests.recurrence }).from(quoteRequests).where(eq(quoteRequests.id, requestId));
  return r?.recurrence ?? 'once';
}

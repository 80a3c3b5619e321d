// 验收. Who: the unit's buyers, approvers and admins (a platform admin does not
// accept goods for a unit). From: pending_unit_acceptance → accepted, once: the
// UPDATE's WHERE makes a second click a conflict. The unit records what arrived
// per line; a shortfall needs a note and is settled on this delivery — it is
// billed at what was received, plus freight. The ledger entries (单位采购, or
// 职工购买 for a group order's per-person lines) are written in the same transaction.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { contractLines, deliveries, deliveryLines, ledgerEntries } from '../../../db/schema/index.ts';
import { refuse } from '../../lib/errors.ts';
import { env } from '../../lib/env.ts';
import { requireUnitSide, type DeliveryParty } from './access.server.ts';
import { completeIfDone } from './contract.server.ts';
import { notifyVillage } from './notify.server.ts';

export async function acceptDelivery(db: Db, { delivery, contract, party }: DeliveryParty, input: { received: Map<number, number>; note: string }, now = new Date()) {
  requireUnitSide(party, ['buyer', 'approver', 'admin']);
  const lines = await db
    .select({ line: deliveryLines, c: contractLines })
    .from(deliveryLines)
    .innerJoin(contractLines, eq(contractLines.id, deliveryLines.contractLineId))
    .where(eq(deliveryLines.deliveryId, delivery.id))
    .orderBy(deliveryLines.id);
  if (lines.some(({ line }) => !input.received.has(line.id)) || input.received.size !== lines.length) throw refuse.invalid('qty_invalid', 'received');
  if (lines.some(({ line }) => input.received.get(line.id)! > line.quantity)) throw refuse.invalid('received_too_many', 'received');
  const short = lines.some(({ line }) => input.received.get(line.id)! < line.quantity);
  if (short && !input.note) throw refuse.invalid('shortfall_note_required', 'note');
  const goods = lines.reduce((sum, { line, c }) => sum + BigInt(input.received.get(line.id)!) * BigInt(c.unitPriceFen), 0n);
  const billedFen = goods + delivery.freightFen;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(deliveries)
      .set({ status: 'accepted', acceptedAt: now, acceptedBy: party.userId, acceptanceNote: input.note || null, billedFen, updatedAt: now })
      .where(and(eq(deliveries.id, delivery.id), eq(deliveries.status, 'pending_unit_acceptance')))
      .returning({ id: deliveries.id });
    if (!row) throw refuse.conflict(delivery.status === 'accepted' ? 'delivery_already_accepted' : 'delivery_state_changed');
    for (const { line, c } of lines) {
      const received = input.received.get(line.id)!;
      await tx.update(deliveryLines).set({ receivedQuantity: received }).where(eq(deliveryLines.id, line.id));
      if (received === 0) continue;
      await tx.insert(ledgerEntries).values({
        occurredAt: now,
        villageId: contract.villageId,
        producerId: c.producerId,
        productId: c.productId,
        variantId: c.variantId,
        unitId: contract.unitId,
        channel: line.staffUserId ? 'staff_purchase' : 'unit_purchase',
        amountFen: BigInt(received) * BigInt(c.unitPriceFen),
        quantity: received,
        grams: BigInt(c.netGrams ?? 0) * BigInt(received),
        sourceKind: 'delivery',
        sourceId: line.id,
        note: `${contract.number} 第${delivery.seq}批 ${c.description}`,
        createdBy: party.userId,
      });
    }
    await completeIfDone(tx, contract.id);
  });
  await notifyVillage(db, contract.villageId, `已验收：${contract.number} 第${delivery.seq}批`, `${contract.unitName} 已验收${short ? `（短缺：${input.note}）` : ''}，请开具发票。\n${env.SITE_URL}/procurement/contracts/${contract.number}`);
  return { number: contract.number, billedFen };
}

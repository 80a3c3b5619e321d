// 验收. Who: the unit's buyers, approvers and admins (a platform admin does not
// accept goods for a unit); the edge has checked the person's part in the
// contract (requireDeliveryParty). From: pending_unit_acceptance → accepted,
// once: the UPDATE's WHERE makes a second click a conflict. The unit records what
// arrived per line; a shortfall needs a note and is settled on this delivery — it
// is billed at what was received, plus freight. The workflow (workflows/accept-delivery.ts)
// records it and appends its ledger entries (ledger-entries.ts) in one transaction,
// then mails the village.
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { contractLines, deliveries, deliveryLines } from '../../../db/schema/procurement.ts';
import { refuse } from '../../lib/errors.ts';
import { env } from '../../lib/env.ts';
import { requireUnitSide, type DeliveryParty } from './access.server.ts';
import { completeIfDone } from './contract.server.ts';
import { notifyVillage } from './notify.server.ts';

export interface AcceptanceInput {
  /** Delivery line id → quantity received (0 to what was sent), for every line. */
  received: Map<number, number>;
  note: string;
}

/** What was accepted: enough to bill it, count it in the ledger and tell the village. */
export interface Accepted {
  deliveryId: number;
  seq: number;
  contract: { id: number; number: string; unitId: number; unitName: string; villageId: number };
  acceptedAt: Date;
  acceptedBy: number;
  billedFen: bigint;
  /** The shortfall's note, when less arrived than was sent. */
  shortNote: string | null;
  lines: {
    id: number;
    received: number;
    /** Set on a group order's lines: the person the goods are for. */
    staffUserId: number | null;
    producerId: number | null;
    productId: number | null;
    variantId: number | null;
    description: string;
    unitPriceFen: number;
    netGrams: number | null;
  }[];
}

/** Records the acceptance in the caller's transaction; refuses (and writes nothing) for the wrong side, bad quantities or a delivery no longer waiting. */
export async function recordAcceptance(tx: Tx, { delivery, contract, party }: DeliveryParty, input: AcceptanceInput, now: Date): Promise<Accepted> {
  requireUnitSide(party, ['buyer', 'approver', 'admin']);
  const rows = await tx
    .select({ line: deliveryLines, c: contractLines })
    .from(deliveryLines)
    .innerJoin(contractLines, eq(contractLines.id, deliveryLines.contractLineId))
    .where(eq(deliveryLines.deliveryId, delivery.id))
    .orderBy(deliveryLines.id);
  if (rows.some(({ line }) => !input.received.has(line.id)) || input.received.size !== rows.length) throw refuse.invalid('qty_invalid', 'received');
  if (rows.some(({ line }) => input.received.get(line.id)! > line.quantity)) throw refuse.invalid('received_too_many', 'received');
  const short = rows.some(({ line }) => input.received.get(line.id)! < line.quantity);
  if (short && !input.note) throw refuse.invalid('shortfall_note_required', 'note');
  const goods = rows.reduce((sum, { line, c }) => sum + BigInt(input.received.get(line.id)!) * BigInt(c.unitPriceFen), 0n);
  const billedFen = goods + delivery.freightFen;
  const [row] = await tx
    .update(deliveries)
    .set({ status: 'accepted', acceptedAt: now, acceptedBy: party.userId, acceptanceNote: input.note || null, billedFen, updatedAt: now })
    .where(and(eq(deliveries.id, delivery.id), eq(deliveries.status, 'pending_unit_acceptance')))
    .returning({ id: deliveries.id });
  if (!row) throw refuse.conflict(delivery.status === 'accepted' ? 'delivery_already_accepted' : 'delivery_state_changed');
  for (const { line } of rows)
    await tx
      .update(deliveryLines)
      .set({ receivedQuantity: input.received.get(line.id)! })
      .where(eq(deliveryLines.id, line.id));
  await completeIfDone(tx, contract.id);
  return {
    deliveryId: delivery.id,
    seq: delivery.seq,
    contract: { id: contract.id, number: contract.number, unitId: contract.unitId, unitName: contract.unitName, villageId: contract.villageId },
    acceptedAt: now,
    acceptedBy: party.userId,
    billedFen,
    shortNote: short ? input.note : null,
    lines: rows.map(({ line, c }) => ({
      id: line.id,
      received: input.received.get(line.id)!,
      staffUserId: line.staffUserId,
      producerId: c.producerId,
      productId: c.productId,
      variantId: c.variantId,
      description: c.description,
      unitPriceFen: c.unitPriceFen,
      netGrams: c.netGrams,
    })),
  };
}

/** After the commit: the village's managers are asked for the invoice. */
export async function notifyAccepted(db: Db, accepted: Accepted) {
  const { contract, seq, shortNote } = accepted;
  await notifyVillage(
    db,
    contract.villageId,
    `已验收：${contract.number} 第${seq}批`,
    `${contract.unitName} 已验收${shortNote !== null ? `（短缺：${shortNote}）` : ''}，请开具发票。\n${env.SITE_URL}/procurement/contracts/${contract.number}`,
  );
}

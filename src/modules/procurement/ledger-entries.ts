// What an accepted delivery puts in the assistance ledger (appended by the ledger
// module, in the acceptance's transaction): one entry per line that received
// anything, at the contract price — 单位采购 for the unit, or 职工购买 for a group
// order's per-person line (still counted for the unit). Nothing is counted for
// goods that did not arrive.
import type { NewLedgerEntry } from '../ledger/ledger.server.ts';
import type { Accepted } from './accept-delivery.server.ts';

export function deliveryEntries(accepted: Accepted): NewLedgerEntry[] {
  const { contract } = accepted;
  return accepted.lines
    .filter((l) => l.received > 0)
    .map(
      (l): NewLedgerEntry => ({
        occurredAt: accepted.acceptedAt,
        villageId: contract.villageId,
        producerId: l.producerId,
        productId: l.productId,
        variantId: l.variantId,
        unitId: contract.unitId,
        channel: l.staffUserId ? 'staff_purchase' : 'unit_purchase',
        amountFen: BigInt(l.received) * BigInt(l.unitPriceFen),
        quantity: l.received,
        grams: BigInt(l.netGrams ?? 0) * BigInt(l.received),
        sourceKind: 'delivery',
        sourceId: l.id,
        note: `${contract.number} 第${accepted.seq}批 ${l.description}`,
        createdBy: accepted.acceptedBy,
      }),
    );
}

// What an order puts in the assistance ledger (appended by the ledger module, in
// the caller's transaction): one entry per line when it is paid — 个人消费, or
// 职工购买 for the unit the buyer belonged to at checkout — and negative entries
// when money goes back.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { checkouts, orderLines, orders } from '../../../db/schema/orders.ts';
import { allocate } from '../../lib/money.ts';
import type { NewLedgerEntry } from '../ledger/ledger.server.ts';

type Line = typeof orderLines.$inferSelect;

/** What every entry of an order line says: where the sale happened, what, for whom, through which channel. */
const about = (line: Line, villageId: number, unitId: number | null, at: Date) => ({
  occurredAt: at,
  villageId,
  producerId: line.producerId,
  productId: line.productId,
  variantId: line.variantId,
  unitId,
  channel: unitId === null ? ('personal' as const) : ('staff_purchase' as const),
});

export async function saleEntries(tx: Tx, orderId: number, at: Date): Promise<NewLedgerEntry[]> {
  const lines = await tx
    .select({ line: orderLines, villageId: orders.villageId, unitId: checkouts.unitId })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
    .where(eq(orderLines.orderId, orderId))
    .orderBy(orderLines.id);
  return lines.map(({ line, villageId, unitId }) => ({
    ...about(line, villageId, unitId, at),
    amountFen: line.totalFen,
    quantity: line.quantity,
    grams: BigInt(line.netGrams ?? 0) * BigInt(line.quantity),
    sourceKind: 'order_line',
    sourceId: line.id,
  }));
}

/**
 * Negative entries for the goods part of a refund, spread over the order's lines in
 * proportion to what each still counts in the ledger. A line refunded in full
 * also gives back its quantity and weight; a partial refund only money.
 */
export async function refundEntries(tx: Tx, orderId: number, refundId: number, goodsAmount: bigint, at: Date): Promise<NewLedgerEntry[]> {
  if (goodsAmount <= 0n) return [];
  const lines = await tx
    .select({
      line: orderLines,
      villageId: orders.villageId,
      unitId: checkouts.unitId,
      counted: sql<string>`(select coalesce(sum(e.amount_fen), 0) from ledger_entries e
        where e.variant_id = ${orderLines.variantId}
          and ((e.source_kind = 'order_line' and e.source_id = ${orderLines.id})
            or (e.source_kind = 'refund' and e.source_id in (select r.id from refunds r where r.order_id = ${orderLines.orderId}))))`,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
    .where(and(eq(orderLines.orderId, orderId)))
    .orderBy(orderLines.id);
  const remaining = lines.map((l) => BigInt(l.counted));
  const shares = allocate(goodsAmount, remaining);
  return lines
    .map(({ line, villageId, unitId }, i): NewLedgerEntry => {
      const whole = shares[i] === remaining[i] && remaining[i] === line.totalFen;
      return {
        ...about(line, villageId, unitId, at),
        amountFen: -shares[i],
        quantity: whole ? -line.quantity : 0,
        grams: whole ? -BigInt(line.netGrams ?? 0) * BigInt(line.quantity) : 0n,
        sourceKind: 'refund',
        sourceId: refundId,
      };
    })
    .filter((v) => v.amountFen !== 0n);
}

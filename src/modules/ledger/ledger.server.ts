// The assistance ledger's only writer. Entries are appended inside the
// transaction that makes a sale firm (an order paid, a delivery accepted, a
// 帮助销售 record) or takes it back (a refund, a reversal), so the ledger and
// what it counts can never disagree. Nothing is ever updated or deleted (a
// trigger refuses it); the monthly sums follow by trigger in the same statement.
import type { Tx } from '../../../db/client.ts';
import { ledgerEntries } from '../../../db/schema/ledger.ts';

export type LedgerChannel = (typeof ledgerEntries.channel.enumValues)[number];
export type LedgerSource = (typeof ledgerEntries.sourceKind.enumValues)[number];

export interface NewLedgerEntry {
  occurredAt: Date;
  villageId: number;
  producerId?: number | null;
  productId?: number | null;
  variantId?: number | null;
  /** The helping unit it counts for: 单位采购 and 职工购买 always, 帮助销售 when a unit brokered it. */
  unitId: number | null;
  channel: LedgerChannel;
  /** 分; negative for a refund or reversal. */
  amountFen: bigint;
  quantity: number;
  grams: bigint;
  /** What the entry counts: order_lines.id, refunds.id, delivery_lines.id or offline_sales.id. */
  sourceKind: LedgerSource;
  sourceId: number;
  selfReported?: boolean;
  note?: string;
  createdBy?: number | null;
}

/** Appends entries in the caller's transaction. An empty list writes nothing. */
export async function append(tx: Tx, entries: readonly NewLedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(ledgerEntries).values([...entries]);
}

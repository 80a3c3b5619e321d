// The assistance ledger (消费帮扶台账): one append-only entry for every sale that
// became firm, and a negative one for every refund or correction. Every report
// figure is a sum over these rows. A trigger (migration 0004) refuses UPDATE and
// DELETE, so a mistake is corrected by a reversing entry, never by an edit.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { producers, products, productVariants, villages } from './catalog.ts';
import { units } from './units.ts';

// Never double counted: each sale has exactly one channel.
export const ledgerChannel = pgEnum('ledger_channel', [
  'personal', // 个人消费
  'unit_purchase', // 单位采购
  'staff_purchase', // 职工购买 (counted for the buyer's unit)
  'brokered', // 帮助销售 (self-reported)
]);

export const ledgerSource = pgEnum('ledger_source', ['order_line', 'refund', 'delivery', 'offline']);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    producerId: integer('producer_id').references(() => producers.id),
    productId: integer('product_id').references(() => products.id),
    variantId: integer('variant_id').references(() => productVariants.id),
    unitId: integer('unit_id').references(() => units.id),
    channel: ledgerChannel('channel').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    quantity: integer('quantity').notNull(),
    grams: bigint('grams', { mode: 'bigint' }).notNull(),
    sourceKind: ledgerSource('source_kind').notNull(),
    // order_lines.id for a sale, refunds.id for a refund, and so on.
    sourceId: integer('source_id').notNull(),
    selfReported: boolean('self_reported').notNull().default(false),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    index('ledger_village_time_idx').on(t.villageId, t.occurredAt),
    index('ledger_unit_time_idx').on(t.unitId, t.occurredAt).where(sql`${t.unitId} IS NOT NULL`),
    index('ledger_source_idx').on(t.sourceKind, t.sourceId),
    check('ledger_unit_channels', sql`(${t.channel} IN ('unit_purchase', 'staff_purchase')) = (${t.unitId} IS NOT NULL) OR ${t.channel} = 'brokered'`),
  ],
);

// The assistance ledger (消费帮扶台账): one append-only entry for every sale that
// became firm, and a negative one for every refund or correction. Every report
// figure is a sum over these rows. A trigger (migration 0004) refuses UPDATE and
// DELETE, so a mistake is corrected by a reversing entry, never by an edit.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
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
    // Migration 0007 rebuilds this one with INCLUDE (…) so village reports are index-only scans.
    index('ledger_village_time_idx').on(t.villageId, t.occurredAt),
    index('ledger_unit_time_idx').on(t.unitId, t.occurredAt).where(sql`${t.unitId} IS NOT NULL`),
    index('ledger_source_idx').on(t.sourceKind, t.sourceId),
    check('ledger_unit_channels', sql`(${t.channel} IN ('unit_purchase', 'staff_purchase')) = (${t.unitId} IS NOT NULL) OR ${t.channel} = 'brokered'`),
  ],
);

// Monthly sums kept in the same transaction as the entries (a statement-level
// trigger, migration 0005), so whole-platform rankings and year reports read
// thousands of rows instead of millions. Months are Asia/Shanghai months. The
// entries stay the truth: `npm run ledger:check` proves the sums match them.
export const ledgerMonthlyVillage = pgTable(
  'ledger_monthly_village',
  {
    month: date('month', { mode: 'string' }).notNull(),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    channel: ledgerChannel('channel').notNull(),
    // 0 when the entry names no product (a brokered sale of several things).
    categoryId: integer('category_id').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    quantity: bigint('quantity', { mode: 'bigint' }).notNull(),
    grams: bigint('grams', { mode: 'bigint' }).notNull(),
    entries: integer('entries').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.villageId, t.channel, t.categoryId] })],
);

export const ledgerMonthlyUnit = pgTable(
  'ledger_monthly_unit',
  {
    month: date('month', { mode: 'string' }).notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    channel: ledgerChannel('channel').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    quantity: bigint('quantity', { mode: 'bigint' }).notNull(),
    grams: bigint('grams', { mode: 'bigint' }).notNull(),
    entries: integer('entries').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.unitId, t.villageId, t.channel] })],
);

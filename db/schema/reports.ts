// A helping unit's annual targets, e.g. the 预留份额 (财库〔2021〕19号: at least
// 10% of canteen food spending reserved for products from lifted-out areas) or a
// union-gift share. Progress is the ledger's sum over the chosen channels.
import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { products, villages } from './catalog.ts';
import { ledgerChannel } from './ledger.ts';
import { units } from './units.ts';

export const targetKind = pgEnum('target_kind', ['reserved_share', 'union_gift', 'other']);

export const unitTargets = pgTable(
  'unit_targets',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    kind: targetKind('kind').notNull(),
    name: text('name').notNull(),
    targetFen: bigint('target_fen', { mode: 'bigint' }).notNull(),
    // How the figure was set, e.g. 食堂食材采购预算 50 万元 × 10%.
    basis: text('basis').notNull().default(''),
    channels: ledgerChannel('channels').array().notNull().default(sql`'{unit_purchase,staff_purchase}'::ledger_channel[]`),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('unit_targets_unit_year_name_uq').on(t.unitId, t.year, t.name), check('unit_targets_positive', sql`${t.targetFen} > 0`)],
);

// 帮助销售: a sale a village manager (or a unit) brokered off the platform, e.g.
// 5000斤 of peaches to a supermarket. Self-reported, with evidence; a mistake is
// corrected by a reversing record (reverses_id, with a reason), never an edit.
export const offlineSales = pgTable(
  'offline_sales',
  {
    id: serial('id').primaryKey(),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    // Set when a helping unit recorded it: the sale then counts for that unit too.
    unitId: integer('unit_id').references(() => units.id),
    buyerName: text('buyer_name').notNull(),
    productId: integer('product_id').references(() => products.id),
    productName: text('product_name').notNull(),
    quantity: integer('quantity').notNull(),
    saleUnit: text('sale_unit').notNull(),
    grams: bigint('grams', { mode: 'bigint' }).notNull().default(sql`0`),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    soldOn: date('sold_on', { mode: 'string' }).notNull(),
    evidencePaths: text('evidence_paths').array().notNull().default(sql`'{}'::text[]`),
    reversesId: integer('reverses_id'),
    reason: text('reason').notNull().default(''),
    recordedBy: integer('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('offline_sales_village_idx').on(t.villageId, t.soldOn),
    uniqueIndex('offline_sales_reversed_once').on(t.reversesId),
    foreignKey({ name: 'offline_sales_reverses_fk', columns: [t.reversesId], foreignColumns: [t.id] }),
    check(
      'offline_sales_sign',
      sql`(${t.reversesId} IS NULL AND ${t.amountFen} > 0 AND ${t.quantity} > 0) OR (${t.reversesId} IS NOT NULL AND ${t.amountFen} < 0 AND ${t.reason} <> '')`,
    ),
  ],
);

// Per-unit API tokens for /api/v1/reports (a unit's own systems pull its
// figures). Only SHA-256 of the token is stored; it is shown once, at creation.
export const unitApiTokens = pgTable(
  'unit_api_tokens',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('unit_api_tokens_unit_idx').on(t.unitId)],
);

// 公示: a village manager publishes a period's figures on the village's public
// page. Opt-in per period; households are counted, never named.
export const publicNotices = pgTable(
  'public_notices',
  {
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    periodKey: text('period_key').notNull(),
    publishedBy: integer('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.periodKey] })],
);

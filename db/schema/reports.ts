// A helping unit's annual targets, e.g. the 预留份额 (财库〔2021〕19号: at least
// 10% of canteen food spending reserved for products from lifted-out areas) or a
// union-gift share. Progress is the ledger's sum over the chosen channels.
import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgEnum, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
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

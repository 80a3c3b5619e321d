// Stock (stock): the counts live on product_variants (stock / reserved / sold),
// moved only by src/modules/stock; this is the audit of manual adjustments.
import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { productVariants } from './catalog.ts';

// Manager stock changes (a new batch in, spoiled fruit out), kept for audit.
export const stockAdjustments = pgTable(
  'stock_adjustments',
  {
    id: serial('id').primaryKey(),
    variantId: integer('variant_id')
      .notNull()
      .references(() => productVariants.id),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stock_adjustments_variant_idx').on(t.variantId, t.at)],
);

// Money movements with the payment providers (payments): refunds, and the
// provider events already handled.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgEnum, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { afterSaleClaims, checkouts, orders } from './orders.ts';

export const refundStatus = pgEnum('refund_status', ['pending', 'succeeded', 'failed', 'offline']);

// Money back to the buyer. Stripe refunds carry an idempotency key; offline ones
// (bank transfer, cash) are paid back by the village and recorded here.
export const refunds = pgTable(
  'refunds',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    claimId: integer('claim_id').references(() => afterSaleClaims.id),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    reason: text('reason').notNull(),
    status: refundStatus('status').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    stripeRefundId: text('stripe_refund_id'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('refunds_order_idx').on(t.orderId), check('refunds_amount_positive', sql`${t.amountFen} > 0`)],
);

// Stripe events already handled: a replayed event id hits the unique key and is skipped.
export const paymentEvents = pgTable('payment_events', {
  eventId: text('event_id').primaryKey(),
  type: text('type').notNull(),
  checkoutId: integer('checkout_id').references(() => checkouts.id),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

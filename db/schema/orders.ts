// Consumer orders. What the buyer places at checkout is a `checkout` (one
// address, one payment choice, one number they quote when they ask about it);
// it holds one `order` per village, because each village packs and ships its own
// parcel, and each order moves through its own states. Money is integer 分.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgEnum, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { producers, products, productVariants, saleUnit, villages } from './catalog.ts';
import { units } from './units.ts';

export const paymentMethod = pgEnum('payment_method', ['stripe', 'bank_transfer', 'cash_on_delivery']);

// Values say who acts next: pending_payment (the buyer pays, or the village
// confirms an offline payment), paid (the village ships), shipped (the courier
// delivers), delivered (the buyer may claim within 48 h), then completed.
export const orderStatus = pgEnum('order_status', [
  'pending_payment',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refund_requested',
  'refunded',
  'partially_refunded',
]);

export const checkouts = pgTable(
  'checkouts',
  {
    id: serial('id').primaryKey(),
    // BF + yymmdd + 8 random digits: quoted on the phone, so no letters to misread.
    number: text('number').notNull().unique(),
    // From a hidden field of the checkout form: a second submit finds this row.
    idempotencyKey: text('idempotency_key').notNull().unique(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    email: text('email'),
    recipient: text('recipient').notNull(),
    mobile: text('mobile').notNull(),
    province: text('province').notNull(),
    city: text('city').notNull(),
    district: text('district').notNull(),
    detail: text('detail').notNull(),
    note: text('note').notNull().default(''),
    paymentMethod: paymentMethod('payment_method').notNull(),
    // The buyer's unit when they are unit staff: their paid lines count as 职工购买 for it.
    unitId: integer('unit_id').references(() => units.id),
    goodsFen: bigint('goods_fen', { mode: 'bigint' }).notNull(),
    shippingFen: bigint('shipping_fen', { mode: 'bigint' }).notNull(),
    totalFen: bigint('total_fen', { mode: 'bigint' }).notNull(),
    stripeSessionId: text('stripe_session_id').unique(),
    // Set when Stripe reports the payment; refunds are made against it.
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    locale: text('locale').notNull().default('zh'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('checkouts_user_idx').on(t.userId, t.createdAt)],
);

export const orders = pgTable(
  'orders',
  {
    id: serial('id').primaryKey(),
    checkoutId: integer('checkout_id')
      .notNull()
      .references(() => checkouts.id),
    // The checkout number and the parcel's place in it: BF26112300001234-1.
    number: text('number').notNull().unique(),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    status: orderStatus('status').notNull().default('pending_payment'),
    goodsFen: bigint('goods_fen', { mode: 'bigint' }).notNull(),
    shippingFen: bigint('shipping_fen', { mode: 'bigint' }).notNull(),
    totalFen: bigint('total_fen', { mode: 'bigint' }).notNull(),
    refundedFen: bigint('refunded_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    // Unpaid orders give their reserved stock back at this time (cash on delivery: never).
    reservedUntil: timestamp('reserved_until', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    // Reserved stock became sold: at payment, or at shipping for cash on delivery.
    stockCommittedAt: timestamp('stock_committed_at', { withTimezone: true }),
    payerReference: text('payer_reference'),
    courier: text('courier'),
    trackingNo: text('tracking_no'),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('orders_checkout_idx').on(t.checkoutId),
    index('orders_village_status_idx').on(t.villageId, t.status, t.id),
    index('orders_reserved_until_idx').on(t.reservedUntil).where(sql`${t.status} = 'pending_payment'`),
    check('orders_refund_within_total', sql`${t.refundedFen} >= 0 AND ${t.refundedFen} <= ${t.totalFen}`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    variantId: integer('variant_id')
      .notNull()
      .references(() => productVariants.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    producerId: integer('producer_id')
      .notNull()
      .references(() => producers.id),
    // What the buyer saw when they paid, kept even if the product is renamed later.
    productName: text('product_name').notNull(),
    productNameEn: text('product_name_en').notNull(),
    variantName: text('variant_name').notNull(),
    variantNameEn: text('variant_name_en').notNull(),
    sku: text('sku').notNull(),
    saleUnit: saleUnit('sale_unit').notNull(),
    netGrams: integer('net_grams'),
    quantity: integer('quantity').notNull(),
    unitPriceFen: integer('unit_price_fen').notNull(),
    totalFen: bigint('total_fen', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    index('order_lines_order_idx').on(t.orderId),
    check('order_lines_quantity_positive', sql`${t.quantity} > 0`),
    check('order_lines_total', sql`${t.totalFen} = ${t.quantity}::bigint * ${t.unitPriceFen}`),
  ],
);

export const orderActor = pgEnum('order_actor', ['buyer', 'village', 'admin', 'system', 'stripe']);

// The timeline: every state change, when and by whom. Written in the same
// transaction as the change it records.
export const orderEvents = pgTable(
  'order_events',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    fromStatus: orderStatus('from_status'),
    toStatus: orderStatus('to_status').notNull(),
    actor: orderActor('actor').notNull(),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.id)],
);

export const claimStatus = pgEnum('claim_status', ['pending_village_review', 'approved', 'rejected']);

// After-sale claims (售后): within 48 h of delivery, with photos and an amount.
export const afterSaleClaims = pgTable(
  'after_sale_claims',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    status: claimStatus('status').notNull().default('pending_village_review'),
    // The order's state before the claim, restored when the claim is rejected.
    previousStatus: orderStatus('previous_status').notNull(),
    reason: text('reason').notNull(),
    requestedFen: bigint('requested_fen', { mode: 'bigint' }).notNull(),
    approvedFen: bigint('approved_fen', { mode: 'bigint' }),
    photoPaths: text('photo_paths').array().notNull().default(sql`'{}'::text[]`),
    decisionNote: text('decision_note'),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('after_sale_claims_order_idx').on(t.orderId), check('after_sale_claims_requested_positive', sql`${t.requestedFen} > 0`)],
);

// A guest's proof that they placed (or looked up, by number + mobile) a checkout:
// a random token in a cookie, stored here as its SHA-256 only.
export const orderAccess = pgTable(
  'order_access',
  {
    tokenHash: text('token_hash').primaryKey(),
    checkoutId: integer('checkout_id')
      .notNull()
      .references(() => checkouts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('order_access_checkout_idx').on(t.checkoutId)],
);

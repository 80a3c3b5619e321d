// Bulk procurement by helping units: a quote request (询价) to one village, the
// village's quotes (报价, every revision kept), the unit's approval, the contract
// (购销合同) with its delivery schedule, each delivery's acceptance (验收),
// invoices and bank transfers. Staff group orders (团购接龙) end as a contract
// with one delivery. Status values say who acts next. Money is integer 分.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgEnum, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { producers, products, productVariants, saleUnit, villages } from './catalog.ts';
import { units } from './units.ts';

export const recurrence = pgEnum('procurement_recurrence', ['once', 'weekly', 'monthly']);

export const quoteRequestStatus = pgEnum('quote_request_status', [
  'pending_village_quote', // the village answers (first quote, or a revision the buyer asked for)
  'pending_unit_decision', // the buyer accepts, declines or asks for changes
  'pending_unit_approval', // an approver of the unit (not the requester) decides
  'contracted', // approved: the contract exists
  'declined', // the buyer declined the quote
  'rejected', // the approver rejected it
  'withdrawn', // the buyer withdrew the request
]);

export const paymentTerms = pgEnum('procurement_payment_terms', ['prepay', 'net']);

export const quoteRequests = pgTable(
  'quote_requests',
  {
    id: serial('id').primaryKey(),
    // XJ + yymmdd + 8 random digits.
    number: text('number').notNull().unique(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    status: quoteRequestStatus('status').notNull().default('pending_village_quote'),
    // Needs that are not (yet) listed products, in the buyer's words.
    needs: text('needs').notNull().default(''),
    recipient: text('recipient').notNull(),
    mobile: text('mobile').notNull(),
    province: text('province').notNull(),
    city: text('city').notNull(),
    district: text('district').notNull(),
    detail: text('detail').notNull(),
    firstDeliveryOn: date('first_delivery_on', { mode: 'string' }).notNull(),
    recurrence: recurrence('recurrence').notNull().default('once'),
    periods: integer('periods').notNull().default(1),
    note: text('note').notNull().default(''),
    // The quote the buyer accepted, and whether it went to an approver.
    acceptedQuoteId: integer('accepted_quote_id'),
    needsApproval: boolean('needs_approval').notNull().default(false),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('quote_requests_unit_idx').on(t.unitId, t.id),
    index('quote_requests_village_idx').on(t.villageId, t.status, t.id),
    check('quote_requests_periods', sql`${t.periods} BETWEEN 1 AND 120 AND (${t.recurrence} = 'once') = (${t.periods} = 1)`),
  ],
);

// What is asked for, per delivery: a listed variant, or a free-text line.
export const quoteRequestLines = pgTable(
  'quote_request_lines',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => quoteRequests.id, { onDelete: 'cascade' }),
    variantId: integer('variant_id').references(() => productVariants.id),
    description: text('description').notNull(),
    saleUnit: saleUnit('sale_unit').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [index('quote_request_lines_request_idx').on(t.requestId), check('quote_request_lines_qty', sql`${t.quantity} > 0`)],
);

// A village's answer. A revision is a new row; earlier ones stay as they were.
export const quotes = pgTable(
  'quotes',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => quoteRequests.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    // Per delivery; the contract's value is (goods + freight) × deliveries.
    freightFen: bigint('freight_fen', { mode: 'bigint' }).notNull(),
    goodsFen: bigint('goods_fen', { mode: 'bigint' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    paymentTerms: paymentTerms('payment_terms').notNull(),
    // With `net`: pay within this many days of acceptance.
    netDays: integer('net_days').notNull().default(0),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('quotes_request_revision_uq').on(t.requestId, t.revision),
    check('quotes_money', sql`${t.freightFen} >= 0 AND ${t.goodsFen} > 0 AND ${t.netDays} BETWEEN 0 AND 365`),
  ],
);

export const quoteLines = pgTable(
  'quote_lines',
  {
    id: serial('id').primaryKey(),
    quoteId: integer('quote_id')
      .notNull()
      .references(() => quotes.id, { onDelete: 'cascade' }),
    requestLineId: integer('request_line_id')
      .notNull()
      .references(() => quoteRequestLines.id, { onDelete: 'cascade' }),
    unitPriceFen: integer('unit_price_fen').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [unique('quote_lines_quote_line_uq').on(t.quoteId, t.requestLineId), check('quote_lines_positive', sql`${t.unitPriceFen} > 0 AND ${t.quantity} > 0`)],
);

// The request's timeline: who did what, with the note they gave.
export const quoteEvents = pgTable(
  'quote_events',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => quoteRequests.id, { onDelete: 'cascade' }),
    toStatus: quoteRequestStatus('to_status').notNull(),
    kind: text('kind').notNull(),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('quote_events_request_idx').on(t.requestId, t.id)],
);

export const contractStatus = pgEnum('contract_status', ['active', 'completed', 'cancelled']);
export const contractKind = pgEnum('contract_kind', ['quote', 'group_order']);

export const contracts = pgTable(
  'contracts',
  {
    id: serial('id').primaryKey(),
    // HT + yymmdd + 8 random digits.
    number: text('number').notNull().unique(),
    kind: contractKind('kind').notNull().default('quote'),
    requestId: integer('request_id')
      .unique()
      .references(() => quoteRequests.id),
    quoteId: integer('quote_id').references(() => quotes.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    status: contractStatus('status').notNull().default('active'),
    paymentTerms: paymentTerms('payment_terms').notNull(),
    netDays: integer('net_days').notNull().default(0),
    // The parties as they were when signed: the unit's invoice details flow onto every invoice request.
    unitName: text('unit_name').notNull(),
    creditCode: text('credit_code').notNull(),
    invoiceTitle: text('invoice_title').notNull(),
    taxNumber: text('tax_number').notNull(),
    villageName: text('village_name').notNull(),
    recipient: text('recipient').notNull(),
    mobile: text('mobile').notNull(),
    address: text('address').notNull(),
    cancelReason: text('cancel_reason'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contracts_unit_idx').on(t.unitId, t.id), index('contracts_village_idx').on(t.villageId, t.id)],
);

export const contractLines = pgTable(
  'contract_lines',
  {
    id: serial('id').primaryKey(),
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id),
    variantId: integer('variant_id').references(() => productVariants.id),
    productId: integer('product_id').references(() => products.id),
    producerId: integer('producer_id').references(() => producers.id),
    description: text('description').notNull(),
    saleUnit: saleUnit('sale_unit').notNull(),
    netGrams: integer('net_grams'),
    unitPriceFen: integer('unit_price_fen').notNull(),
  },
  (t) => [index('contract_lines_contract_idx').on(t.contractId), check('contract_lines_price', sql`${t.unitPriceFen} > 0`)],
);

export const deliveryStatus = pgEnum('delivery_status', [
  'pending_village_shipment', // scheduled: the village ships (stock reserved ahead of the date)
  'pending_unit_acceptance', // shipped: the unit accepts (验收)
  'accepted', // in the ledger; billed at what was received
  'cancelled',
]);

export const deliveries = pgTable(
  'deliveries',
  {
    id: serial('id').primaryKey(),
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id),
    seq: integer('seq').notNull(),
    scheduledOn: date('scheduled_on', { mode: 'string' }).notNull(),
    status: deliveryStatus('status').notNull().default('pending_village_shipment'),
    freightFen: bigint('freight_fen', { mode: 'bigint' }).notNull(),
    // Stock for this delivery only is held from `reservedAt` until it ships or is cancelled.
    reservedAt: timestamp('reserved_at', { withTimezone: true }),
    shippedOn: date('shipped_on', { mode: 'string' }),
    carrier: text('carrier'),
    shipNote: text('ship_note'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: integer('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    acceptanceNote: text('acceptance_note'),
    // What the unit owes for this delivery: received goods + freight.
    billedFen: bigint('billed_fen', { mode: 'bigint' }),
    cancelReason: text('cancel_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('deliveries_contract_seq_uq').on(t.contractId, t.seq),
    index('deliveries_status_date_idx').on(t.status, t.scheduledOn),
    check('deliveries_freight', sql`${t.freightFen} >= 0`),
  ],
);

export const deliveryLines = pgTable(
  'delivery_lines',
  {
    id: serial('id').primaryKey(),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => deliveries.id),
    contractLineId: integer('contract_line_id')
      .notNull()
      .references(() => contractLines.id),
    quantity: integer('quantity').notNull(),
    // Set at acceptance: what arrived in order; the rest is the shortfall.
    receivedQuantity: integer('received_quantity'),
    // For a group order: whose share this line is (counted as 职工购买 for the unit).
    staffUserId: integer('staff_user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('delivery_lines_delivery_idx').on(t.deliveryId),
    check('delivery_lines_qty', sql`${t.quantity} > 0 AND (${t.receivedQuantity} IS NULL OR ${t.receivedQuantity} BETWEEN 0 AND ${t.quantity})`),
  ],
);

// The village's invoice for one delivery (发票), with its PDF.
export const procurementInvoices = pgTable(
  'procurement_invoices',
  {
    id: serial('id').primaryKey(),
    deliveryId: integer('delivery_id')
      .notNull()
      .unique()
      .references(() => deliveries.id),
    number: text('number').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    filePath: text('file_path'),
    recordedBy: integer('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('procurement_invoices_amount', sql`${t.amountFen} > 0`)],
);

// A bank transfer (对公转账) from the unit, recorded by either side, against the contract.
export const procurementPayments = pgTable(
  'procurement_payments',
  {
    id: serial('id').primaryKey(),
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    reference: text('reference').notNull(),
    voucherPath: text('voucher_path'),
    recordedBy: integer('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('procurement_payments_contract_idx').on(t.contractId), check('procurement_payments_amount', sql`${t.amountFen} > 0`)],
);

export const groupOrderStatus = pgEnum('group_order_status', ['open', 'closed', 'cancelled']);
export const groupOrderPayment = pgEnum('group_order_payment', ['unit', 'each']);

// 团购接龙: a unit buyer lists products, staff sign up through a link until it
// closes; then it becomes one contract with one delivery and a split list.
export const groupOrders = pgTable(
  'group_orders',
  {
    id: serial('id').primaryKey(),
    // The sign-up link: /group/<token>. Random, not a count.
    token: text('token').notNull().unique(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    title: text('title').notNull(),
    note: text('note').notNull().default(''),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    deliverOn: date('deliver_on', { mode: 'string' }).notNull(),
    paymentMode: groupOrderPayment('payment_mode').notNull().default('unit'),
    status: groupOrderStatus('status').notNull().default('open'),
    contractId: integer('contract_id').references(() => contracts.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('group_orders_unit_idx').on(t.unitId, t.id), index('group_orders_open_idx').on(t.closesAt).where(sql`${t.status} = 'open'`)],
);

export const groupOrderItems = pgTable(
  'group_order_items',
  {
    id: serial('id').primaryKey(),
    groupOrderId: integer('group_order_id')
      .notNull()
      .references(() => groupOrders.id, { onDelete: 'cascade' }),
    variantId: integer('variant_id')
      .notNull()
      .references(() => productVariants.id),
    unitPriceFen: integer('unit_price_fen').notNull(),
  },
  (t) => [unique('group_order_items_uq').on(t.groupOrderId, t.variantId), check('group_order_items_price', sql`${t.unitPriceFen} > 0`)],
);

export const groupOrderSignups = pgTable(
  'group_order_signups',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => groupOrderItems.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    quantity: integer('quantity').notNull(),
    // With payment mode `each`: set when this person's online payment arrived.
    paidAt: timestamp('paid_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('group_order_signups_uq').on(t.itemId, t.userId), check('group_order_signups_qty', sql`${t.quantity} BETWEEN 1 AND 10000`)],
);

// A person's share of a pay-each group order, paid online: one row per Stripe
// Checkout Session we created for them. The webhook and the return page find the
// share by the session id stored here — never by the session's metadata — and
// pay exactly `amount_fen`, the share when the session was made (the prices and
// quantities are fixed once the group order has closed).
export const groupSharePayments = pgTable(
  'group_share_payments',
  {
    id: serial('id').primaryKey(),
    groupOrderId: integer('group_order_id')
      .notNull()
      .references(() => groupOrders.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    stripeSessionId: text('stripe_session_id').notNull().unique(),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    // Set once, when Stripe confirmed this session paid.
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('group_share_payments_person_idx').on(t.groupOrderId, t.userId), check('group_share_payments_amount', sql`${t.amountFen} > 0`)],
);

// Bulk procurement, the parts that need no database: the inputs (one zod schema
// each, shared by the action and the form), document numbers, and the sums.
// Money is integer 分; every sum a bigint. Dates are Shanghai calendar days.
import { z } from 'zod';
import { id, list, qty, text } from './fields.ts';
import { contractStatus, deliveryStatus, quoteRequestStatus } from '../../../db/schema/procurement.ts';
import { AddressSchema } from '../account/addresses.ts';
import { parseYuan } from '../../lib/money.ts';
import { SALE_UNITS } from '../catalog/catalog.ts';
import { cleanText } from '../../lib/text.ts';
import { isCalendarDate } from './schedule.ts';

export const REQUEST_STATUSES = quoteRequestStatus.enumValues;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const DELIVERY_STATUSES = deliveryStatus.enumValues;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const CONTRACT_STATUSES = contractStatus.enumValues;

/** Requests still waiting for someone. */
export const OPEN_REQUEST_STATUSES = ['pending_village_quote', 'pending_unit_decision', 'pending_unit_approval'] as const satisfies readonly RequestStatus[];
/** At most this many lines per request, and deliveries per contract (weekly for two years, monthly for ten). */
export const MAX_LINES = 20;
export const MAX_PERIODS = 120;
/** Stock for a scheduled delivery is reserved this many days before its date (and at once when nearer). */
export const RESERVE_DAYS_AHEAD = 7;

const required = (max: number, missing = 'required') => text(max).pipe(z.string().min(1, { error: missing }));
const date = (key = 'day_invalid') => z.string({ error: key }).refine((v) => isCalendarDate(v), { error: key });
/** 元 as typed ("1.5", "1,500.00") → 分; null when it is not an amount. */
export const yuanToFen = (v: string | null | undefined) => parseYuan((v ?? '').replace(/[,，\s]/g, ''));
const money = (key: string, allowZero = false) =>
  z.string({ error: key }).transform((v, ctx) => {
    const fen = yuanToFen(v);
    if (fen === null || (allowZero ? fen < 0n : fen <= 0n)) {
      ctx.addIssue({ code: 'custom', message: key });
      return z.NEVER;
    }
    return fen;
  });

/** 询价: listed variants with a quantity per delivery, free-text lines, where and when. */
export const QuoteRequestSchema = AddressSchema.extend({
  unitId: id,
  villageId: id,
  variantId: list,
  quantity: list,
  customDescription: list,
  customUnit: list,
  customQuantity: list,
  firstDeliveryOn: date(),
  recurrence: z.enum(['once', 'weekly', 'monthly'], { error: 'invalid' }),
  periods: z.coerce
    .number({ error: 'periods_invalid' })
    .int({ error: 'periods_invalid' })
    .min(1, { error: 'periods_invalid' })
    .max(MAX_PERIODS, { error: 'periods_invalid' })
    .optional()
    .default(1),
  note: text(500),
}).transform((v, ctx) => {
  const lines: { variantId: number | null; description: string; saleUnit: (typeof SALE_UNITS)[number]; quantity: number }[] = [];
  v.variantId.forEach((raw, i) => {
    const q = (v.quantity[i] ?? '').trim();
    if (!q || q === '0') return;
    const n = qty(q);
    if (!/^\d{1,9}$/.test(raw) || !(n >= 1 && n <= 1_000_000)) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'qty_invalid' });
    else lines.push({ variantId: Number(raw), description: '', saleUnit: 'piece', quantity: n });
  });
  v.customDescription.forEach((raw, i) => {
    const description = cleanText(raw).replace(/\s+/g, ' ').trim();
    if (!description) return;
    const n = qty(v.customQuantity[i] ?? '');
    const unit = (SALE_UNITS as readonly string[]).includes(v.customUnit[i] ?? '') ? (v.customUnit[i] as (typeof SALE_UNITS)[number]) : null;
    if (!(n >= 1 && n <= 1_000_000) || !unit) ctx.addIssue({ code: 'custom', path: ['customQuantity'], message: 'qty_invalid' });
    else lines.push({ variantId: null, description: description.slice(0, 60), saleUnit: unit, quantity: n });
  });
  if (lines.length === 0) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'request_lines_required' });
  if (lines.length > MAX_LINES) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'too_many_lines' });
  if ((v.recurrence === 'once') !== (v.periods === 1)) ctx.addIssue({ code: 'custom', path: ['periods'], message: 'periods_invalid' });
  const { variantId: _v, quantity: _q, customDescription: _d, customUnit: _u, customQuantity: _c, ...rest } = v;
  return { ...rest, lines };
});
export type QuoteRequestInput = z.infer<typeof QuoteRequestSchema>;

/** 报价: a price per line (tier price filled in by default), freight per delivery, validity and terms. */
export const QuoteSchema = z
  .object({
    requestId: id,
    lineId: list,
    price: list,
    freight: money('freight_invalid', true),
    validUntil: date(),
    paymentTerms: z.enum(['prepay', 'net'], { error: 'invalid' }),
    netDays: z.coerce
      .number({ error: 'net_days_invalid' })
      .int({ error: 'net_days_invalid' })
      .min(0, { error: 'net_days_invalid' })
      .max(365, { error: 'net_days_invalid' })
      .optional()
      .default(30),
    note: text(500),
  })
  .transform((v, ctx) => {
    const prices = new Map<number, number>();
    v.lineId.forEach((raw, i) => {
      const fen = yuanToFen(v.price[i]);
      if (!/^\d{1,9}$/.test(raw) || fen === null || fen <= 0n || fen > 2_000_000_000n) ctx.addIssue({ code: 'custom', path: ['price'], message: 'price_invalid' });
      else prices.set(Number(raw), Number(fen));
    });
    if (prices.size === 0) ctx.addIssue({ code: 'custom', path: ['price'], message: 'price_invalid' });
    return {
      requestId: v.requestId,
      prices,
      freightFen: v.freight,
      validUntil: v.validUntil,
      paymentTerms: v.paymentTerms,
      netDays: v.paymentTerms === 'net' ? v.netDays : 0,
      note: v.note,
    };
  });
export type QuoteInput = z.infer<typeof QuoteSchema>;

export const DecideQuoteSchema = z
  .object({ requestId: id, decision: z.enum(['accept', 'decline', 'changes'], { error: 'invalid' }), note: text(500) })
  .superRefine((v, ctx) => {
    if (v.decision === 'changes' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'changes_note_required' });
  });
export const ApproveQuoteSchema = z.object({ requestId: id, decision: z.enum(['approve', 'reject'], { error: 'invalid' }), reason: text(500) }).superRefine((v, ctx) => {
  if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reject_reason_required' });
});
export const RequestIdSchema = z.object({ requestId: id });

export const ShipDeliverySchema = z.object({ deliveryId: id, shippedOn: date(), carrier: required(40, 'carrier_required'), note: text(200) });
export const AcceptDeliverySchema = z.object({ deliveryId: id, lineId: list, received: list, note: text(500) }).transform((v, ctx) => {
  const received = new Map<number, number>();
  v.lineId.forEach((raw, i) => {
    const n = qty(v.received[i] ?? '');
    if (!/^\d{1,9}$/.test(raw) || !(n >= 0)) ctx.addIssue({ code: 'custom', path: ['received'], message: 'qty_invalid' });
    else received.set(Number(raw), n);
  });
  if (received.size === 0) ctx.addIssue({ code: 'custom', path: ['received'], message: 'qty_invalid' });
  return { deliveryId: v.deliveryId, received, note: v.note };
});
export const RescheduleSchema = z
  .object({ deliveryId: id, scheduledOn: date(), following: z.enum(['yes', 'no']).optional().default('no'), lineId: list, quantity: list })
  .transform((v, ctx) => {
    const quantities = new Map<number, number>();
    v.lineId.forEach((raw, i) => {
      const n = qty(v.quantity[i] ?? '');
      if (!/^\d{1,9}$/.test(raw) || !(n >= 1 && n <= 1_000_000)) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'qty_invalid' });
      else quantities.set(Number(raw), n);
    });
    return { deliveryId: v.deliveryId, scheduledOn: v.scheduledOn, following: v.following === 'yes', quantities };
  });
export const CancelContractSchema = z.object({ contractId: id, reason: required(200, 'reason_required') });
export const InvoiceSchema = z.object({
  deliveryId: id,
  number: z
    .string({ error: 'invoice_number_invalid' })
    .transform((v) => v.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(/^[0-9A-Z]{8,20}$/, { error: 'invoice_number_invalid' })),
  issuedOn: date(),
  amount: money('amount_invalid'),
  file: z.instanceof(File, { error: 'file_invalid' }).optional(),
});
export const PaymentSchema = z.object({
  contractId: id,
  amount: money('amount_invalid'),
  paidOn: date(),
  reference: required(60, 'reference_required'),
  file: z.instanceof(File, { error: 'file_invalid' }).optional(),
});
export const ThresholdSchema = z.object({ unitId: id, threshold: money('amount_invalid', true) });

/** XJ / HT + yymmdd + 8 random digits: read over the phone, so digits only after the prefix. */
export function documentNumber(prefix: 'XJ' | 'HT', shanghaiDay: string, random: number): string {
  return `${prefix}${shanghaiDay.slice(2).replaceAll('-', '')}${String(random).padStart(8, '0')}`;
}

/** Goods of one delivery at the given quantities. */
export function goodsFen(lines: readonly { unitPriceFen: number; quantity: number }[]): bigint {
  return lines.reduce((sum, l) => sum + BigInt(l.unitPriceFen) * BigInt(l.quantity), 0n);
}

/** An accepted quote needs the approver when its contract value exceeds the threshold; a threshold of 0 means always. */
export function needsApproval(contractFen: bigint, thresholdFen: bigint): boolean {
  return thresholdFen === 0n || contractFen > thresholdFen;
}

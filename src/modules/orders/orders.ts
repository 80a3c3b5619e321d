// Consumer orders, the parts that need no database: the checkout input, shipping
// per village, the state machine, and refund arithmetic. Money is integer 分 and
// every sum a bigint.
import { z } from 'zod';
import type { Actor } from '../../lib/actor.ts';
import { parseYuan } from '../../lib/money.ts';
import { orderStatus, paymentMethod } from '../../../db/schema/orders.ts';
import { emailField, mobileField } from '../auth/auth.ts';
import { ADDRESS_LIMITS } from '../account/addresses.ts';
import { cleanText } from '../../lib/text.ts';

// The lists are the database enums' own values, so they cannot drift apart.
export const PAYMENT_METHODS = paymentMethod.enumValues;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const ORDER_STATUSES = orderStatus.enumValues;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** After-sale claims are accepted this long after delivery; then the order completes. */
export const CLAIM_WINDOW_MS = 48 * 60 * 60 * 1000;
export const NOTE_MAX = 200;

/** The 31 province-level divisions of the mainland, as addresses write them. */
export const PROVINCES = [
  '北京市',
  '天津市',
  '河北省',
  '山西省',
  '内蒙古自治区',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '上海市',
  '江苏省',
  '浙江省',
  '安徽省',
  '福建省',
  '江西省',
  '山东省',
  '河南省',
  '湖北省',
  '湖南省',
  '广东省',
  '广西壮族自治区',
  '海南省',
  '重庆市',
  '四川省',
  '贵州省',
  '云南省',
  '西藏自治区',
  '陕西省',
  '甘肃省',
  '青海省',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
] as const;

const optionalText = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) =>
      cleanText(v ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .pipe(z.string().max(max, { error: 'too_long' }));

/** The checkout form. A saved address (addressId) or a new one (the fields); the key makes a resubmit harmless. */
export const CheckoutSchema = z
  .object({
    // Checked below with the address, so one submit shows every problem at once.
    idempotencyKey: z.string().nullish(),
    addressId: z.string().nullish(),
    recipient: optionalText(ADDRESS_LIMITS.recipient),
    mobile: z.string().nullish(),
    province: optionalText(ADDRESS_LIMITS.region),
    city: optionalText(ADDRESS_LIMITS.region),
    district: optionalText(ADDRESS_LIMITS.region),
    detail: optionalText(ADDRESS_LIMITS.detail),
    email: z.string().nullish(),
    paymentMethod: z.string().nullish(),
    note: optionalText(NOTE_MAX),
  })
  .superRefine((v, ctx) => {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(v.idempotencyKey ?? '')) ctx.addIssue({ code: 'custom', path: ['idempotencyKey'], message: 'checkout_expired' });
    if (!(PAYMENT_METHODS as readonly string[]).includes(v.paymentMethod ?? '')) ctx.addIssue({ code: 'custom', path: ['paymentMethod'], message: 'payment_method_invalid' });
    if (v.addressId && v.addressId !== 'new') {
      if (!/^\d{1,9}$/.test(v.addressId)) ctx.addIssue({ code: 'custom', path: ['addressId'], message: 'invalid' });
      return;
    }
    for (const field of ['recipient', 'province', 'city', 'district', 'detail'] as const) {
      if (!v[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'required' });
    }
    if (!mobileField.safeParse(v.mobile ?? '').success) ctx.addIssue({ code: 'custom', path: ['mobile'], message: 'mobile_invalid' });
  })
  .superRefine((v, ctx) => {
    if (v.email && !emailField.safeParse(v.email).success) ctx.addIssue({ code: 'custom', path: ['email'], message: 'email_invalid' });
  })
  .transform((v) => ({
    ...v,
    idempotencyKey: v.idempotencyKey!,
    paymentMethod: v.paymentMethod as PaymentMethod,
    addressId: v.addressId && v.addressId !== 'new' ? Number(v.addressId) : null,
    mobile: v.mobile ? v.mobile.replace(/[\s-]/g, '') : '',
    email: v.email ? emailField.parse(v.email) : null,
  }));
export type CheckoutInput = z.infer<typeof CheckoutSchema>;

export const OrderLookupSchema = z.object({
  number: z
    .string({ error: 'lookup_failed' })
    .transform((v) => v.trim().toUpperCase())
    .pipe(z.string().regex(/^BF\d{14}$/, { error: 'lookup_failed' })),
  mobile: mobileField,
});

export interface ShippingRule {
  shippingFeeFen: number;
  freeShippingOverFen: number | null;
  noFreshProvinces: readonly string[];
}

/** A village's fee for one parcel: free from the threshold on, else flat. */
export function shippingFeeFen(rule: ShippingRule, goodsFen: bigint): bigint {
  if (rule.freeShippingOverFen !== null && goodsFen >= BigInt(rule.freeShippingOverFen)) return 0n;
  return BigInt(rule.shippingFeeFen);
}

/** Fresh produce is not sent to the provinces the village lists (short names, matched as a prefix). */
export function refusesFresh(rule: ShippingRule, province: string): boolean {
  return rule.noFreshProvinces.some((p) => p !== '' && province.startsWith(p));
}

/** BF + yymmdd (Asia/Shanghai) + 8 random digits: digits only, easy to read out on the phone. */
export function checkoutNumber(shanghaiDay: string, random: number): string {
  return `BF${shanghaiDay.slice(2).replaceAll('-', '')}${String(random % 100_000_000).padStart(8, '0')}`;
}

// Who may move an order from which state to which. Checked again in each
// transition's UPDATE (… WHERE status = expected), so a race loses cleanly.
/** The actors an order's timeline knows (order_events.actor). */
export type OrderActorKind = 'buyer' | 'village' | 'admin' | 'system' | 'stripe';
export type OrderActor = Actor<OrderActorKind>;
export const TRANSITIONS = {
  pay: { from: ['pending_payment'], to: 'paid', by: ['village', 'admin', 'stripe'] },
  // Cash on delivery ships before the money comes; everything else ships paid.
  ship: { from: ['paid', 'pending_payment'], to: 'shipped', by: ['village', 'admin'] },
  deliver: { from: ['shipped'], to: 'delivered', by: ['buyer', 'village', 'admin'] },
  complete: { from: ['delivered'], to: 'completed', by: ['system', 'buyer'] },
  cancel: { from: ['pending_payment', 'paid'], to: 'cancelled', by: ['buyer', 'village', 'admin'] },
  expire: { from: ['pending_payment'], to: 'cancelled', by: ['system', 'stripe'] },
  claim: { from: ['delivered'], to: 'refund_requested', by: ['buyer'] },
  refundAll: { from: ['refund_requested'], to: 'refunded', by: ['village', 'admin'] },
  refundPart: { from: ['refund_requested'], to: 'partially_refunded', by: ['village', 'admin'] },
  // A rejected claim puts the order back; the 48-hour window still runs.
  rejectClaim: { from: ['refund_requested'], to: 'delivered', by: ['village', 'admin'] },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus; by: readonly OrderActorKind[] }>;
export type Transition = keyof typeof TRANSITIONS;

export function canTransition(name: Transition, actor: OrderActorKind, from: OrderStatus): boolean {
  const t = TRANSITIONS[name];
  return (t.by as readonly OrderActorKind[]).includes(actor) && (t.from as readonly OrderStatus[]).includes(from);
}

/** Can the buyer still claim? Within 48 h of delivery, on a delivered order. */
export function claimOpen(status: OrderStatus, deliveredAt: Date | null, now: Date): boolean {
  return status === 'delivered' && deliveredAt !== null && now.getTime() - deliveredAt.getTime() <= CLAIM_WINDOW_MS;
}

/** After a refund of `amount`, the order is refunded (nothing left) or partially refunded. */
export function statusAfterRefund(totalFen: bigint, refundedBefore: bigint, amount: bigint): 'refunded' | 'partially_refunded' {
  return refundedBefore + amount >= totalFen ? 'refunded' : 'partially_refunded';
}

/**
 * How much of a refund reaches the ledger: only goods are sales of produce, and a
 * refund counts against the goods first (shipping is returned last).
 */
export function goodsPartOfRefund(goodsFen: bigint, refundedBefore: bigint, amount: bigint): bigint {
  const min = (a: bigint, b: bigint) => (a < b ? a : b);
  return min(refundedBefore + amount, goodsFen) - min(refundedBefore, goodsFen);
}

const orderId = z.coerce.number({ error: 'invalid' }).int({ error: 'invalid' }).positive({ error: 'invalid' }).max(2_147_483_647, { error: 'invalid' });
const requiredLine = (max: number, missing = 'required') =>
  z
    .string({ error: missing })
    .transform((v) => cleanText(v).replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, { error: missing }).max(max, { error: 'too_long' }));
/** A money field typed in 元 ("12.50") → 分 as a bigint. */
const yuanField = z.string({ error: 'amount_invalid' }).transform((v, ctx) => {
  const fen = parseYuan(v);
  if (fen === null || fen <= 0n) {
    ctx.addIssue({ code: 'custom', message: 'amount_invalid' });
    return z.NEVER;
  }
  return fen;
});

export const OrderIdSchema = z.object({ orderId });
export const CancelOrderSchema = z.object({ orderId, reason: optionalText(NOTE_MAX) });
export const PayerReferenceSchema = z.object({ orderId, reference: requiredLine(60) });
export const ConfirmPaymentSchema = z.object({ orderId, reference: optionalText(60) });
export const ShipOrderSchema = z.object({
  orderId,
  courier: requiredLine(30, 'courier_required'),
  trackingNo: z
    .string({ error: 'tracking_invalid' })
    .transform((v) => v.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9-]{6,30}$/, { error: 'tracking_invalid' })),
});
export const ClaimSchema = z.object({
  orderId,
  reason: requiredLine(500, 'claim_reason_required'),
  amount: yuanField,
  photos: z
    .array(z.instanceof(File, { error: 'photo_invalid' }), { error: 'photo_invalid' })
    .max(4, { error: 'photo_invalid' })
    .optional(),
});
export const DecideClaimSchema = z
  .object({ claimId: orderId, decision: z.enum(['approve', 'reject'], { error: 'invalid' }), amount: z.string().nullish(), note: optionalText(NOTE_MAX) })
  .superRefine((v, ctx) => {
    if (v.decision === 'approve') {
      const fen = parseYuan(v.amount ?? '');
      if (fen === null || fen <= 0n) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'amount_invalid' });
    } else if (!v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'reject_reason_required' });
  })
  .transform((v) => ({ ...v, amountFen: v.decision === 'approve' ? parseYuan(v.amount ?? '')! : 0n }));
export const StockAdjustSchema = z.object({
  variantId: orderId,
  delta: z.coerce
    .number({ error: 'stock_delta_invalid' })
    .int({ error: 'stock_delta_invalid' })
    .min(-100_000, { error: 'stock_delta_invalid' })
    .max(100_000, { error: 'stock_delta_invalid' })
    .refine((n) => n !== 0, { error: 'stock_delta_invalid' }),
  reason: requiredLine(100, 'stock_reason_required'),
});

// Stripe Checkout, the parts that need no I/O: what the buyer is charged for,
// line by line, and how long the payment page stays open. Money is integer 分,
// which is also Stripe's unit for CNY (the smallest unit: 1 元 = 100).

export const STRIPE_CURRENCY = 'cny';
export const STRIPE_METHODS = ['card', 'alipay', 'wechat_pay'] as const;

// Stripe refuses expires_at outside 30 minutes … 24 hours after creation.
const SESSION_MIN_MINUTES = 30;
const SESSION_MAX_MINUTES = 24 * 60;
// Stripe accepts at most 100 line items in payment mode.
const MAX_LINE_ITEMS = 100;

/** expires_at (Unix seconds): the reservation's length, clamped to what Stripe allows. */
export function sessionExpiresAt(now: Date, reservationMinutes: number): number {
  const minutes = Math.min(SESSION_MAX_MINUTES, Math.max(SESSION_MIN_MINUTES, reservationMinutes));
  return Math.floor(now.getTime() / 1000) + minutes * 60;
}

export interface PayOrder {
  number: string;
  village: string;
  goodsFen: bigint;
  shippingFen: bigint;
  lines: { name: string; unitPriceFen: number; quantity: number }[];
}

export interface PayLine {
  name: string;
  unitAmountFen: number;
  quantity: number;
}

const copy = {
  zh: { shipping: (v: string) => `运费（${v}）`, goods: (n: string, v: string) => `订单 ${n} 商品（${v}）` },
  en: { shipping: (v: string) => `Shipping (${v})`, goods: (n: string, v: string) => `Order ${n} goods (${v})` },
};

/**
 * What the payment page lists: every order line at the price the buyer saw, and
 * one shipping line per parcel that pays shipping. A cart too long for Stripe's
 * limit is shown as one goods line per parcel instead (same total).
 */
export function checkoutLines(orders: readonly PayOrder[], locale: 'zh' | 'en'): PayLine[] {
  const c = copy[locale];
  const shipping = orders.filter((o) => o.shippingFen > 0n).map((o) => ({ name: c.shipping(o.village), unitAmountFen: Number(o.shippingFen), quantity: 1 }));
  const itemCount = orders.reduce((n, o) => n + o.lines.length, 0);
  const goods =
    itemCount + shipping.length <= MAX_LINE_ITEMS
      ? orders.flatMap((o) => o.lines.map((l) => ({ name: l.name, unitAmountFen: l.unitPriceFen, quantity: l.quantity })))
      : orders.map((o) => ({ name: c.goods(o.number, o.village), unitAmountFen: Number(o.goodsFen), quantity: 1 }));
  return [...goods, ...shipping];
}

export function linesTotalFen(lines: readonly PayLine[]): bigint {
  return lines.reduce((sum, l) => sum + BigInt(l.unitAmountFen) * BigInt(l.quantity), 0n);
}

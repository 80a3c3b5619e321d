import { describe, expect, it } from 'vitest';
import { checkoutLines, linesTotalFen, sessionExpiresAt, type PayOrder } from './payments.ts';

const order = (n: number, lines: number, shippingFen: bigint): PayOrder => ({
  number: `BF26112300000001-${n}`,
  village: `样板${n}村`,
  goodsFen: BigInt(lines) * 250n,
  shippingFen,
  lines: Array.from({ length: lines }, (_, i) => ({ name: `商品${i}`, unitPriceFen: 125, quantity: 2 })),
});

describe('Stripe Checkout lines', () => {
  it('lists every line, then one shipping line per parcel that pays shipping', () => {
    const lines = checkoutLines([order(1, 2, 1200n), order(2, 1, 0n)], 'zh');
    expect(lines.map((l) => [l.name, l.unitAmountFen, l.quantity])).toEqual([
      ['商品0', 125, 2],
      ['商品1', 125, 2],
      ['商品0', 125, 2],
      ['运费（样板1村）', 1200, 1],
    ]);
    expect(linesTotalFen(lines)).toBe(3n * 250n + 1200n);
    expect(checkoutLines([order(1, 1, 800n)], 'en').at(-1)!.name).toBe('Shipping (样板1村)');
  });

  it('folds a cart longer than Stripe’s 100 lines into one goods line per parcel, same total', () => {
    const orders = [order(1, 60, 1200n), order(2, 50, 0n)];
    const lines = checkoutLines(orders, 'zh');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ name: '订单 BF26112300000001-1 商品（样板1村）', unitAmountFen: 15000, quantity: 1 });
    expect(linesTotalFen(lines)).toBe(110n * 250n + 1200n);
  });
});

describe('session expiry', () => {
  const now = new Date('2026-11-23T08:00:00Z');
  const minutes = (expiresAt: number) => (expiresAt - now.getTime() / 1000) / 60;
  it('follows the reservation, within Stripe’s 30 minutes … 24 hours', () => {
    expect(minutes(sessionExpiresAt(now, 45))).toBe(45);
    expect(minutes(sessionExpiresAt(now, 5))).toBe(30);
    expect(minutes(sessionExpiresAt(now, 3 * 24 * 60))).toBe(24 * 60);
  });
});

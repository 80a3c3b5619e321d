// Order arithmetic in integer 分: shipping, refunds spread over lines, typed
// amounts, and who may move an order where.
import { describe, expect, it } from 'vitest';
import { allocate, parseYuan } from '../../lib/money.ts';
import { canTransition, CheckoutSchema, checkoutNumber, claimOpen, DecideClaimSchema, goodsPartOfRefund, refusesFresh, shippingFeeFen, statusAfterRefund } from './orders.ts';

const rule = { shippingFeeFen: 1200, freeShippingOverFen: 9900, noFreshProvinces: ['新疆', '西藏'] };

describe('shipping', () => {
  it('is flat below the threshold and free from it on', () => {
    expect(shippingFeeFen(rule, 9899n)).toBe(1200n);
    expect(shippingFeeFen(rule, 9900n)).toBe(0n);
    expect(shippingFeeFen({ ...rule, freeShippingOverFen: null }, 10_000_000n)).toBe(1200n);
  });
  it('refuses fresh produce to the listed provinces, by prefix', () => {
    expect(refusesFresh(rule, '新疆维吾尔自治区')).toBe(true);
    expect(refusesFresh(rule, '西藏自治区')).toBe(true);
    expect(refusesFresh(rule, '浙江省')).toBe(false);
    expect(refusesFresh({ ...rule, noFreshProvinces: [''] }, '浙江省')).toBe(false);
  });
});

describe('refund arithmetic', () => {
  it('spreads an amount in proportion, to the 分, never more than a line holds', () => {
    expect(allocate(1000n, [3000n, 6000n, 1000n])).toEqual([300n, 600n, 100n]);
    const shares = allocate(100n, [33n, 33n, 34n]);
    expect(shares.reduce((a, b) => a + b, 0n)).toBe(100n);
    expect(allocate(1n, [3n, 3n, 3n])).toEqual([1n, 0n, 0n]);
    expect(allocate(9n, [3n, 3n, 3n])).toEqual([3n, 3n, 3n]);
    expect(allocate(0n, [5n, 5n])).toEqual([0n, 0n]);
    expect(() => allocate(11n, [5n, 5n])).toThrow(RangeError);
    const big = 9_000_000_000_000_000n;
    expect(allocate(big, [big, big]).reduce((a, b) => a + b, 0n)).toBe(big);
  });
  it('counts refunds against goods first, shipping last', () => {
    expect(goodsPartOfRefund(7960n, 0n, 1500n)).toBe(1500n);
    expect(goodsPartOfRefund(7960n, 7000n, 2160n)).toBe(960n);
    expect(goodsPartOfRefund(7960n, 7960n, 1200n)).toBe(0n);
    expect(statusAfterRefund(9160n, 0n, 9160n)).toBe('refunded');
    expect(statusAfterRefund(9160n, 1000n, 100n)).toBe('partially_refunded');
  });
  it('reads yuan as typed into 分 exactly, and nothing else', () => {
    expect(parseYuan('12.5')).toBe(1250n);
    expect(parseYuan('0.07')).toBe(7n);
    expect(parseYuan(' 39 ')).toBe(3900n);
    for (const bad of ['', '-1', '1.234', '1e3', '１２', '12,50', 'NaN', '9999999999']) expect(parseYuan(bad)).toBeNull();
  });
});

describe('forms', () => {
  const base = {
    idempotencyKey: 'abcdefghijklmnop',
    paymentMethod: 'bank_transfer',
    recipient: '王小明',
    mobile: '138 0013 8000',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    detail: '文三路 90 号',
  };
  it('takes a new address, or a saved one by id', () => {
    expect(CheckoutSchema.parse(base)).toMatchObject({ mobile: '13800138000', addressId: null, email: null });
    expect(CheckoutSchema.parse({ idempotencyKey: base.idempotencyKey, paymentMethod: 'cash_on_delivery', addressId: '12' })).toMatchObject({ addressId: 12 });
  });
  it('names every missing or wrong field', () => {
    const r = CheckoutSchema.safeParse({ idempotencyKey: 'short', paymentMethod: 'gold', addressId: 'new', mobile: '123', email: 'x' });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`).sort();
    expect(paths).toEqual(
      expect.arrayContaining(['idempotencyKey:checkout_expired', 'paymentMethod:payment_method_invalid', 'recipient:required', 'mobile:mobile_invalid', 'detail:required']),
    );
  });
  it('needs an amount to approve a claim and a reason to reject it', () => {
    expect(DecideClaimSchema.safeParse({ claimId: '1', decision: 'approve', amount: '0' }).success).toBe(false);
    expect(DecideClaimSchema.parse({ claimId: '1', decision: 'approve', amount: '15' }).amountFen).toBe(1500n);
    expect(DecideClaimSchema.safeParse({ claimId: '1', decision: 'reject', note: '' }).success).toBe(false);
  });
});

describe('states', () => {
  it('lets each actor make only their moves', () => {
    expect(canTransition('pay', 'village', 'pending_payment')).toBe(true);
    expect(canTransition('pay', 'buyer', 'pending_payment')).toBe(false);
    expect(canTransition('cancel', 'buyer', 'shipped')).toBe(false);
    expect(canTransition('claim', 'buyer', 'delivered')).toBe(true);
    expect(canTransition('refundAll', 'buyer', 'refund_requested')).toBe(false);
  });
  it('keeps the claim window open for exactly 48 hours after delivery', () => {
    const at = new Date('2026-11-20T00:00:00Z');
    expect(claimOpen('delivered', at, new Date('2026-11-22T00:00:00Z'))).toBe(true);
    expect(claimOpen('delivered', at, new Date('2026-11-22T00:00:01Z'))).toBe(false);
    expect(claimOpen('shipped', at, at)).toBe(false);
  });
  it('numbers checkouts BF + Shanghai date + 8 digits', () => {
    expect(checkoutNumber('2026-11-23', 42)).toBe('BF26112300000042');
  });
});

import { describe, expect, it } from 'vitest';
import { closingPriceFen, openError, OpenGroupOrderSchema, shanghaiInstant, shanghaiLocal, SignUpSchema, signUpOpen, splitList } from './group-orders.ts';

describe('split list', () => {
  const items = [
    { id: 10, priceFen: 3980 }, // 脆桃 5斤装 ¥39.80
    { id: 11, priceFen: 1333 }, // 土鸡蛋 ¥13.33
  ];
  it('sums each person, each item and the whole to the 分', () => {
    const split = splitList(items, [
      { itemId: 11, userId: 2, name: '王芳', quantity: 3, paid: false },
      { itemId: 10, userId: 1, name: '李明', quantity: 2, paid: false },
      { itemId: 10, userId: 2, name: '王芳', quantity: 1, paid: false },
      { itemId: 11, userId: 3, name: '李明', quantity: 7, paid: true },
    ]);
    expect(split.people.map((p) => [p.userId, p.totalFen])).toEqual([
      [1, 7960n],
      [3, 9331n],
      [2, 3980n + 3999n],
    ]);
    // Lines in item order whatever the sign-up order.
    expect(split.people[2].lines.map((l) => [l.itemId, l.quantity, l.amountFen])).toEqual([
      [10, 1, 3980n],
      [11, 3, 3999n],
    ]);
    expect(split.items).toEqual([
      { itemId: 10, quantity: 3, amountFen: 11_940n },
      { itemId: 11, quantity: 10, amountFen: 13_330n },
    ]);
    expect(split.totalFen).toBe(25_270n);
    expect(split.items.reduce((s, i) => s + i.amountFen, 0n)).toBe(split.totalFen);
    expect(split.people.map((p) => p.paid)).toEqual([false, true, false]);
  });
  it('an empty group order has nothing to split; an item nobody took totals 0', () => {
    expect(splitList(items, [])).toEqual({
      people: [],
      items: [
        { itemId: 10, quantity: 0, amountFen: 0n },
        { itemId: 11, quantity: 0, amountFen: 0n },
      ],
      totalFen: 0n,
    });
  });
  it('stays exact past 2^53 分', () => {
    const split = splitList(
      [{ id: 1, priceFen: 2_000_000_000 }],
      [
        { itemId: 1, userId: 1, name: 'a', quantity: 10_000, paid: false },
        { itemId: 1, userId: 2, name: 'b', quantity: 10_000, paid: false },
      ],
    );
    expect(split.totalFen).toBe(40_000_000_000_000n);
  });
  it('refuses sign-ups it cannot price', () => {
    expect(() => splitList(items, [{ itemId: 99, userId: 1, name: 'x', quantity: 1, paid: false }])).toThrow(RangeError);
    expect(() => splitList(items, [{ itemId: 10, userId: 1, name: 'x', quantity: 0, paid: false }])).toThrow(RangeError);
  });
});

describe('closing price', () => {
  const tiers = [
    { minQuantity: 10, priceFen: 3500 },
    { minQuantity: 50, priceFen: 3200 },
  ];
  it('is the list price below the first tier and the tier price for the combined quantity', () => {
    expect(closingPriceFen(3980, tiers, 9)).toBe(3980);
    expect(closingPriceFen(3980, tiers, 10)).toBe(3500);
    expect(closingPriceFen(3980, tiers, 49)).toBe(3500);
    expect(closingPriceFen(3980, tiers, 50)).toBe(3200);
  });
  it('never rises above the price staff signed up at', () => {
    expect(closingPriceFen(3000, tiers, 10)).toBe(3000);
  });
});

describe('opening and sign-up rules', () => {
  const now = new Date('2026-05-10T02:00:00Z'); // 10:00 in Shanghai
  it('reads the closing time as Shanghai time', () => {
    expect(shanghaiInstant('2026-05-12T18:00')?.toISOString()).toBe('2026-05-12T10:00:00.000Z');
    expect(shanghaiInstant('2026-02-30T18:00')).toBeNull();
    expect(shanghaiInstant('2026-05-12T24:00')).toBeNull();
    expect(shanghaiLocal(new Date('2026-05-12T10:00:00Z'))).toBe('2026-05-12T18:00');
  });
  it('closes in the future, within 60 days; delivers on or after the closing day', () => {
    const at = (s: string) => shanghaiInstant(s)!;
    expect(openError({ closesAt: at('2026-05-10T10:00'), deliverOn: '2026-05-20' }, now)?.key).toBe('group_closes_past');
    expect(openError({ closesAt: at('2026-07-10T10:00'), deliverOn: '2026-07-20' }, now)?.key).toBe('group_closes_too_far');
    // Closing at 23:30 Shanghai on the 12th is the 12th, although it is still the 12th in UTC too; 00:30 on the 13th is the 13th.
    expect(openError({ closesAt: at('2026-05-13T00:30'), deliverOn: '2026-05-12' }, now)).toEqual({ field: 'deliverOn', key: 'group_deliver_before_close' });
    expect(openError({ closesAt: at('2026-05-12T23:30'), deliverOn: '2026-05-12' }, now)).toBeNull();
    expect(openError({ closesAt: at('2026-05-12T18:00'), deliverOn: '2026-07-12' }, now)?.key).toBe('group_deliver_too_far');
  });
  it('takes sign-ups while open and strictly before the closing time', () => {
    const closesAt = new Date('2026-05-10T02:00:00Z');
    expect(signUpOpen('open', closesAt, new Date(closesAt.getTime() - 1))).toBe(true);
    expect(signUpOpen('open', closesAt, closesAt)).toBe(false);
    expect(signUpOpen('closed', closesAt, new Date(0))).toBe(false);
  });
  it('parses the forms', () => {
    const open = OpenGroupOrderSchema.safeParse({
      unitId: '1',
      villageId: '2',
      title: ' 端午 鸡蛋 ',
      note: '三楼食堂',
      variantId: ['5', '5', '6'],
      closesAt: '2026-05-12T18:00',
      deliverOn: '2026-05-14',
      paymentMode: 'each',
    });
    expect(open.success && open.data.variantIds).toEqual([5, 6]);
    expect(open.success && open.data.title).toBe('端午 鸡蛋');
    expect(
      OpenGroupOrderSchema.safeParse({
        unitId: '1',
        villageId: '2',
        title: 'x',
        note: 'y',
        variantId: [],
        closesAt: '2026-05-12T18:00',
        deliverOn: '2026-05-14',
        paymentMode: 'unit',
      }).success,
    ).toBe(false);
    const signUp = SignUpSchema.safeParse({ token: 'abcdefghijklmnopqrstuv', itemId: ['1', '2'], quantity: ['3', ''] });
    expect(signUp.success && [...signUp.data.quantities]).toEqual([
      [1, 3],
      [2, 0],
    ]);
    expect(SignUpSchema.safeParse({ token: 'abcdefghijklmnopqrstuv', itemId: ['1'], quantity: ['-1'] }).success).toBe(false);
    expect(SignUpSchema.safeParse({ token: 'abcdefghijklmnopqrstuv', itemId: ['1'], quantity: ['10001'] }).success).toBe(false);
  });
});

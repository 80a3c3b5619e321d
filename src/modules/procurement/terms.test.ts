// Contract drawdown and dues in integer 分: shortfalls, cancellations, FIFO payments, net and prepay.
import { describe, expect, it } from 'vitest';
import { scheduleDates } from './schedule.ts';
import { drawdown, dueAmount, dueOn, dues, type DeliveryMoney } from './terms.ts';

// 1000 把 × 1500 分, no freight.
const PLANNED = 1000n * 1500n;

function contract(periods: number): DeliveryMoney[] {
  return scheduleDates('2027-01-05', 'monthly', periods).map((scheduledOn, i) => ({
    id: 100 + i,
    seq: i + 1,
    status: 'pending_village_shipment',
    scheduledOn,
    plannedFen: PLANNED,
    billedFen: null,
    acceptedOn: null,
  }));
}

function accept(d: DeliveryMoney, billedFen: bigint, acceptedOn: string): DeliveryMoney {
  return { ...d, status: 'accepted', billedFen, acceptedOn };
}

describe('drawdown', () => {
  it('counts a shortfall at what was received, the rest at plan', () => {
    const ds = contract(12);
    ds[0] = accept(ds[0], 980n * 1500n, '2027-01-06');
    expect(drawdown(ds)).toEqual({ totalFen: 17_970_000n, drawnFen: 1_470_000n, remainingFen: 16_500_000n });
  });
  it('leaves cancelled deliveries out of every figure', () => {
    const ds = contract(12);
    ds[0] = accept(ds[0], 980n * 1500n, '2027-01-06');
    ds[5] = { ...ds[5], status: 'cancelled' };
    expect(drawdown(ds)).toEqual({ totalFen: 16_470_000n, drawnFen: 1_470_000n, remainingFen: 15_000_000n });
  });
  it('is zero for no deliveries', () => {
    expect(drawdown([])).toEqual({ totalFen: 0n, drawnFen: 0n, remainingFen: 0n });
  });
});

describe('dueOn and dueAmount', () => {
  const [pending] = contract(1);
  const accepted = accept(pending, 1_470_000n, '2027-01-06');
  const cancelled: DeliveryMoney = { ...pending, status: 'cancelled' };

  it('under prepay, is the scheduled day for anything not cancelled', () => {
    expect(dueOn(pending, 'prepay', 0)).toBe('2027-01-05');
    expect(dueOn({ ...pending, status: 'pending_unit_acceptance' }, 'prepay', 0)).toBe('2027-01-05');
    expect(dueOn(accepted, 'prepay', 0)).toBe('2027-01-05');
    expect(dueOn(cancelled, 'prepay', 0)).toBe(null);
  });
  it('under net, is acceptance plus the net days, and nothing before acceptance', () => {
    expect(dueOn(accepted, 'net', 30)).toBe('2027-02-05');
    expect(dueOn(pending, 'net', 30)).toBe(null);
    expect(dueOn(cancelled, 'net', 30)).toBe(null);
    expect(() => dueOn({ ...accepted, acceptedOn: null }, 'net', 30)).toThrow(RangeError);
  });
  it('owes the bill once accepted, the plan before, nothing when cancelled', () => {
    expect(dueAmount(accepted)).toBe(1_470_000n);
    expect(dueAmount(pending)).toBe(1_500_000n);
    expect(dueAmount(cancelled)).toBe(0n);
    expect(() => dueAmount({ ...accepted, billedFen: null })).toThrow(RangeError);
  });
});

describe('dues', () => {
  it('applies payments first-in-first-out by due date, then seq', () => {
    const [a, b, c] = contract(3);
    const ds = [
      { ...c, plannedFen: 300n },
      { ...b, plannedFen: 200n, scheduledOn: '2027-01-05' },
      { ...a, plannedFen: 100n },
    ];
    const { lines, overdueFen, creditFen } = dues(ds, 'prepay', 0, 250n, '2027-01-05');
    expect(lines.map((l) => [l.seq, l.dueOn, l.amountFen, l.paidFen, l.outstandingFen, l.overdue])).toEqual([
      [1, '2027-01-05', 100n, 100n, 0n, false],
      [2, '2027-01-05', 200n, 150n, 50n, false],
      [3, '2027-03-05', 300n, 0n, 300n, false],
    ]);
    expect(overdueFen).toBe(0n);
    expect(creditFen).toBe(0n);
  });
  it('under prepay, flags unpaid deliveries past their scheduled day and lists upcoming ones', () => {
    const ds = contract(3);
    const { lines, overdueFen } = dues(ds, 'prepay', 0, 1_000_000n, '2027-02-06');
    expect(lines.map((l) => [l.outstandingFen, l.overdue])).toEqual([
      [500_000n, true],
      [1_500_000n, true],
      [1_500_000n, false],
    ]);
    expect(overdueFen).toBe(2_000_000n);
  });
  it('under net 30, is overdue from the day after acceptance + 30, not on it', () => {
    const ds = contract(3);
    ds[0] = accept(ds[0], 1_470_000n, '2027-01-06');
    const onDay = dues(ds, 'net', 30, 0n, '2027-02-05');
    expect(onDay.lines).toEqual([{ id: 100, seq: 1, dueOn: '2027-02-05', amountFen: 1_470_000n, paidFen: 0n, outstandingFen: 1_470_000n, overdue: false }]);
    expect(onDay.overdueFen).toBe(0n);
    const dayAfter = dues(ds, 'net', 30, 0n, '2027-02-06');
    expect(dayAfter.lines[0].overdue).toBe(true);
    expect(dayAfter.overdueFen).toBe(1_470_000n);
  });
  it('is not overdue once paid in full, even long after the due date', () => {
    const ds = contract(2);
    ds[0] = accept(ds[0], 1_470_000n, '2027-01-06');
    const { lines, overdueFen, creditFen } = dues(ds, 'net', 30, 1_470_000n, '2027-06-01');
    expect(lines[0].outstandingFen).toBe(0n);
    expect(lines[0].overdue).toBe(false);
    expect(overdueFen).toBe(0n);
    expect(creditFen).toBe(0n);
  });
  it('keeps what is paid beyond everything due as credit', () => {
    const ds = contract(2);
    ds[0] = accept(ds[0], 1_470_000n, '2027-01-06');
    ds[1] = { ...ds[1], status: 'cancelled' };
    const { lines, overdueFen, creditFen } = dues(ds, 'prepay', 0, 2_000_000n, '2027-03-01');
    expect(lines.map((l) => l.id)).toEqual([100]);
    expect(lines[0].paidFen).toBe(1_470_000n);
    expect(overdueFen).toBe(0n);
    expect(creditFen).toBe(530_000n);
  });
  it('rejects a negative payment total', () => {
    expect(() => dues(contract(1), 'prepay', 0, -1n, '2027-01-01')).toThrow(RangeError);
  });
});

// An accepted delivery's ledger entries: what arrived, at the contract price, to the 分 and the gram.
import { describe, expect, it } from 'vitest';
import type { Accepted } from './accept-delivery.server.ts';
import { deliveryEntries } from './ledger-entries.ts';

const at = new Date('2027-01-06T02:00:00Z');

function accepted(lines: Partial<Accepted['lines'][number]>[]): Accepted {
  return {
    deliveryId: 7,
    seq: 2,
    contract: { id: 3, number: 'HT27010212345678', unitId: 11, unitName: '县环卫服务公司', villageId: 5 },
    acceptedAt: at,
    acceptedBy: 42,
    billedFen: 0n,
    shortNote: null,
    lines: lines.map((l, i) => ({
      id: 100 + i,
      received: 0,
      staffUserId: null,
      producerId: 8,
      productId: 9,
      variantId: 10,
      description: '扫帚 高粱扫帚',
      unitPriceFen: 1480,
      netGrams: 400,
      ...l,
    })),
  };
}

describe('deliveryEntries', () => {
  it('counts a unit purchase per line at what was received, with its weight, for the unit and the village', () => {
    expect(deliveryEntries(accepted([{ received: 980 }]))).toEqual([
      {
        occurredAt: at,
        villageId: 5,
        producerId: 8,
        productId: 9,
        variantId: 10,
        unitId: 11,
        channel: 'unit_purchase',
        amountFen: 1_450_400n,
        quantity: 980,
        grams: 392_000n,
        sourceKind: 'delivery',
        sourceId: 100,
        note: 'HT27010212345678 第2批 扫帚 高粱扫帚',
        createdBy: 42,
      },
    ]);
  });

  it('counts a group order’s per-person lines as 职工购买, skips lines where nothing arrived, and weighs an unlisted line at 0', () => {
    const entries = deliveryEntries(
      accepted([
        { received: 3, staffUserId: 21, unitPriceFen: 3500, netGrams: 2500 },
        { received: 0, staffUserId: 22 },
        { received: 2, productId: null, variantId: null, producerId: null, netGrams: null, unitPriceFen: 1333 },
      ]),
    );
    expect(entries.map((e) => [e.sourceId, e.channel, e.amountFen, e.quantity, e.grams, e.unitId])).toEqual([
      [100, 'staff_purchase', 10_500n, 3, 7500n, 11],
      [102, 'unit_purchase', 2666n, 2, 0n, 11],
    ]);
  });
});

// A known ledger, built through real orders, and every figure of the village
// report checked against it: channels, products (quantity and 斤), units,
// producers, households, the Shanghai month a payment falls in, last year, the
// drill-down, and the reconciliation.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ledgerEntries, orders, unitTargets } from '../../db/schema/index.ts';
import { checkLedger } from '../../src/modules/ledger/check.server.ts';
import { ordersOfCheckout } from '../../src/modules/orders/place-order.server.ts';
import { openClaim } from '../../src/modules/orders/claims.server.ts';
import { decideClaim } from '../../src/workflows/after-sale.ts';
import { confirmOfflinePayment } from '../../src/modules/orders/pay-order.server.ts';
import { markDelivered, shipOrder } from '../../src/modules/orders/ship-order.server.ts';
import { parsePeriod } from '../../src/modules/reports/periods.ts';
import { villageEntries, villageReport } from '../../src/modules/reports/village-report.server.ts';
import { platformReport } from '../../src/modules/reports/platform-report.server.ts';
import { unitReport } from '../../src/modules/reports/unit-report.server.ts';
import { createApiToken, listApiTokens, revokeApiToken, unitOfToken } from '../../src/modules/reports/api-tokens.server.ts';
import { createCategory, createProducer, createProduct, createVillage } from '../factories/catalog.ts';
import { placeTestOrder } from '../factories/orders.ts';
import { addUnitMember, appointVillageManager, createUnit, createUser } from '../factories/users.ts';
import { OfflineSaleSchema, type OfflineSaleInput } from '../../src/modules/reports/offline-sales.ts';
import { recordOfflineSale, requireOfflineRecorder, reverseOfflineSale } from '../../src/modules/reports/offline-sales.server.ts';
import { paragraphForVillage } from '../../src/modules/reports/paragraph.ts';
import { AccessError, DomainError } from '../../src/lib/errors.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
/** db.execute answers an array (postgres.js) or { rows } (PGlite). */
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof DomainError ? e.key : e instanceof AccessError ? `access ${e.status}` : `unexpected: ${String(e)}`),
  );
const rowsOf = <R>(x: unknown) => ((x as { rows?: R[] }).rows ?? x) as R[];
const village = { kind: 'village', userId: null } as const;

async function paidOrder(lines: { variantId: number; quantity: number }[], user: { id: number; email: string } | null, paidAt: Date) {
  const placed = await placeTestOrder(t.db, { lines, user, now: new Date(paidAt.getTime() - 3600_000) });
  const [order] = await ordersOfCheckout(t.db, placed.id);
  await confirmOfflinePayment(t.db, village, order.id, '', paidAt);
  return order;
}

async function knownLedger() {
  const v = await createVillage(t.db, { freeShippingOverFen: null });
  const coop = await createProducer(t.db, { villageId: v.id, kind: 'cooperative' });
  const household = await createProducer(t.db, { villageId: v.id, kind: 'household', name: '张大山', isLifted: true });
  const category = await createCategory(t.db);
  const {
    product: peachP,
    variants: [peach],
  } = await createProduct(t.db, { villageId: v.id, producerId: coop.id, categoryId: category.id, variants: [{ priceFen: 3980, stock: 100, netGrams: 2500, saleUnit: 'box' }] });
  const {
    variants: [eggs],
  } = await createProduct(t.db, {
    villageId: v.id,
    producerId: household.id,
    categoryId: category.id,
    variants: [{ priceFen: 1500, stock: 100, netGrams: 1000, saleUnit: 'box' }],
  });
  const consumer = await createUser(t.db);
  const staff = await createUser(t.db);
  const unit = await createUnit(t.db, { createdBy: staff.id, name: '县农业农村局' });
  await addUnitMember(t.db, unit.id, staff.id, 'staff');
  // 2025: one order (last year's figure).
  await paidOrder([{ variantId: peach.id, quantity: 1 }], consumer, new Date('2025-03-10T02:00:00Z'));
  // 2026-01-31 23:30 in Shanghai (15:30 UTC): January, not February.
  await paidOrder([{ variantId: peach.id, quantity: 2 }], consumer, new Date('2026-01-31T15:30:00Z'));
  // 2026-02-01 00:30 in Shanghai (2026-01-31 16:30 UTC): February.
  await paidOrder([{ variantId: eggs.id, quantity: 4 }], staff, new Date('2026-01-31T16:30:00Z'));
  // A staff order later partly refunded after a claim.
  const refunded = await paidOrder(
    [
      { variantId: peach.id, quantity: 3 },
      { variantId: eggs.id, quantity: 2 },
    ],
    staff,
    new Date('2026-05-05T02:00:00Z'),
  );
  await shipOrder(t.db, village, refunded.id, '中通快递', 'ZT123456789', new Date('2026-05-06T02:00:00Z'));
  await markDelivered(t.db, village, refunded.id, new Date('2026-05-08T02:00:00Z'));
  const claim = await openClaim(
    t.db,
    { kind: 'buyer', userId: staff.id },
    refunded.id,
    { reason: '压坏', requestedFen: 1000n, photoPaths: [] },
    new Date('2026-05-08T10:00:00Z'),
  );
  await decideClaim(t.db, village, claim, { approve: true, amountFen: 1000n, note: '' }, new Date('2026-05-09T02:00:00Z'));
  // Unpaid: never counts.
  await placeTestOrder(t.db, { lines: [{ variantId: peach.id, quantity: 5 }], user: consumer, now: new Date('2026-06-01T02:00:00Z') });
  return { v, coop, household, peachP, peach, eggs, unit, refunded };
}

describe('帮助销售 (brokered sales)', () => {
  it('records a self-reported sale in the ledger, corrects it only by reversal, and drafts it into the paragraph', async () => {
    const k = await knownLedger();
    const manager = await createUser(t.db);
    await appointVillageManager(t.db, k.v.id, manager.id);
    const locals = {
      user: { id: manager.id, email: manager.email, displayName: '', mobile: null, role: 'user' as const },
      session: { id: 's', userId: manager.id, expiresAt: new Date() },
    };
    // As the actions do: the recorder is checked at the edge, then passed in.
    type Locals = typeof locals;
    const record = async (as: Locals, sale: OfflineSaleInput, now: Date) => recordOfflineSale(t.db, await requireOfflineRecorder(t.db, as, sale), sale, now);
    const reverse = async (as: Locals, scope: { villageId?: number; unitId?: number }, saleId: number, reason: string) =>
      reverseOfflineSale(t.db, await requireOfflineRecorder(t.db, as, scope), scope, saleId, reason);
    const input = OfflineSaleSchema.parse({
      villageId: String(k.v.id),
      buyerName: '县城超市',
      productName: '鲜桃',
      quantity: '500',
      saleUnit: 'case',
      jinPerUnit: '10',
      amount: '40000',
      soldOn: '2026-07-15',
    });
    const { id } = await record(locals, input, new Date('2026-08-01T00:00:00Z'));
    const wrong = await record(locals, { ...input, amount: 99_900n }, new Date('2026-08-01T00:00:00Z'));
    await reverse(locals, { villageId: k.v.id }, wrong.id, '重复登记');
    expect(await refusal(reverse(locals, { villageId: k.v.id }, wrong.id, '又一次'))).toBe('already_reversed');
    expect(await refusal(record(locals, { ...input, soldOn: '2026-08-02' }, new Date('2026-08-01T00:00:00Z')))).toBe('date_invalid');
    const stranger = await createUser(t.db);
    expect(await refusal(record({ ...locals, user: { ...locals.user, id: stranger.id } }, input, new Date('2026-08-01T00:00:00Z')))).toBe('access 403');
    const r = await villageReport(t.db, k.v.id, parsePeriod('2026')!);
    expect(r.byChannel.brokered).toBe(4_000_000n);
    expect(r.brokered).toEqual([{ name: '鲜桃', amount: 4_000_000n, quantity: 500n, grams: 2_500_000n }]);
    const entries = await villageEntries(t.db, k.v.id, parsePeriod('2026')!, { channel: 'brokered' }, 1);
    expect(entries.rows.map((e) => [e.amountFen, e.selfReported])).toEqual([
      [4_000_000n, true],
      [99_900n, true],
      [-99_900n, true],
    ]);
    expect(id).toBeGreaterThan(0);
    expect(paragraphForVillage(r)).toContain('帮助销售鲜桃5000斤');
    expect((await checkLedger(t.db)).mismatches).toEqual([]);

    // A unit's buyer records a sale the unit brokered: it counts for the village and the unit.
    const unitBuyer = await createUser(t.db);
    await addUnitMember(t.db, k.unit.id, unitBuyer.id, 'buyer');
    const asBuyer = { user: { ...locals.user, id: unitBuyer.id }, session: { ...locals.session, userId: unitBuyer.id } };
    const viaUnit = await record(
      asBuyer,
      { ...input, unitId: k.unit.id, productName: '鸡蛋', jinPerUnit: 0n, quantity: 100, amount: 150_000n },
      new Date('2026-08-01T00:00:00Z'),
    );
    const u = await unitReport(t.db, k.unit.id, parsePeriod('2026')!, '2026-08-01');
    expect(u.byChannel.brokered).toBe(150_000n);
    expect(u.brokered).toEqual([{ name: '鸡蛋', amount: 150_000n, grams: 0n }]);
    // The village's manager cannot reverse it from the unit's side, nor a stranger unit's member.
    expect(await refusal(reverse(locals, { unitId: k.unit.id }, viaUnit.id, '错'))).toBe('access 403');
    await reverse(asBuyer, { unitId: k.unit.id }, viaUnit.id, '录错了');
    expect((await unitReport(t.db, k.unit.id, parsePeriod('2026')!, '2026-08-01')).byChannel.brokered).toBe(0n);
  });
});

describe('unit and platform reports', () => {
  it('sums a unit with its sub-units, and paces each annual target', async () => {
    const k = await knownLedger();
    const admin = await createUser(t.db);
    const office = await createUnit(t.db, { createdBy: admin.id, name: '县农业农村局办公室', parentId: k.unit.id });
    const clerk = await createUser(t.db);
    await addUnitMember(t.db, office.id, clerk.id, 'staff');
    await paidOrder([{ variantId: k.peach.id, quantity: 1 }], clerk, new Date('2026-03-01T02:00:00Z'));
    await t.db.insert(unitTargets).values({ unitId: k.unit.id, year: 2026, kind: 'reserved_share', name: '预留份额', targetFen: 40_000n });
    const r = await unitReport(t.db, k.unit.id, parsePeriod('2026')!, '2026-07-02');
    expect(r.byChannel.staff_purchase).toBe(19940n + 3980n);
    expect(r.subUnits).toEqual([{ id: office.id, name: '县农业农村局办公室', parentId: k.unit.id, amount: 3980n }]);
    expect(r.byVillage.map((v) => v.amount)).toEqual([23920n]);
    // 183 of 365 days gone: 23920 × 365 / 183 = 47709 (integer 分, rounded down) ≥ 40000: on pace.
    expect(r.targets.map((x) => [x.done, x.projected, x.reaches])).toEqual([[23920n, 47709n, true]]);
    const late = await unitReport(t.db, k.unit.id, parsePeriod('2026')!, '2026-12-01');
    expect(late.targets[0].reaches).toBe(false);
    // The sub-unit sees only itself.
    expect((await unitReport(t.db, office.id, parsePeriod('2026')!, '2026-07-02')).total).toBe(3980n);
  });

  it('ranks villages and units the same from monthly sums as from the entries, custom days included', async () => {
    const k = await knownLedger();
    const year = await platformReport(t.db, parsePeriod('2026')!);
    expect(year.villages.find((v) => v.id === k.v.id)?.amount).toBe(27900n);
    expect(year.units.find((u) => u.id === k.unit.id)?.amount).toBe(19940n);
    // 2026-01-31 (Shanghai) to 2026-05-04: the January day from entries, February–April from sums.
    const custom = await platformReport(t.db, parsePeriod('2026-01-31~2026-05-04')!);
    expect(custom.villages.find((v) => v.id === k.v.id)?.amount).toBe(7960n + 6000n);
    expect(custom.categories.reduce((a, c) => a + c.amount, 0n)).toBe(custom.total);
  });
});

describe('village report', () => {
  it('adds up to the 分 by channel, product, unit, producer and month, against last year', async () => {
    const k = await knownLedger();
    const r = await villageReport(t.db, k.v.id, parsePeriod('2026')!);
    // personal: 2 × 3980 = 7960. staff: 4 × 1500 + (3 × 3980 + 2 × 1500) − 1000 = 6000 + 14940 − 1000 = 19940.
    expect(r.byChannel).toEqual({ personal: 7960n, unit_purchase: 0n, staff_purchase: 19940n, brokered: 0n });
    expect(r.total).toBe(27900n);
    // The 10.00 refund is spread over the lines in proportion: peach 11940/14940, eggs 3000/14940.
    const peach = r.byProduct.find((p) => p.productId === k.peachP.id)!;
    expect(peach.quantity).toBe(5n);
    expect(peach.grams).toBe(12_500n);
    expect(peach.amount).toBe(7960n + 11940n - 799n);
    expect(r.byProduct.reduce((a, p) => a + p.amount, 0n)).toBe(r.total);
    expect(r.byUnit).toEqual([{ unitId: k.unit.id, name: '县农业农村局', amount: 19940n }]);
    expect(r.byProducer.reduce((a, p) => a + p.amount, 0n)).toBe(r.total);
    expect(r.households).toEqual({ households: 1, lifted: 1, monitored: 0 });
    expect(r.orders).toBe(3);
    expect(r.buyers).toBe(2);
    expect(r.trend.slice(0, 5).map((m) => m.amount)).toEqual([7960n, 6000n, 0n, 0n, 13940n]);
    expect(r.lastYear).toMatchObject({ total: 3980n });
    const h1 = await villageReport(t.db, k.v.id, parsePeriod('2026-01')!);
    expect(h1.total).toBe(7960n);
  });

  it('drills down to the entries behind a figure, and the ledger reconciles', async () => {
    const k = await knownLedger();
    const period = parsePeriod('2026')!;
    const staff = await villageEntries(t.db, k.v.id, period, { channel: 'staff_purchase' }, 1);
    expect(staff.amount).toBe(19940n);
    expect(staff.rows.map((e) => e.sourceKind).sort()).toEqual(['order_line', 'order_line', 'order_line', 'refund', 'refund']);
    expect(staff.rows.filter((e) => e.sourceKind === 'refund').every((e) => e.orderNumber === k.refunded.number)).toBe(true);
    const byProduct = await villageEntries(t.db, k.v.id, period, { productId: k.peachP.id }, 1);
    expect(byProduct.amount).toBe(7960n + 11940n - 799n);
    const check = await checkLedger(t.db);
    expect(check.mismatches).toEqual([]);
    // The rollups are the same sums as the entries.
    const [roll] = await t.db
      .execute<{ total: string }>(sql`select coalesce(sum(amount_fen), 0)::text as total from ledger_monthly_village where village_id = ${k.v.id}`)
      .then(rowsOf<{ total: string }>);
    expect(BigInt(roll.total)).toBe(3980n + 27900n);
  });

  it('the check catches a ledger that disagrees with its order', async () => {
    const k = await knownLedger();
    const [any] = await t.db.select({ id: orders.id, number: orders.number }).from(orders).where(eq(orders.villageId, k.v.id)).limit(1);
    // A stray entry pointing at the order's line, as a bug would write it.
    const [line] = await t.db.execute<{ id: number }>(sql`select id from order_lines where order_id = ${any.id} limit 1`).then(rowsOf<{ id: number }>);
    await t.db.insert(ledgerEntries).values({ villageId: k.v.id, channel: 'personal', amountFen: 1n, quantity: 0, grams: 0n, sourceKind: 'order_line', sourceId: line.id });
    const check = await checkLedger(t.db);
    expect(check.ok).toBe(false);
    expect(check.mismatches.some((m) => m.what === 'order' && m.key === any.number && m.actual - m.expected === 1n)).toBe(true);
  });
});

describe('unit API tokens', () => {
  it('are revoked only by their own unit: another unit naming the token gets a 404 and the token keeps working', async () => {
    const admin = await createUser(t.db);
    const mine = await createUnit(t.db, { createdBy: admin.id, name: '令牌单位甲' });
    const theirs = await createUnit(t.db, { createdBy: admin.id, name: '令牌单位乙' });
    const who = { id: admin.id, email: admin.email, displayName: '', mobile: null, role: 'user' as const };
    const { token } = await createApiToken(t.db, who, mine.id, '财务系统');
    const [row] = await listApiTokens(t.db, mine.id);
    // Once answered {"revoked":true} and changed nothing.
    expect(await refusal(revokeApiToken(t.db, theirs.id, row.id))).toBe('not_found');
    expect(await unitOfToken(t.db, token)).toBe(mine.id);
    expect(await revokeApiToken(t.db, mine.id, row.id)).toEqual({ revoked: true });
    expect(await revokeApiToken(t.db, mine.id, row.id)).toEqual({ revoked: true });
    expect(await unitOfToken(t.db, token)).toBeNull();
  });
});

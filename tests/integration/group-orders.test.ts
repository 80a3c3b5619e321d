// 团购接龙 end to end on the database: open, sign up (members only, while open),
// close exactly once (by hand, by the sweep, both at once), the contract and its
// per-person delivery lines, and acceptance writing 职工购买 per person to the 分.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contractLines, contracts, deliveries, deliveryLines, groupOrders, ledgerEntries, procurementPayments, productVariants } from '../../db/schema/index.ts';
import { AccessError, DomainError } from '../../src/lib/errors.ts';
import { requireDeliveryParty, requireGroupOrderViewer, requireGroupOrderViewerById, requireUnitBuyer } from '../../src/modules/procurement/access.server.ts';
import type { AuthLocals } from '../../src/modules/auth/guards.server.ts';
import { closeDueGroupOrders, closeGroupOrder, closeGroupOrderByHand } from '../../src/modules/procurement/close-group-order.server.ts';
import { shipDelivery } from '../../src/modules/procurement/deliveries.server.ts';
import { OpenGroupOrderSchema, SignUpSchema, type OpenGroupOrderInput } from '../../src/modules/procurement/group-orders.ts';
import { openGroupOrder, signUpPage, splitPage, unitGroupOrdersDesk } from '../../src/modules/procurement/group-orders.server.ts';
import { markSharePaid } from '../../src/modules/procurement/mark-share-paid.server.ts';
import { signUpForGroupOrder } from '../../src/modules/procurement/sign-up-group-order.server.ts';
import { acceptDelivery } from '../../src/workflows/accept-delivery.ts';
import { jobs } from '../../src/workflows/jobs.ts';
import { createCategory, createProducer, createProduct, createVillage } from '../factories/catalog.ts';
import { addUnitMember, appointVillageManager, createUnit, createUser } from '../factories/users.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof DomainError ? e.key : e instanceof AccessError ? `access ${e.status}` : `unexpected: ${String(e)}`),
  );
const localsOf = (u: { id: number; email: string }, role: 'user' | 'admin' = 'user'): AuthLocals => ({
  user: { id: u.id, email: u.email, displayName: '', mobile: null, role },
  session: { id: 's', userId: u.id, expiresAt: new Date() },
});

// Each call as its action or page makes it: the guard first, then the call with what it proved.
const opening = async (locals: AuthLocals, input: OpenGroupOrderInput) => openGroupOrder(t.db, await requireUnitBuyer(t.db, locals, input.unitId), input, NOW);
const viewing = (locals: AuthLocals, token: string) => requireGroupOrderViewer(t.db, locals, token);
const signUpPageAs = async (locals: AuthLocals, token: string) => signUpPage(t.db, await viewing(locals, token), NOW);
const splitPageAs = async (locals: AuthLocals, token: string) => splitPage(t.db, await viewing(locals, token));
const closeAs = async (locals: AuthLocals, token: string) => closeGroupOrderByHand(t.db, await viewing(locals, token), NOW);
const markPaidAs = async (locals: AuthLocals, input: { groupOrderId: number; userId: number }) =>
  markSharePaid(t.db, await requireGroupOrderViewerById(t.db, locals, input.groupOrderId), input, NOW);

// 10:00 on 2026-05-10 in Shanghai.
const NOW = new Date('2026-05-10T02:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

async function world() {
  const v = await createVillage(t.db);
  const coop = await createProducer(t.db, { villageId: v.id });
  const category = await createCategory(t.db);
  const {
    variants: [peach],
  } = await createProduct(t.db, {
    villageId: v.id,
    producerId: coop.id,
    categoryId: category.id,
    variants: [{ priceFen: 3980, stock: 100, netGrams: 2500, saleUnit: 'box', tiers: [{ minQuantity: 5, priceFen: 3500 }] }],
  });
  const {
    variants: [eggs],
  } = await createProduct(t.db, { villageId: v.id, producerId: coop.id, categoryId: category.id, variants: [{ priceFen: 1333, stock: 100, netGrams: 1000, saleUnit: 'box' }] });
  const other = await createVillage(t.db);
  const otherCoop = await createProducer(t.db, { villageId: other.id });
  const {
    variants: [foreign],
  } = await createProduct(t.db, { villageId: other.id, producerId: otherCoop.id, categoryId: category.id });
  const buyer = await createUser(t.db, { displayName: '采购员' });
  const unit = await createUnit(t.db, { createdBy: buyer.id });
  await addUnitMember(t.db, unit.id, buyer.id, 'buyer');
  const staffA = await createUser(t.db, { displayName: '王芳' });
  const staffB = await createUser(t.db, { displayName: '李明' });
  await addUnitMember(t.db, unit.id, staffA.id, 'staff');
  await addUnitMember(t.db, unit.id, staffB.id, 'staff');
  const outsider = await createUser(t.db);
  const manager = await createUser(t.db);
  await appointVillageManager(t.db, v.id, manager.id);
  return { v, peach, eggs, foreign, unit, buyer, staffA, staffB, outsider, manager };
}

function openForm(w: Awaited<ReturnType<typeof world>>, over: Record<string, unknown> = {}) {
  return OpenGroupOrderSchema.parse({
    unitId: String(w.unit.id),
    villageId: String(w.v.id),
    title: '端午福利',
    note: '局机关一楼大厅',
    variantId: [String(w.peach.id), String(w.eggs.id)],
    closesAt: '2026-05-12T18:00',
    deliverOn: '2026-05-14',
    paymentMode: 'unit',
    ...over,
  });
}

async function open(w: Awaited<ReturnType<typeof world>>, over: Record<string, unknown> = {}) {
  const { id, token } = await opening(localsOf(w.buyer), openForm(w, over));
  const page = await signUpPageAs(localsOf(w.buyer), token);
  const item = (variantId: number) => page.items.find((i) => i.variantId === variantId)!.id;
  return { id, token, peachItem: item(w.peach.id), eggsItem: item(w.eggs.id) };
}

const signUp = async (user: { id: number; email: string }, token: string, q: [number, number][], now = NOW) => {
  const input = SignUpSchema.parse({ token, itemId: q.map(([i]) => String(i)), quantity: q.map(([, n]) => String(n)) });
  return signUpForGroupOrder(t.db, await viewing(localsOf(user), input.token), input, now);
};

describe('group orders', () => {
  it('opens only for the unit buyer, with listed products of the one village and sensible times', async () => {
    const w = await world();
    expect(await refusal(opening(localsOf(w.staffA), openForm(w)))).toBe('access 403');
    expect(await refusal(opening(localsOf(w.outsider, 'admin'), openForm(w)))).toBe('access 403');
    expect(await refusal(opening(localsOf(w.buyer), openForm(w, { variantId: [String(w.foreign.id)] })))).toBe('product_unavailable');
    expect(await refusal(opening(localsOf(w.buyer), openForm(w, { deliverOn: '2026-05-11' })))).toBe('group_deliver_before_close');
    expect(await refusal(opening(localsOf(w.buyer), openForm(w, { closesAt: '2026-05-10T09:59' })))).toBe('group_closes_past');
    const { token } = await open(w);
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('takes sign-ups from members only, lets them change and remove their quantities, refuses them after closing', async () => {
    const w = await world();
    const g = await open(w);
    await signUp(w.staffA, g.token, [
      [g.peachItem, 2],
      [g.eggsItem, 1],
    ]);
    await signUp(w.staffA, g.token, [
      [g.peachItem, 3],
      [g.eggsItem, 0],
    ]);
    await signUp(w.buyer, g.token, [[g.eggsItem, 4]]);
    expect(await refusal(signUp(w.outsider, g.token, [[g.peachItem, 1]]))).toBe('access 403');
    expect(await refusal(signUp(w.manager, g.token, [[g.peachItem, 1]]))).toBe('access 403');
    expect(await refusal(signUp(w.staffB, g.token, [[g.peachItem, 1]], new Date('2026-05-12T10:00:00Z')))).toBe('group_closed');
    const page = await signUpPageAs(localsOf(w.staffA), g.token);
    expect(page.items.map((i) => [i.total, i.priceFen])).toEqual([
      [3, 3980],
      [4, 1333],
    ]);
    expect([...page.mine]).toEqual([[g.peachItem, 3]]);
    expect(page.people).toBe(2);
    expect(await refusal(signUpPageAs(localsOf(w.outsider), g.token))).toBe('access 403');
    // Staff see the sign-up page, not the split list.
    expect(await refusal(splitPageAs(localsOf(w.staffA), g.token))).toBe('access 403');
    await closeAs(localsOf(w.buyer), g.token);
    expect(await refusal(signUp(w.staffB, g.token, [[g.peachItem, 1]]))).toBe('group_closed');
    expect(await refusal(closeAs(localsOf(w.buyer), g.token))).toBe('group_closed');
  });

  it('answers the signed-out 401 before any lookup, an unknown link 404, people with no part 403; then each rule its role', async () => {
    const w = await world();
    const g = await open(w);
    const signedOut: AuthLocals = { user: null, session: null };
    const admin = localsOf(w.outsider, 'admin');
    expect(await refusal(viewing(signedOut, g.token))).toBe('access 401');
    expect(await refusal(viewing(signedOut, 'no such token'))).toBe('access 401');
    expect(await refusal(requireGroupOrderViewerById(t.db, signedOut, 999_999))).toBe('access 401');
    expect(await refusal(viewing(localsOf(w.staffA), 'no such token'))).toBe('not_found');
    expect(await refusal(viewing(localsOf(w.staffA), 'A'.repeat(24)))).toBe('not_found');
    expect(await refusal(requireGroupOrderViewerById(t.db, localsOf(w.manager), 999_999))).toBe('not_found');
    expect(await refusal(viewing(localsOf(w.outsider), g.token))).toBe('access 403');
    expect(await refusal(requireGroupOrderViewerById(t.db, localsOf(w.outsider), g.id))).toBe('access 403');
    // The village's manager and a platform admin may look, but have no place on the list and do not close it.
    for (const locals of [localsOf(w.manager), admin]) {
      expect((await signUpPageAs(locals, g.token)).mayClose).toBe(false);
      const input = SignUpSchema.parse({ token: g.token, itemId: [String(g.peachItem)], quantity: ['1'] });
      expect(await refusal(signUpForGroupOrder(t.db, await viewing(locals, g.token), input, NOW))).toBe('access 403');
      expect(await refusal(closeAs(locals, g.token))).toBe('access 403');
    }
    // Closing is the buyers' and admins' of the unit; staff sign up only.
    expect(await refusal(closeAs(localsOf(w.staffA), g.token))).toBe('access 403');
    // Marking a share paid is the village's: the unit's people are refused before the state is looked at.
    expect(await refusal(markPaidAs(localsOf(w.buyer), { groupOrderId: g.id, userId: w.staffA.id }))).toBe('access 403');
    expect(await refusal(markPaidAs(localsOf(w.manager), { groupOrderId: g.id, userId: w.staffA.id }))).toBe('group_not_payable');
    expect(await refusal(markPaidAs(admin, { groupOrderId: g.id, userId: w.staffA.id }))).toBe('group_not_payable');
  });

  it('lists the unit’s group orders, and the villages and listings to open one from for those who may', async () => {
    const w = await world();
    const g = await open(w);
    const desk = (await unitGroupOrdersDesk(t.db, w.unit.id, { mayOpen: true, villageId: w.v.id }))!;
    expect(desk.unit).toEqual({ id: w.unit.id, name: w.unit.name });
    expect(desk.list.map((o) => [o.token, o.status, o.people])).toEqual([[g.token, 'open', 0]]);
    expect(desk.villageOptions.map((v) => v.id)).toEqual(expect.arrayContaining([w.v.id]));
    expect(desk.village?.id).toBe(w.v.id);
    expect(desk.listings.map((l) => [l.id, l.tiers])).toEqual([
      [w.peach.id, [{ minQuantity: 5, priceFen: 3500 }]],
      [w.eggs.id, []],
    ]);
    const staffView = (await unitGroupOrdersDesk(t.db, w.unit.id, { mayOpen: false, villageId: w.v.id }))!;
    expect([staffView.villageOptions, staffView.village, staffView.listings, staffView.list.length]).toEqual([[], null, [], 1]);
    expect(await unitGroupOrdersDesk(t.db, 999_999, { mayOpen: true, villageId: w.v.id })).toBeNull();
  });

  it('two closes at once make one contract; the contract has one delivery with a line per person per item at the tier price reached', async () => {
    const w = await world();
    const g = await open(w);
    await signUp(w.staffA, g.token, [
      [g.peachItem, 3],
      [g.eggsItem, 2],
    ]);
    await signUp(w.staffB, g.token, [[g.peachItem, 2]]);
    const results = await Promise.all([closeGroupOrder(t.db, g.id, w.buyer.id, NOW), closeGroupOrder(t.db, g.id, null, NOW), closeDueGroupOrders(t.db, later(3 * 24 * 60))]);
    expect(results.slice(0, 2).filter((r) => r !== null)).toHaveLength(1);
    const made = await t.db.select().from(contracts).where(eq(contracts.unitId, w.unit.id));
    expect(made).toHaveLength(1);
    const [go] = await t.db.select().from(groupOrders).where(eq(groupOrders.id, g.id));
    expect(go.status).toBe('closed');
    expect(go.contractId).toBe(made[0].id);
    expect(made[0]).toMatchObject({ kind: 'group_order', paymentTerms: 'net', netDays: 30, address: '局机关一楼大厅' });
    const lines = await t.db.select().from(contractLines).where(eq(contractLines.contractId, made[0].id)).orderBy(contractLines.id);
    // 5 boxes together reach the 5-box tier: ¥35.00 instead of ¥39.80.
    expect(lines.map((l) => [l.variantId, l.unitPriceFen])).toEqual([
      [w.peach.id, 3500],
      [w.eggs.id, 1333],
    ]);
    const ds = await t.db.select().from(deliveries).where(eq(deliveries.contractId, made[0].id));
    expect(ds.map((d) => [d.seq, d.scheduledOn, d.freightFen])).toEqual([[1, '2026-05-14', 0n]]);
    // Within 7 days: the stock is held now.
    expect(ds[0].reservedAt).not.toBeNull();
    const [peachNow] = await t.db.select().from(productVariants).where(eq(productVariants.id, w.peach.id));
    expect([peachNow.stock, peachNow.reserved]).toEqual([95, 5]);
    const dl = await t.db.select().from(deliveryLines).where(eq(deliveryLines.deliveryId, ds[0].id));
    expect(dl.map((l) => [l.staffUserId, l.quantity]).sort()).toEqual(
      [
        [w.staffA.id, 2],
        [w.staffA.id, 3],
        [w.staffB.id, 2],
      ].sort(),
    );
    const split = await splitPageAs(localsOf(w.manager), g.token);
    expect(split.split.people.map((p) => [p.name, p.totalFen])).toEqual([
      ['李明', 7000n],
      ['王芳', 10_500n + 2666n],
    ]);
    expect(split.split.totalFen).toBe(20_166n);
  });

  it('a group order nobody signed up for closes as cancelled, by the closing job at its closing time', async () => {
    const w = await world();
    const g = await open(w);
    // What the scheduled job runs each minute.
    const closeDue = (now: Date) => jobs['procurement.close-group-orders'].run({ db: t.db, data: undefined, now, jobId: 'test', attempt: 1, lastAttempt: true });
    expect(await closeDue(later(60))).toBe(0);
    expect(await closeDue(new Date('2026-05-12T10:00:00Z'))).toBe(1);
    const [go] = await t.db.select().from(groupOrders).where(eq(groupOrders.id, g.id));
    expect([go.status, go.contractId]).toEqual(['cancelled', null]);
    expect(await t.db.select().from(contracts).where(eq(contracts.unitId, w.unit.id))).toEqual([]);
  });

  it('accepting the delivery writes 职工购买 for the unit, per person, to the 分; pay-each shares are recorded once', async () => {
    const w = await world();
    const g = await open(w, { paymentMode: 'each' });
    await signUp(w.staffA, g.token, [
      [g.peachItem, 1],
      [g.eggsItem, 3],
    ]);
    await signUp(w.staffB, g.token, [[g.eggsItem, 1]]);
    const closed = await closeAs(localsOf(w.buyer), g.token);
    const [contract] = await t.db.select().from(contracts).where(eq(contracts.number, closed.contractNumber!));
    expect([contract.paymentTerms, contract.netDays]).toEqual(['prepay', 0]);
    // Pay each: the village marks each person's share as it arrives, once.
    expect(await refusal(markPaidAs(localsOf(w.buyer), { groupOrderId: g.id, userId: w.staffA.id }))).toBe('access 403');
    await markPaidAs(localsOf(w.manager), { groupOrderId: g.id, userId: w.staffA.id });
    expect(await refusal(markPaidAs(localsOf(w.manager), { groupOrderId: g.id, userId: w.staffA.id }))).toBe('share_already_paid');
    const payments = await t.db.select().from(procurementPayments).where(eq(procurementPayments.contractId, contract.id));
    expect(payments.map((p) => p.amountFen)).toEqual([3980n + 3999n]);
    const split = await splitPageAs(localsOf(w.buyer), g.token);
    expect(split.split.people.map((p) => [p.name, p.totalFen, p.paid])).toEqual([
      ['李明', 1333n, false],
      ['王芳', 7979n, true],
    ]);

    const [d] = await t.db.select().from(deliveries).where(eq(deliveries.contractId, contract.id));
    await shipDelivery(
      t.db,
      await requireDeliveryParty(t.db, localsOf(w.manager), d.id),
      { shippedOn: '2026-05-14', carrier: '村集体货车', note: '' },
      new Date('2026-05-14T02:00:00Z'),
    );
    const dl = await t.db.select().from(deliveryLines).where(eq(deliveryLines.deliveryId, d.id));
    await acceptDelivery(
      t.db,
      await requireDeliveryParty(t.db, localsOf(w.buyer), d.id),
      { received: new Map(dl.map((l) => [l.id, l.quantity])), note: '' },
      new Date('2026-05-14T06:00:00Z'),
    );
    const entries = await t.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.unitId, w.unit.id), eq(ledgerEntries.sourceKind, 'delivery')));
    expect(entries.every((e) => e.channel === 'staff_purchase')).toBe(true);
    const byPerson = new Map<number, bigint>();
    for (const e of entries) {
      const line = dl.find((l) => l.id === e.sourceId)!;
      byPerson.set(line.staffUserId!, (byPerson.get(line.staffUserId!) ?? 0n) + e.amountFen);
    }
    expect(byPerson.get(w.staffA.id)).toBe(3980n + 3999n);
    expect(byPerson.get(w.staffB.id)).toBe(1333n);
    expect(entries.reduce((s, e) => s + e.amountFen, 0n)).toBe(9312n);
    expect(entries.reduce((s, e) => s + e.grams, 0n)).toBe(2500n + 3000n + 1000n);
  });
});

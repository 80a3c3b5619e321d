// 团购接龙, pay-each, paid online: the real `stripe` SDK against the local
// stand-in, webhooks signed the way Stripe signs them. A person's session is
// for exactly their share; replays, reordering and the return page pay it once;
// a bad signature, a wrong amount or another person's metadata pay nobody.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { groupOrders, groupSharePayments, procurementPayments } from '../../db/schema/index.ts';
import { AccessError, DomainError } from '../../src/lib/errors.ts';
import { requireGroupOrderViewer, requireGroupOrderViewerById, requireUnitBuyer } from '../../src/modules/procurement/access.server.ts';
import { closeGroupOrder } from '../../src/modules/procurement/close-group-order.server.ts';
import { OpenGroupOrderSchema, SignUpSchema } from '../../src/modules/procurement/group-orders.ts';
import { openGroupOrder, signUpPage, splitPage } from '../../src/modules/procurement/group-orders.server.ts';
import { markSharePaid } from '../../src/modules/procurement/mark-share-paid.server.ts';
import { confirmShareReturn, mayPayOnline, onlinePayers, shareOf, startSharePayment } from '../../src/modules/procurement/pay-share-online.server.ts';
import { signUpForGroupOrder } from '../../src/modules/procurement/sign-up-group-order.server.ts';
import { setStripeConfigForTests, STRIPE_API_VERSION } from '../../src/modules/payments/client.server.ts';
import { deliver, deliverReplayed, event } from '../support/stripe-checkout.ts';
import { startStripeStandin, STANDIN_WEBHOOK_SECRET, type StandinSession, type StripeStandin } from '../support/stripe-standin.ts';
import { createCategory, createProducer, createProduct, createVillage } from '../factories/catalog.ts';
import { addUnitMember, appointVillageManager, createUnit, createUser } from '../factories/users.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
let standin: StripeStandin;
const settings = () => ({ secretKey: 'sk_test_standin', webhookSecret: STANDIN_WEBHOOK_SECRET, apiBase: standin.url, reservationMinutes: 30 });

beforeAll(async () => {
  standin = await startStripeStandin();
  setStripeConfigForTests(settings());
});
afterAll(async () => {
  setStripeConfigForTests(null);
  await standin?.close();
});
afterEach(() => setStripeConfigForTests(settings()));

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof DomainError ? e.key : e instanceof AccessError ? `access ${e.status}` : `unexpected: ${String(e)}`),
  );
const localsOf = (u: { id: number; email: string }) => ({
  user: { id: u.id, email: u.email, displayName: '', mobile: null, role: 'user' as const },
  session: { id: 's', userId: u.id, expiresAt: new Date() },
});
// Each call as its action or page makes it: the guard first, then the call with what it proved.
const viewing = (u: { id: number; email: string }, token: string) => requireGroupOrderViewer(t.db, localsOf(u), token);
const markPaidBy = async (u: { id: number; email: string }, input: { groupOrderId: number; userId: number }, now?: Date) =>
  markSharePaid(t.db, await requireGroupOrderViewerById(t.db, localsOf(u), input.groupOrderId), input, now);
const urls = { successUrl: 'http://localhost:4321/group/x?share_session={CHECKOUT_SESSION_ID}', cancelUrl: 'http://localhost:4321/group/x' };
const NOW = new Date('2026-05-10T02:00:00Z');
const AFTER_CLOSE = new Date('2026-05-13T02:00:00Z');

/**
 * A closed pay-each group order: 王芳 takes 3 peaches, 李明 2 peaches and 1 eggs.
 * Together 5 peaches reach the 35.00 tier: 王芳 owes 105.00, 李明 70.00 + 13.33 = 83.33.
 */
async function closedGroupOrder(paymentMode: 'each' | 'unit' = 'each', close = true) {
  const v = await createVillage(t.db);
  const coop = await createProducer(t.db, { villageId: v.id });
  const category = await createCategory(t.db);
  const {
    variants: [peach],
  } = await createProduct(t.db, {
    villageId: v.id,
    producerId: coop.id,
    categoryId: category.id,
    variants: [{ priceFen: 3980, stock: 100, saleUnit: 'box', tiers: [{ minQuantity: 5, priceFen: 3500 }] }],
  });
  const {
    variants: [eggs],
  } = await createProduct(t.db, { villageId: v.id, producerId: coop.id, categoryId: category.id, variants: [{ priceFen: 1333, stock: 100, saleUnit: 'box' }] });
  const buyer = await createUser(t.db, { displayName: '采购员' });
  const unit = await createUnit(t.db, { createdBy: buyer.id });
  await addUnitMember(t.db, unit.id, buyer.id, 'buyer');
  const wang = await createUser(t.db, { displayName: '王芳' });
  const li = await createUser(t.db, { displayName: '李明' });
  const idle = await createUser(t.db, { displayName: '没报名' });
  for (const u of [wang, li, idle]) await addUnitMember(t.db, unit.id, u.id, 'staff');
  const outsider = await createUser(t.db);
  const manager = await createUser(t.db);
  await appointVillageManager(t.db, v.id, manager.id);
  const form = OpenGroupOrderSchema.parse({
    unitId: String(unit.id),
    villageId: String(v.id),
    title: '端午福利',
    note: '一楼大厅',
    variantId: [String(peach.id), String(eggs.id)],
    closesAt: '2026-05-12T18:00',
    deliverOn: '2026-05-14',
    paymentMode,
  });
  const { id, token } = await openGroupOrder(t.db, await requireUnitBuyer(t.db, localsOf(buyer), form.unitId), form, NOW);
  const items = (await signUpPage(t.db, await viewing(buyer, token), NOW)).items;
  const item = (variantId: number) => String(items.find((i) => i.variantId === variantId)!.id);
  const signUp = async (u: typeof wang, q: [number, number][]) => {
    const input = SignUpSchema.parse({ token, itemId: q.map(([i]) => item(i)), quantity: q.map(([, n]) => String(n)) });
    return signUpForGroupOrder(t.db, await viewing(u, input.token), input, NOW);
  };
  await signUp(wang, [[peach.id, 3]]);
  await signUp(li, [
    [peach.id, 2],
    [eggs.id, 1],
  ]);
  if (close) await closeGroupOrder(t.db, id, buyer.id, AFTER_CLOSE);
  const [go] = await t.db.select().from(groupOrders).where(eq(groupOrders.id, id));
  return { go, token, wang, li, idle, outsider, manager, buyer };
}

const pay = async (u: { id: number; email: string }, token: string, now = AFTER_CLOSE) => startSharePayment(t.db, await viewing(u, token), urls, 'zh', now);
const sessionIdOf = (url: string) => url.split('/').at(-1)!;
const paymentsOf = (contractId: number) => t.db.select().from(procurementPayments).where(eq(procurementPayments.contractId, contractId)).orderBy(procurementPayments.id);
const paidFlags = async (go: { id: number; contractId: number | null }, ...people: { id: number }[]) =>
  Promise.all(people.map(async (p) => (await shareOf(t.db, go as never, p.id)).paid));

describe('a person pays their group-order share online', () => {
  it('gets a CNY session for exactly their share, with metadata naming the group order and them, once per double click', async () => {
    const { go, token, wang, li, buyer } = await closedGroupOrder();
    const before = standin.requestsTo('POST', '/v1/checkout/sessions').length;
    const url = await pay(li, token);
    const [sent] = standin.requestsTo('POST', '/v1/checkout/sessions').slice(-1);
    const body = sent.body as Record<string, any>;
    expect(sent.headers['stripe-version']).toBe(STRIPE_API_VERSION);
    expect(sent.headers['idempotency-key']).toBe(`group-share:${token}:${li.id}:first`);
    expect(body.currency).toBe('cny');
    expect(body.allowed_payment_method_types).toEqual(['card', 'alipay', 'wechat_pay']);
    expect(body).not.toHaveProperty('payment_method_types');
    expect((body.line_items as any[]).map((l) => [Number(l.price_data.unit_amount), Number(l.quantity)])).toEqual([
      [3500, 2],
      [1333, 1],
    ]);
    expect(body.metadata).toEqual({ groupOrderId: String(go.id), userId: String(li.id) });
    expect(body.payment_intent_data.metadata).toEqual({ groupOrderId: String(go.id), userId: String(li.id) });
    const session = standin.sessions.get(sessionIdOf(url))!;
    expect(session.amount_total).toBe(8333);
    // Exactly what the split list says 李明 owes.
    const split = await splitPage(t.db, await viewing(buyer, token));
    expect(split.split.people.find((p) => p.userId === li.id)!.totalFen).toBe(8333n);
    const [row] = await t.db.select().from(groupSharePayments).where(eq(groupSharePayments.stripeSessionId, session.id));
    expect(row).toMatchObject({ groupOrderId: go.id, userId: li.id, amountFen: 8333n, paidAt: null });

    // A second click (and two more at once) give the same open session, not another.
    expect(await pay(li, token)).toBe(url);
    expect(await Promise.all([pay(li, token), pay(li, token)])).toEqual([url, url]);
    expect(standin.requestsTo('POST', '/v1/checkout/sessions').length).toBe(before + 1);

    // Two first clicks at once: one session at Stripe (the key), one row here.
    const both = await Promise.all([pay(wang, token), pay(wang, token)]);
    expect(both[0]).toBe(both[1]);
    expect(standin.sessions.get(sessionIdOf(both[0]))!.amount_total).toBe(10_500);
    expect(await t.db.select().from(groupSharePayments).where(eq(groupSharePayments.userId, wang.id))).toHaveLength(1);
  });

  it('is only for people who signed up, of a closed pay-each order, while Stripe is configured', async () => {
    const open = await closedGroupOrder('each', false);
    expect(await refusal(pay(open.wang, open.token, NOW))).toBe('group_not_payable');
    const unitPays = await closedGroupOrder('unit');
    expect(await refusal(pay(unitPays.wang, unitPays.token))).toBe('group_not_payable');
    const { go, token, idle, outsider, manager, wang } = await closedGroupOrder();
    expect(await refusal(pay(idle, token))).toBe('group_no_share');
    expect(await refusal(pay(manager, token))).toBe('access 403');
    expect(await refusal(pay(outsider, token))).toBe('access 403');
    setStripeConfigForTests({ secretKey: null });
    expect(await refusal(pay(wang, token))).toBe('group_pay_unavailable');
    expect(mayPayOnline(go, await shareOf(t.db, go, wang.id))).toBe(false);
    // The bank transfer marked by the village still works without Stripe.
    await markPaidBy(manager, { groupOrderId: go.id, userId: wang.id }, AFTER_CLOSE);
    expect(await paidFlags(go, wang)).toEqual([true]);
  });
});

describe('the webhook and the return page pay a share once', () => {
  it('completed delivered 10 times, shuffled and concurrent → paid once, one payment with the payment intent', async () => {
    const { go, token, wang, li, manager } = await closedGroupOrder();
    const sid = sessionIdOf(await pay(wang, token));
    const paid = standin.pay(sid);
    const results = await deliverReplayed(t.db, [event('checkout.session.completed', paid)]);
    expect(results.filter((r) => r === 'handled')).toHaveLength(1);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(9);
    const payments = await paymentsOf(go.contractId!);
    expect(payments.map((p) => [p.amountFen, p.reference])).toEqual([[10_500n, paid.payment_intent]]);
    expect(await paidFlags(go, wang, li)).toEqual([true, false]);
    expect([...(await onlinePayers(t.db, go.id))]).toEqual([wang.id]);
    // The return page afterwards, and the village's button, change nothing.
    await confirmShareReturn(t.db, sid);
    expect(await refusal(markPaidBy(manager, { groupOrderId: go.id, userId: wang.id }))).toBe('share_already_paid');
    expect(await paymentsOf(go.contractId!)).toHaveLength(1);
    // No second session for a paid share.
    expect(await refusal(pay(wang, token))).toBe('group_share_paid');
  });

  it('async payment: completed (unpaid) and succeeded, out of order, with the return page first → paid once', async () => {
    const { go, token, li } = await closedGroupOrder();
    const sid = sessionIdOf(await pay(li, token));
    const pending = structuredClone(standin.pay(sid, { paid: false }));
    await confirmShareReturn(t.db, sid); // not paid yet: nothing
    expect(await paymentsOf(go.contractId!)).toHaveLength(0);
    const settled = standin.settle(sid);
    await confirmShareReturn(t.db, sid);
    const results = await deliverReplayed(t.db, [event('checkout.session.async_payment_succeeded', settled), event('checkout.session.completed', pending)], 11);
    expect(results.filter((r) => r === 'handled')).toHaveLength(0);
    const payments = await paymentsOf(go.contractId!);
    expect(payments.map((p) => [p.amountFen, p.reference])).toEqual([[8333n, settled.payment_intent]]);
    expect(await paidFlags(go, li)).toEqual([true]);
  });

  it('refuses a wrong signature and changes nothing', async () => {
    const { go, token, wang } = await closedGroupOrder();
    const paid = standin.pay(sessionIdOf(await pay(wang, token)));
    const forged = await deliver(t.db, event('checkout.session.completed', paid), 'whsec_someone_else');
    expect(forged).toEqual({ status: 400, body: { error: 'invalid_signature' } });
    expect(await paymentsOf(go.contractId!)).toHaveLength(0);
    expect(await paidFlags(go, wang)).toEqual([false]);
  });

  it('pays only the person the session was made for: not whoever the metadata names, not for a wrong amount, not for a session we did not make', async () => {
    const { go, token, wang, li } = await closedGroupOrder();
    const wangSession = standin.pay(sessionIdOf(await pay(wang, token)));
    const liSid = sessionIdOf(await pay(li, token));

    // 李明's session, paid, but with an amount that is not his share: nobody is paid.
    const short: StandinSession = { ...structuredClone(standin.pay(liSid)), amount_total: 1 };
    expect((await deliver(t.db, event('checkout.session.completed', short))).body.result).toBe('ignored');
    // A session nobody here created, naming 李明 with his exact amount: ignored.
    const stranger: StandinSession = {
      ...structuredClone(wangSession),
      id: `cs_test_${randomBytes(8).toString('hex')}`,
      amount_total: 8333,
      metadata: { groupOrderId: String(go.id), userId: String(li.id) },
    };
    expect((await deliver(t.db, event('checkout.session.completed', stranger))).body.result).toBe('ignored');
    // 王芳's session with metadata rewritten to 李明: it still pays 王芳's share, and only hers.
    const relabelled: StandinSession = { ...structuredClone(wangSession), metadata: { groupOrderId: String(go.id), userId: String(li.id) } };
    expect((await deliver(t.db, event('checkout.session.completed', relabelled))).body.result).toBe('handled');
    expect(await paidFlags(go, wang, li)).toEqual([true, false]);
    expect((await paymentsOf(go.contractId!)).map((p) => p.amountFen)).toEqual([10_500n]);
    expect(
      await t.db
        .select()
        .from(groupSharePayments)
        .where(and(eq(groupSharePayments.userId, li.id), eq(groupSharePayments.groupOrderId, go.id))),
    ).toMatchObject([{ paidAt: null }]);
  });

  it('money that comes after the village marked a transfer records no second payment', async () => {
    const { go, token, li, manager } = await closedGroupOrder();
    const sid = sessionIdOf(await pay(li, token));
    await markPaidBy(manager, { groupOrderId: go.id, userId: li.id }, AFTER_CLOSE);
    const paid = standin.pay(sid);
    expect((await deliver(t.db, event('checkout.session.completed', paid))).status).toBe(200);
    expect((await paymentsOf(go.contractId!)).map((p) => p.amountFen)).toEqual([8333n]);
  });
});

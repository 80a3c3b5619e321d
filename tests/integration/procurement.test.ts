// Bulk procurement end to end, through the domain functions and the form schemas:
// the broom contract (询价 → 报价 → revision → approval → 12 monthly deliveries →
// 验收 with a shortfall → ledger → invoice → transfer → drawdown, dues, 对账单),
// overdue terms, two approvers at once, who may do what (and that a refusal writes
// nothing), cancelling, rescheduling with the stock held following, expiry and
// thresholds, and bad input. Every date is passed in; every amount is exact 分.
import { and, asc, count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import {
  contractLines,
  contracts,
  deliveries,
  deliveryLines,
  ledgerEntries,
  outbox,
  procurementInvoices,
  procurementPayments,
  productVariants,
  quoteEvents,
  quoteLines,
  quoteRequestLines,
  quoteRequests,
  quotes,
} from '../../db/schema/index.ts';
import { AccessError, DomainError } from '../../src/lib/errors.ts';
import type { AuthLocals } from '../../src/modules/auth/guards.server.ts';
import { checkLedger } from '../../src/modules/ledger/check.server.ts';
import {
  requireContractParty,
  requireContractPartyByNumber,
  requireDeliveryParty,
  requireRequestParty,
  requireRequestPartyByNumber,
  requireUnitBuyer,
} from '../../src/modules/procurement/access.server.ts';
import { recordInvoice, recordPayment } from '../../src/modules/procurement/billing.server.ts';
import { cancelContract, reserveUpcoming } from '../../src/modules/procurement/contract.server.ts';
import { approveQuote, decideQuote } from '../../src/modules/procurement/decide-quote.server.ts';
import { rescheduleDelivery, shipDelivery } from '../../src/modules/procurement/deliveries.server.ts';
import {
  AcceptDeliverySchema,
  ApproveQuoteSchema,
  CancelContractSchema,
  DecideQuoteSchema,
  InvoiceSchema,
  PaymentSchema,
  QuoteRequestSchema,
  QuoteSchema,
  RequestIdSchema,
  RescheduleSchema,
  ShipDeliverySchema,
  type QuoteRequestInput,
} from '../../src/modules/procurement/procurement.ts';
import { contractDetail, requestDetail } from '../../src/modules/procurement/queries.server.ts';
import { createQuoteRequest, withdrawRequest } from '../../src/modules/procurement/request.server.ts';
import { sendQuote } from '../../src/modules/procurement/send-quote.server.ts';
import { unitStatement } from '../../src/modules/procurement/statement.server.ts';
import { parsePeriod } from '../../src/modules/reports/periods.ts';
import { acceptDelivery } from '../../src/workflows/accept-delivery.ts';
import { createBroomVillage, createBuyingUnit, localsFor, quoteForm, quoteRequestForm, setThreshold } from '../factories/procurement.ts';
import { addUnitMember, createUser } from '../factories/users.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof DomainError ? e.key : e instanceof AccessError ? `access ${e.status}` : `unexpected: ${String(e)}`),
  );
/** The HTTP status a refusal would answer with, whichever error class carries it. */
const statusOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof DomainError || e instanceof AccessError ? e.status : `unexpected: ${String(e)}`),
  );
/** The message keys of a failed parse (empty when it parses). */
const issues = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : [...new Set(r.error!.issues.map((i) => i.message))];
};

/** 2027-01-02 10:00 in Shanghai. Later days at the same hour: at('2027-01-05'). */
const NOW = new Date('2027-01-02T02:00:00Z');
const at = (day: string) => new Date(`${day}T02:00:00Z`);

type World = Awaited<ReturnType<typeof world>>;

async function world(thresholdFen = 10_000_000n) {
  const v = await createBroomVillage(t.db);
  const u = await createBuyingUnit(t.db, { thresholdFen });
  return { ...v, ...u, as: { buyer: localsFor(u.buyer), approver: localsFor(u.approver), admin: localsFor(u.admin), manager: localsFor(v.manager) } };
}

// Each step as its form's action runs it: the parsed form, the guard the action calls
// first (401 signed out, 404 no part in it), then the call with the party it proved.
const requestAs = async (by: AuthLocals, input: QuoteRequestInput, now = NOW) => createQuoteRequest(t.db, await requireUnitBuyer(t.db, by, input.unitId), input, now);

async function request(w: World, over: Record<string, unknown> = {}, by: AuthLocals = w.as.buyer) {
  const input = QuoteRequestSchema.parse(quoteRequestForm({ unitId: w.unit.id, villageId: w.village.id, variantId: [String(w.broom.id)], quantity: ['1000'], ...over }));
  const { number } = await requestAs(by, input);
  const [row] = await t.db.select().from(quoteRequests).where(eq(quoteRequests.number, number));
  const [line] = await t.db.select().from(quoteRequestLines).where(eq(quoteRequestLines.requestId, row.id));
  return { id: row.id, number, lineId: line.id };
}
type Req = Awaited<ReturnType<typeof request>>;

const quote = async (w: World, r: Req, yuan: string, over: Record<string, unknown> = {}, now = NOW, by: AuthLocals = w.as.manager) => {
  const input = QuoteSchema.parse(quoteForm(r.id, [[r.lineId, yuan]], over));
  return sendQuote(t.db, await requireRequestParty(t.db, by, input.requestId), input, now);
};
const decide = async (r: Req, by: AuthLocals, decision: 'accept' | 'decline' | 'changes', note = '', now = NOW) => {
  const input = DecideQuoteSchema.parse({ requestId: String(r.id), decision, note });
  return decideQuote(t.db, await requireRequestParty(t.db, by, input.requestId), input, now);
};
const approve = async (r: Req, by: AuthLocals, now = NOW) => {
  const input = ApproveQuoteSchema.parse({ requestId: String(r.id), decision: 'approve', reason: '' });
  return approveQuote(t.db, await requireRequestParty(t.db, by, input.requestId), input, now);
};
const withdraw = async (r: { id: number }, by: AuthLocals) => {
  const input = RequestIdSchema.parse({ requestId: String(r.id) });
  return withdrawRequest(t.db, await requireRequestParty(t.db, by, input.requestId));
};
const ship = async (id: number, by: AuthLocals, day: string) => {
  const input = ShipDeliverySchema.parse({ deliveryId: String(id), shippedOn: day, carrier: '顺丰速运', note: '' });
  return shipDelivery(t.db, await requireDeliveryParty(t.db, by, input.deliveryId), input, at(day));
};
const accept = async (d: { id: number; lineId: number }, by: AuthLocals, received: string, note: string, now: Date) => {
  const input = AcceptDeliverySchema.parse({ deliveryId: String(d.id), lineId: [String(d.lineId)], received: [received], note });
  return acceptDelivery(t.db, await requireDeliveryParty(t.db, by, input.deliveryId), input, now);
};
const reschedule = async (d: { id: number; lineId: number }, by: AuthLocals, scheduledOn: string, following: 'yes' | 'no', quantity: string | null, now = NOW) => {
  const input = RescheduleSchema.parse({ deliveryId: String(d.id), scheduledOn, following, lineId: quantity ? [String(d.lineId)] : [], quantity: quantity ? [quantity] : [] });
  return rescheduleDelivery(t.db, await requireDeliveryParty(t.db, by, input.deliveryId), input, now);
};
const invoice = async (d: { id: number }, by: AuthLocals, amount: string, issuedOn: string, number = 'FP20270106') => {
  const input = InvoiceSchema.parse({ deliveryId: String(d.id), number, issuedOn, amount });
  return recordInvoice(t.db, await requireDeliveryParty(t.db, by, input.deliveryId), input, at(issuedOn));
};
const pay = async (contractId: number, by: AuthLocals, amount: string, paidOn: string) => {
  const input = PaymentSchema.parse({ contractId: String(contractId), amount, paidOn, reference: '对公转账回单 0001' });
  return recordPayment(t.db, await requireContractParty(t.db, by, input.contractId), input, at(paidOn));
};
const cancel = async (contractId: number, by: AuthLocals, reason = '单位预算调整') => {
  const input = CancelContractSchema.parse({ contractId: String(contractId), reason });
  return cancelContract(t.db, await requireContractParty(t.db, by, input.contractId), input.reason);
};
// The request and contract pages: the guard by the number in the URL, then the read.
const requestPage = async (number: string, by: AuthLocals) => requestDetail(t.db, await requireRequestPartyByNumber(t.db, by, number));
const contractPage = async (number: string, by: AuthLocals, now: Date) => contractDetail(t.db, await requireContractPartyByNumber(t.db, by, number), now);

async function requestStatus(requestId: number) {
  const [r] = await t.db.select({ status: quoteRequests.status }).from(quoteRequests).where(eq(quoteRequests.id, requestId));
  return r.status;
}

/** The contract made from a request, with its deliveries in order and each one's (single) line. */
async function contractOf(requestId: number) {
  const [contract] = await t.db.select().from(contracts).where(eq(contracts.requestId, requestId));
  if (!contract) return null;
  const rows = await t.db
    .select({ d: deliveries, line: deliveryLines })
    .from(deliveries)
    .innerJoin(deliveryLines, eq(deliveryLines.deliveryId, deliveries.id))
    .where(eq(deliveries.contractId, contract.id))
    .orderBy(asc(deliveries.seq));
  return { contract, deliveries: rows.map(({ d, line }) => ({ ...d, lineId: line.id, quantity: line.quantity, received: line.receivedQuantity })) };
}

/** Request → quote → accept (→ approval when needed): the contract. */
async function contracted(w: World, over: Record<string, unknown> = {}, yuan = '15.00') {
  const r = await request(w, over);
  await quote(w, r, yuan);
  const { status } = await decide(r, w.as.buyer, 'accept');
  if (status === 'pending_unit_approval') await approve(r, w.as.approver);
  return { r, ...(await contractOf(r.id))! };
}

async function stockOf(variantId: number) {
  const [v] = await t.db
    .select({ stock: productVariants.stock, reserved: productVariants.reserved, sold: productVariants.sold })
    .from(productVariants)
    .where(eq(productVariants.id, variantId));
  return v;
}

/** Everything a procurement step could write: row counts, states, dates, holds and stock. */
async function snapshot() {
  const n = async (table: PgTable) => (await t.db.select({ n: count() }).from(table))[0].n;
  return {
    counts: await Promise.all(
      [
        quoteRequests,
        quoteRequestLines,
        quotes,
        quoteLines,
        quoteEvents,
        contracts,
        contractLines,
        deliveries,
        deliveryLines,
        procurementInvoices,
        procurementPayments,
        ledgerEntries,
        outbox,
      ].map(n),
    ),
    requests: await t.db.select({ id: quoteRequests.id, status: quoteRequests.status, updatedAt: quoteRequests.updatedAt }).from(quoteRequests).orderBy(quoteRequests.id),
    contracts: await t.db.select({ id: contracts.id, status: contracts.status }).from(contracts).orderBy(contracts.id),
    deliveries: await t.db.select().from(deliveries).orderBy(deliveries.id),
    lines: await t.db.select().from(deliveryLines).orderBy(deliveryLines.id),
    stock: await t.db
      .select({ id: productVariants.id, stock: productVariants.stock, reserved: productVariants.reserved, sold: productVariants.sold })
      .from(productVariants)
      .orderBy(productVariants.id),
  };
}

describe('the broom contract (1000 把 a month for a year)', () => {
  it('goes from request to paid delivery with exact stock, ledger, drawdown, dues and statement', async () => {
    const w = await world(10_000_000n);
    const r = await request(w);

    // The village sees the request; the form suggests the tier price for 1000 (≥ 500 → 15.00 元).
    const asked = await requestPage(r.number, w.as.manager);
    expect(asked.request.status).toBe('pending_village_quote');
    expect(asked.lines).toMatchObject([{ id: r.lineId, variantId: w.broom.id, saleUnit: 'bundle', quantity: 1000, description: '扫帚 高粱扫帚' }]);
    expect(asked.request).toMatchObject({ firstDeliveryOn: '2027-01-05', recurrence: 'monthly', periods: 12 });
    const suggested = asked.suggested.get(r.lineId)!;
    expect(suggested).toBe(1500);

    expect(await quote(w, r, (suggested / 100).toFixed(2), { freight: '0', paymentTerms: 'net', netDays: '30' })).toEqual({ number: r.number, revision: 1 });
    expect(await decide(r, w.as.buyer, 'changes', '请按每把14.80元报价')).toEqual({ number: r.number, status: 'pending_village_quote' });
    expect(await quote(w, r, '14.80', { freight: '0', paymentTerms: 'net', netDays: '30' })).toEqual({ number: r.number, revision: 2 });
    const sent = await t.db.select().from(quotes).where(eq(quotes.requestId, r.id)).orderBy(quotes.revision);
    expect(sent.map((q) => [q.revision, q.goodsFen, q.freightFen, q.paymentTerms, q.netDays])).toEqual([
      [1, 1_500_000n, 0n, 'net', 30],
      [2, 1_480_000n, 0n, 'net', 30],
    ]);

    // 12 × 1000 × 14.80 = 177 600 元 > 100 000 元: the approver decides.
    expect(await decide(r, w.as.buyer, 'accept')).toEqual({ number: r.number, status: 'pending_unit_approval' });
    const [pending] = await t.db.select().from(quoteRequests).where(eq(quoteRequests.id, r.id));
    expect(pending).toMatchObject({ acceptedQuoteId: sent[1].id, needsApproval: true });
    expect(await contractOf(r.id)).toBeNull();
    expect(await refusal(approve(r, w.as.buyer))).toBe('access 403');
    expect(await requestStatus(r.id)).toBe('pending_unit_approval');
    expect(await approve(r, w.as.approver)).toEqual({ number: r.number, status: 'contracted' });

    const c = (await contractOf(r.id))!;
    expect(c.contract).toMatchObject({ status: 'active', paymentTerms: 'net', netDays: 30, unitId: w.unit.id, villageId: w.village.id, quoteId: sent[1].id });
    expect(c.contract.number).toMatch(/^HT270102\d{8}$/);
    const [cl] = await t.db.select().from(contractLines).where(eq(contractLines.contractId, c.contract.id));
    expect(cl).toMatchObject({ variantId: w.broom.id, unitPriceFen: 1480, saleUnit: 'bundle' });
    expect(c.deliveries.map((d) => d.scheduledOn)).toEqual(Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}-05`));
    expect(c.deliveries.every((d) => d.quantity === 1000 && d.status === 'pending_village_shipment' && d.freightFen === 0n)).toBe(true);
    // Only 2027-01-05 falls within 7 days of 2027-01-02: only it holds stock.
    expect(c.deliveries.map((d) => d.reservedAt !== null)).toEqual([true, ...Array(11).fill(false)]);
    expect(await stockOf(w.broom.id)).toEqual({ stock: 4000, reserved: 1000, sold: 0 });

    const [d1] = c.deliveries;
    await ship(d1.id, w.as.manager, '2027-01-05');
    expect(await stockOf(w.broom.id)).toEqual({ stock: 4000, reserved: 0, sold: 1000 });

    // 验收: 980 arrived. A shortfall needs a note; more than was sent is refused.
    const day6 = at('2027-01-06');
    expect(await refusal(accept(d1, w.as.buyer, '980', '', day6))).toBe('shortfall_note_required');
    expect(await refusal(accept(d1, w.as.buyer, '1001', '', day6))).toBe('received_too_many');
    expect(await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.unitId, w.unit.id))).toEqual([]);
    expect(await accept(d1, w.as.buyer, '980', '到货980把，20把破损退回', day6)).toEqual({ number: c.contract.number, billedFen: 1_450_400n });
    expect(await refusal(accept(d1, w.as.buyer, '980', '再点一次', day6))).toBe('delivery_already_accepted');
    expect(await statusOf(accept(d1, w.as.buyer, '980', '再点一次', day6))).toBe(409);

    const entries = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.unitId, w.unit.id));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      channel: 'unit_purchase',
      sourceKind: 'delivery',
      sourceId: d1.lineId,
      amountFen: 1_450_400n,
      quantity: 980,
      grams: 392_000n,
      unitId: w.unit.id,
      villageId: w.village.id,
      productId: w.product.id,
      variantId: w.broom.id,
      producerId: w.producer.id,
    });
    expect(entries[0].occurredAt).toEqual(day6);

    // Invoice for exactly what was billed, once.
    expect(await refusal(invoice(d1, w.as.manager, '14504.01', '2027-01-06'))).toBe('invoice_amount_mismatch');
    expect(await invoice(d1, w.as.manager, '14,504.00', '2027-01-06')).toEqual({ number: c.contract.number });
    expect(await refusal(invoice(d1, w.as.manager, '14504.00', '2027-01-06', 'FP20270107'))).toBe('invoice_exists');
    expect(await t.db.select({ amountFen: procurementInvoices.amountFen, number: procurementInvoices.number }).from(procurementInvoices)).toEqual([
      { amountFen: 1_450_400n, number: 'FP20270106' },
    ]);

    // Before the transfer: the unit owes what it accepted; the ledger reconciles.
    const unpaid = await unitStatement(t.db, w.unit.id, parsePeriod('2027-01')!);
    expect(unpaid).toMatchObject({ openingFen: 0n, acceptedFen: 1_450_400n, invoicedFen: 1_450_400n, paidFen: 0n, closingFen: 1_450_400n });
    expect((await unitStatement(t.db, w.unit.id, parsePeriod('2027-02')!))?.openingFen).toBe(1_450_400n);
    expect((await checkLedger(t.db)).mismatches).toEqual([]);

    expect(await pay(c.contract.id, w.as.buyer, '14504.00', '2027-01-20')).toEqual({ number: c.contract.number });
    expect(
      await t.db
        .select({ amountFen: procurementPayments.amountFen, paidOn: procurementPayments.paidOn })
        .from(procurementPayments)
        .where(eq(procurementPayments.contractId, c.contract.id)),
    ).toEqual([{ amountFen: 1_450_400n, paidOn: '2027-01-20' }]);

    const detail = await contractPage(c.contract.number, w.as.buyer, at('2027-03-01'));
    expect(detail.money.paidFen).toBe(1_450_400n);
    expect(detail.money.drawnFen).toBe(1_450_400n);
    expect(detail.money.totalFen).toBe(1_450_400n + 11n * 1_480_000n);
    expect(detail.money.remainingFen).toBe(11n * 1_480_000n);
    expect(detail.dues.overdueFen).toBe(0n);
    expect(detail.dues.lines).toEqual([{ id: d1.id, seq: 1, dueOn: '2027-02-05', amountFen: 1_450_400n, paidFen: 1_450_400n, outstandingFen: 0n, overdue: false }]);
    expect(detail.deliveries[0].invoice?.amountFen).toBe(1_450_400n);

    const statement = await unitStatement(t.db, w.unit.id, parsePeriod('2027-01')!);
    expect(statement).toMatchObject({ openingFen: 0n, acceptedFen: 1_450_400n, invoicedFen: 1_450_400n, paidFen: 1_450_400n, closingFen: 0n });
    expect(statement?.accepted.map((a) => [a.id, a.billedFen])).toEqual([[d1.id, 1_450_400n]]);
    // A unit that does not exist (a platform admin may ask for any id) has no statement.
    expect(await unitStatement(t.db, 999_999, parsePeriod('2027-01')!)).toBeNull();
    expect(await unitStatement(t.db, w.unit.id, parsePeriod('2027-02')!)).toMatchObject({ openingFen: 0n, acceptedFen: 0n, paidFen: 0n, closingFen: 0n });

    expect((await checkLedger(t.db)).mismatches).toEqual([]);
  });
});

describe('payment terms', () => {
  it('net 30: accepted on 2027-01-06 and unpaid, due 2027-02-05, overdue from 2027-02-06', async () => {
    const w = await world();
    // 600 × 15.00 = 9 000 元, once: under the threshold, contracted at once.
    const c = await contracted(w, { quantity: ['600'], recurrence: 'once', periods: '1' });
    const [d] = c.deliveries;
    await ship(d.id, w.as.manager, '2027-01-05');
    await accept(d, w.as.buyer, '600', '', at('2027-01-06'));
    const onDueDay = await contractPage(c.contract.number, w.as.buyer, at('2027-02-05'));
    expect(onDueDay.dues).toEqual({
      lines: [{ id: d.id, seq: 1, dueOn: '2027-02-05', amountFen: 900_000n, paidFen: 0n, outstandingFen: 900_000n, overdue: false }],
      overdueFen: 0n,
      creditFen: 0n,
    });
    const dayAfter = await contractPage(c.contract.number, w.as.manager, at('2027-02-06'));
    expect(dayAfter.dues.overdueFen).toBe(900_000n);
    expect(dayAfter.dues.lines.map((l) => [l.dueOn, l.overdue])).toEqual([['2027-02-05', true]]);
    // Accepted and nothing else left: the contract is complete.
    expect(dayAfter.contract.status).toBe('completed');
  });
});

describe('two approvers at once', () => {
  it('makes exactly one contract; the second approver finds the state changed', async () => {
    const w = await world();
    const r = await request(w);
    await quote(w, r, '15.00');
    expect((await decide(r, w.as.buyer, 'accept')).status).toBe('pending_unit_approval');
    const results = await Promise.all([
      approve(r, w.as.approver).then(
        () => 'ok',
        (e) => e,
      ),
      approve(r, w.as.admin).then(
        () => 'ok',
        (e) => e,
      ),
    ]);
    expect(results.filter((x) => x === 'ok')).toHaveLength(1);
    const failed = results.find((x) => x !== 'ok');
    expect(failed).toBeInstanceOf(DomainError);
    expect((failed as DomainError).key).toBe('request_state_changed');
    expect((failed as DomainError).status).toBe(409);
    expect((await t.db.select({ n: count() }).from(contracts).where(eq(contracts.requestId, r.id)))[0].n).toBe(1);
    expect((await contractOf(r.id))!.deliveries).toHaveLength(12);
    expect(
      (
        await t.db
          .select({ n: count() })
          .from(quoteEvents)
          .where(and(eq(quoteEvents.requestId, r.id), eq(quoteEvents.kind, 'approved')))
      )[0].n,
    ).toBe(1);
    // One delivery's hold, not two.
    expect(await stockOf(w.broom.id)).toEqual({ stock: 4000, reserved: 1000, sold: 0 });
  });
});

describe('who may do what', () => {
  it('refuses outsiders and the wrong side at every transition, writes nothing, then lets the right person through', async () => {
    const w = await world();
    // Requests in each state: to quote, to decide, to approve.
    const toQuote = await request(w, { quantity: ['100'], recurrence: 'once', periods: '1' });
    const toDecide = await request(w, { quantity: ['100'], recurrence: 'once', periods: '1' });
    await quote(w, toDecide, '15.00');
    const toApprove = await request(w, { firstDeliveryOn: '2027-02-01' });
    await quote(w, toApprove, '15.00');
    await decide(toApprove, w.as.buyer, 'accept');
    // A weekly contract: #1 accepted, #2 shipped, #3 and #4 to ship.
    const c = await contracted(w, { quantity: ['100'], recurrence: 'weekly', periods: '4' });
    const [d1, d2, d3] = c.deliveries;
    await ship(d1.id, w.as.manager, '2027-01-05');
    await accept(d1, w.as.buyer, '100', '', at('2027-01-06'));
    await ship(d2.id, w.as.manager, '2027-01-12');
    const today = at('2027-01-12');

    const transitions: Record<string, (by: AuthLocals) => Promise<unknown>> = {
      sendQuote: (by) => quote(w, toQuote, '15.00', {}, today, by),
      decideQuote: (by) => decide(toDecide, by, 'accept', '', today),
      approveQuote: (by) => approve(toApprove, by, today),
      shipDelivery: (by) => ship(d3.id, by, '2027-01-12'),
      acceptDelivery: (by) => accept(d2, by, '100', '', today),
      rescheduleDelivery: (by) => reschedule(d3, by, '2027-01-20', 'no', null, today),
      recordInvoice: (by) => invoice(d1, by, '1500.00', '2027-01-12'),
      recordPayment: (by) => pay(c.contract.id, by, '1500.00', '2027-01-12'),
      cancelContract: (by) => cancel(c.contract.id, by),
    };

    const staff = await createUser(t.db);
    await addUnitMember(t.db, w.unit.id, staff.id, 'staff');
    const other = await createBuyingUnit(t.db, { name: '另一家单位' });
    const otherVillage = await createBroomVillage(t.db);
    const stranger = await createUser(t.db);
    const outsiders = {
      staff: localsFor(staff),
      otherUnitBuyer: localsFor(other.buyer),
      otherUnitAdmin: localsFor(other.admin),
      otherVillageManager: localsFor(otherVillage.manager),
      stranger: localsFor(stranger),
    };

    const before = await snapshot();
    const seen = [];
    const expected = [];
    for (const [name, run] of Object.entries(transitions)) {
      for (const [who, locals] of Object.entries(outsiders)) {
        seen.push({ name, who, refused: await refusal(run(locals)), status: await statusOf(run(locals)) });
        expected.push({ name, who, refused: 'not_found', status: 404 });
      }
      seen.push({ name, who: 'signed out', refused: await refusal(run({ user: null, session: null })), status: 401 });
      expected.push({ name, who: 'signed out', refused: 'access 401', status: 401 });
    }
    expect(seen).toEqual(expected);
    // The request and contract pages: the same 404 for outsiders as for a number that does not exist; both parties see them.
    const pages = (locals: AuthLocals) => Promise.all([statusOf(requestPage(toQuote.number, locals)), statusOf(contractPage(c.contract.number, locals, today))]);
    for (const [who, locals] of Object.entries(outsiders)) expect({ who, statuses: await pages(locals) }).toEqual({ who, statuses: [404, 404] });
    expect(await pages({ user: null, session: null })).toEqual([401, 401]);
    expect(await statusOf(requestPage('XJ00000000000000', w.as.buyer))).toBe(404);
    for (const who of ['buyer', 'approver', 'admin', 'manager'] as const) expect({ who, statuses: await pages(w.as[who]) }).toEqual({ who, statuses: [null, null] });
    expect((await requestPage(toQuote.number, w.as.manager)).party).toEqual({ userId: w.manager.id, unitRole: null, villageManager: true, platformAdmin: false });
    expect((await contractPage(c.contract.number, w.as.approver, today)).party).toEqual({
      userId: w.approver.id,
      unitRole: 'approver',
      villageManager: false,
      platformAdmin: false,
    });
    // The wrong side of the deal, or the wrong role on the right side.
    const platformAdmin = localsFor(await createUser(t.db, { role: 'admin' }));
    const wrongSide: [string, string, AuthLocals][] = [
      ['decideQuote', 'village manager', w.as.manager],
      ['acceptDelivery', 'village manager', w.as.manager],
      ['approveQuote', 'village manager', w.as.manager],
      ['sendQuote', 'unit buyer', w.as.buyer],
      ['shipDelivery', 'unit buyer', w.as.buyer],
      ['recordInvoice', 'unit buyer', w.as.buyer],
      ['approveQuote', 'unit buyer (the requester)', w.as.buyer],
      ['decideQuote', 'unit approver', w.as.approver],
      ['sendQuote', 'unit approver', w.as.approver],
      ['shipDelivery', 'unit admin', w.as.admin],
      ['decideQuote', 'platform admin', platformAdmin],
      ['approveQuote', 'platform admin', platformAdmin],
      ['acceptDelivery', 'platform admin', platformAdmin],
    ];
    const wrong = [];
    for (const [name, who, locals] of wrongSide) wrong.push({ name, who, refused: await refusal(transitions[name](locals)) });
    expect(wrong).toEqual(wrongSide.map(([name, who]) => ({ name, who, refused: 'access 403' })));
    // An approver approves; buying, moving, paying for and cancelling are the buyer's and admin's.
    for (const name of ['rescheduleDelivery', 'recordPayment', 'cancelContract'])
      expect({ name, status: await statusOf(transitions[name](w.as.approver)) }).toEqual({ name, status: 403 });
    expect(await snapshot()).toEqual(before);

    // The same calls by the right people go through: the refusals above were about who, not about state.
    const rightful: [string, AuthLocals][] = [
      ['sendQuote', w.as.manager],
      ['decideQuote', w.as.buyer],
      ['approveQuote', w.as.approver],
      ['rescheduleDelivery', w.as.buyer],
      ['shipDelivery', w.as.manager],
      ['acceptDelivery', w.as.admin],
      ['recordInvoice', w.as.manager],
      ['recordPayment', w.as.manager],
      ['cancelContract', w.as.manager],
    ];
    const done = [];
    for (const [name, locals] of rightful) done.push({ name, refused: await refusal(transitions[name](locals)) });
    expect(done).toEqual(rightful.map(([name]) => ({ name, refused: null })));
  });
});

describe('cancelling a contract', () => {
  it('cancels what has not shipped, gives its stock back exactly, and still lets the shipped delivery be accepted', async () => {
    const w = await world();
    // 4 weekly deliveries of 100 from 2027-01-05 (6 000 元: contracted at once).
    const c = await contracted(w, { quantity: ['100'], recurrence: 'weekly', periods: '4' });
    expect(c.deliveries.map((d) => d.scheduledOn)).toEqual(['2027-01-05', '2027-01-12', '2027-01-19', '2027-01-26']);
    const [d1, d2] = c.deliveries;
    await ship(d1.id, w.as.manager, '2027-01-05');
    // The sweep on 2027-01-05 holds #2 (2027-01-12 is within 7 days), not #3.
    await reserveUpcoming(t.db, at('2027-01-05'));
    expect((await contractOf(c.r.id))!.deliveries.map((d) => d.reservedAt !== null)).toEqual([true, true, false, false]);
    expect(await stockOf(w.broom.id)).toEqual({ stock: 4800, reserved: 100, sold: 100 });

    expect(await cancel(c.contract.id, w.as.buyer)).toEqual({ number: c.contract.number });
    const after = (await contractOf(c.r.id))!;
    expect(after.contract).toMatchObject({ status: 'cancelled', cancelReason: '单位预算调整' });
    expect(after.deliveries.map((d) => [d.seq, d.status, d.reservedAt])).toEqual([
      [1, 'pending_unit_acceptance', d1.reservedAt],
      [2, 'cancelled', null],
      [3, 'cancelled', null],
      [4, 'cancelled', null],
    ]);
    expect(await stockOf(w.broom.id)).toEqual({ stock: 4900, reserved: 0, sold: 100 });
    expect(await refusal(cancel(c.contract.id, w.as.manager))).toBe('contract_state_changed');
    expect(await refusal(ship(d2.id, w.as.manager, '2027-01-06'))).toBe('contract_state_changed');
    expect(await refusal(reschedule(d2, w.as.buyer, '2027-01-20', 'no', null, at('2027-01-06')))).toBe('contract_state_changed');
    // The sweep leaves a cancelled contract alone.
    await reserveUpcoming(t.db, at('2027-01-20'));
    expect((await contractOf(c.r.id))!.deliveries.map((d) => d.reservedAt)).toEqual([d1.reservedAt, null, null, null]);
    expect(await stockOf(w.broom.id)).toEqual({ stock: 4900, reserved: 0, sold: 100 });

    expect(await accept(d1, w.as.buyer, '100', '', at('2027-01-07'))).toEqual({ number: c.contract.number, billedFen: 150_000n });
    const detail = await contractPage(c.contract.number, w.as.buyer, at('2027-01-07'));
    expect(detail.contract.status).toBe('cancelled');
    expect([detail.money.totalFen, detail.money.drawnFen, detail.money.remainingFen]).toEqual([150_000n, 150_000n, 0n]);
    expect(await t.db.select({ amountFen: ledgerEntries.amountFen }).from(ledgerEntries).where(eq(ledgerEntries.unitId, w.unit.id))).toEqual([{ amountFen: 150_000n }]);
    expect(await stockOf(w.broom.id)).toEqual({ stock: 4900, reserved: 0, sold: 100 });
  });
});

describe('rescheduling', () => {
  it('moves one delivery or it and the following ones, refuses the past, and moves the held stock with the quantity and the date', async () => {
    const w = await world();
    const c = await contracted(w, {}, '14.80');
    const [d1, d2, d3, , d5] = c.deliveries;
    const dates = async () => (await contractOf(c.r.id))!.deliveries.map((d) => d.scheduledOn);
    expect(await stockOf(w.broom.id)).toEqual({ stock: 4000, reserved: 1000, sold: 0 });

    // Alone: only #3 moves.
    await reschedule(d3, w.as.buyer, '2027-03-10', 'no', null);
    expect(await dates()).toEqual([
      '2027-01-05',
      '2027-02-05',
      '2027-03-10',
      '2027-04-05',
      '2027-05-05',
      '2027-06-05',
      '2027-07-05',
      '2027-08-05',
      '2027-09-05',
      '2027-10-05',
      '2027-11-05',
      '2027-12-05',
    ]);
    // With `following`: #5 and every later one, monthly from the new day.
    await reschedule(d5, w.as.manager, '2027-05-20', 'yes', null);
    expect(await dates()).toEqual([
      '2027-01-05',
      '2027-02-05',
      '2027-03-10',
      '2027-04-05',
      '2027-05-20',
      '2027-06-20',
      '2027-07-20',
      '2027-08-20',
      '2027-09-20',
      '2027-10-20',
      '2027-11-20',
      '2027-12-20',
    ]);
    expect(await refusal(reschedule(d2, w.as.buyer, '2027-01-01', 'no', null))).toBe('date_past');
    expect(await refusal(reschedule(d2, w.as.buyer, '2027-03-10', 'no', null))).toBe('date_order');
    expect(await stockOf(w.broom.id)).toEqual({ stock: 4000, reserved: 1000, sold: 0 });

    // The held delivery's quantity: the hold follows by the difference.
    await reschedule(d1, w.as.buyer, '2027-01-05', 'no', '1200');
    expect(await stockOf(w.broom.id)).toEqual({ stock: 3800, reserved: 1200, sold: 0 });
    await reschedule(d1, w.as.buyer, '2027-01-05', 'no', '900');
    expect(await stockOf(w.broom.id)).toEqual({ stock: 4100, reserved: 900, sold: 0 });
    expect((await contractOf(c.r.id))!.deliveries[0].quantity).toBe(900);
    // A delivery brought within 7 days is held at once; moved away again, released.
    await reschedule(d2, w.as.buyer, '2027-01-08', 'no', null);
    expect(await stockOf(w.broom.id)).toEqual({ stock: 3100, reserved: 1900, sold: 0 });
    expect((await contractOf(c.r.id))!.deliveries[1].reservedAt).not.toBeNull();
    await reschedule(d2, w.as.buyer, '2027-02-05', 'no', null);
    expect(await stockOf(w.broom.id)).toEqual({ stock: 4100, reserved: 900, sold: 0 });
    expect((await contractOf(c.r.id))!.deliveries[1].reservedAt).toBeNull();

    // Shipped: no longer movable.
    await ship(d1.id, w.as.manager, '2027-01-05');
    expect(await stockOf(w.broom.id)).toEqual({ stock: 4100, reserved: 0, sold: 900 });
    expect(await refusal(reschedule(d1, w.as.buyer, '2027-01-06', 'no', null, at('2027-01-05')))).toBe('delivery_shipped');
  });
});

describe('quotes, thresholds and withdrawal', () => {
  it('refuses to accept an expired quote', async () => {
    const w = await world();
    const r = await request(w, { quantity: ['100'], recurrence: 'once', periods: '1' });
    await quote(w, r, '15.00', { validUntil: '2027-01-10' });
    expect(await refusal(decide(r, w.as.buyer, 'accept', '', at('2027-01-11')))).toBe('quote_expired');
    expect(await requestStatus(r.id)).toBe('pending_unit_decision');
    expect(await contractOf(r.id)).toBeNull();
    // Valid through its last day.
    expect((await decide(r, w.as.buyer, 'accept', '', at('2027-01-10'))).status).toBe('contracted');
  });

  it('sends everything to the approver at threshold 0, and contracts at once up to the threshold', async () => {
    const w = await world(0n);
    const small = await request(w, { quantity: ['1'], recurrence: 'once', periods: '1' });
    await quote(w, small, '16.00');
    expect((await decide(small, w.as.buyer, 'accept')).status).toBe('pending_unit_approval');
    expect(await contractOf(small.id)).toBeNull();

    // 100 × 15.00 = 1 500 元 = the threshold exactly: no approval needed.
    await setThreshold(t.db, w.unit.id, 150_000n);
    const atThreshold = await request(w, { quantity: ['100'], recurrence: 'once', periods: '1' });
    await quote(w, atThreshold, '15.00');
    expect((await decide(atThreshold, w.as.buyer, 'accept')).status).toBe('contracted');
    const made = (await contractOf(atThreshold.id))!;
    expect(made.deliveries.map((d) => [d.scheduledOn, d.quantity, d.reservedAt !== null])).toEqual([['2027-01-05', 100, true]]);
    const [decided] = await t.db.select().from(quoteRequests).where(eq(quoteRequests.id, atThreshold.id));
    expect(decided).toMatchObject({ status: 'contracted', needsApproval: false, decidedBy: w.buyer.id });
    // One 分 over: the approver.
    const over = await request(w, { quantity: ['100'], recurrence: 'once', periods: '1' });
    await quote(w, over, '15.01');
    expect((await decide(over, w.as.buyer, 'accept')).status).toBe('pending_unit_approval');
  });

  it('counts freight in the contract value', async () => {
    const w = await world(150_000n);
    const r = await request(w, { quantity: ['100'], recurrence: 'once', periods: '1' });
    await quote(w, r, '15.00', { freight: '0.01' });
    expect((await decide(r, w.as.buyer, 'accept')).status).toBe('pending_unit_approval');
  });

  it('lets no one approve their own request (four eyes), even a unit admin', async () => {
    const w = await world();
    const r = await request(w, {}, w.as.admin);
    await quote(w, r, '15.00');
    expect((await decide(r, w.as.admin, 'accept')).status).toBe('pending_unit_approval');
    expect(await refusal(approve(r, w.as.admin))).toBe('access 403');
    expect((await approve(r, w.as.approver)).status).toBe('contracted');
  });

  it('is withdrawn from any open state by the buyer, and not after', async () => {
    const w = await world();
    const open1 = await request(w, { quantity: ['100'], recurrence: 'once', periods: '1' });
    const open2 = await request(w, { quantity: ['100'], recurrence: 'once', periods: '1' });
    await quote(w, open2, '15.00');
    const open3 = await request(w);
    await quote(w, open3, '15.00');
    await decide(open3, w.as.buyer, 'accept');
    expect(await refusal(withdraw(open1, w.as.approver))).toBe('access 403');
    expect(await refusal(withdraw(open1, w.as.manager))).toBe('access 403');
    for (const r of [open1, open2, open3]) {
      await withdraw(r, w.as.buyer);
      expect(await requestStatus(r.id)).toBe('withdrawn');
    }
    expect(await refusal(quote(w, open1, '15.00'))).toBe('request_state_changed');
    expect(await refusal(decide(open2, w.as.buyer, 'accept'))).toBe('request_state_changed');
    expect(await refusal(approve(open3, w.as.approver))).toBe('request_state_changed');
    expect(await refusal(withdraw(open1, w.as.buyer))).toBe('request_state_changed');
    const done = await contracted(w, { quantity: ['100'], recurrence: 'once', periods: '1' });
    expect(await refusal(withdraw(done.r, w.as.buyer))).toBe('request_state_changed');
    expect((await t.db.select({ n: count() }).from(contracts).where(eq(contracts.unitId, w.unit.id)))[0].n).toBe(1);
  });

  it('suggests the last quoted price for a revision, the catalogue price before any quote', async () => {
    const w = await world();
    const r = await request(w);
    expect((await requestPage(r.number, w.as.manager)).suggested.get(r.lineId)).toBe(1500);
    await quote(w, r, '14.90');
    await decide(r, w.as.buyer, 'changes', '再便宜一点');
    // queries.server.ts: "For the quote form: the last quoted price, else the catalogue price…"
    expect((await requestPage(r.number, w.as.manager)).suggested.get(r.lineId)).toBe(1490);
  });

  it('refuses a request for a first delivery in the past, or from an unverified unit', async () => {
    const w = await world();
    const input = (over: Record<string, unknown>) =>
      QuoteRequestSchema.parse(
        quoteRequestForm({ unitId: w.unit.id, villageId: w.village.id, variantId: [String(w.broom.id)], quantity: ['10'], recurrence: 'once', periods: '1', ...over }),
      );
    expect(await refusal(requestAs(w.as.buyer, input({ firstDeliveryOn: '2027-01-01' })))).toBe('date_past');
    expect(await refusal(requestAs(w.as.approver, input({})))).toBe('access 403');
    const elsewhere = await createBroomVillage(t.db);
    expect(await refusal(requestAs(w.as.buyer, input({ variantId: [String(elsewhere.broom.id)] })))).toBe('product_unavailable');
    expect((await t.db.select({ n: count() }).from(quoteRequests).where(eq(quoteRequests.unitId, w.unit.id)))[0].n).toBe(0);
  });
});

describe('bad input', () => {
  const base = {
    unitId: '1',
    villageId: '1',
    recipient: '李站长',
    mobile: '13800138000',
    province: '河南省',
    city: '新乡市',
    district: '封丘县',
    detail: '环卫所',
    firstDeliveryOn: '2027-01-05',
    recurrence: 'monthly',
    periods: '12',
  };

  it('refuses quantities that are not whole numbers from 1', () => {
    expect(issues(QuoteRequestSchema, { ...base, variantId: ['12'], quantity: ['1000'] })).toEqual([]);
    expect(issues(QuoteRequestSchema, { ...base, variantId: ['12'], quantity: ['0'] })).toEqual(['request_lines_required']);
    for (const q of ['-1', '1e9', 'abc', '1.5', '1000001'])
      expect({ q, issues: issues(QuoteRequestSchema, { ...base, variantId: ['12'], quantity: [q] }) }).toEqual({ q, issues: ['qty_invalid', 'request_lines_required'] });
    expect(issues(QuoteRequestSchema, { ...base, customDescription: ['竹扫帚'], customUnit: ['bundle'], customQuantity: ['-1'] })).toContain('qty_invalid');
    expect(issues(QuoteRequestSchema, { ...base, customDescription: ['竹扫帚'], customUnit: ['tonne'], customQuantity: ['10'] })).toContain('qty_invalid');
    for (const q of ['-1', '1e9', 'abc']) expect(issues(AcceptDeliverySchema, { deliveryId: '1', lineId: ['1'], received: [q], note: '' })).toContain('qty_invalid');
    for (const q of ['0', '-1', '1e9', 'abc'])
      expect(issues(RescheduleSchema, { deliveryId: '1', scheduledOn: '2027-03-01', lineId: ['1'], quantity: [q] })).toContain('qty_invalid');
  });

  it('refuses money with more than two decimals or a sign', () => {
    const q = { requestId: '1', lineId: ['1'], price: ['14.80'], freight: '0', validUntil: '2027-01-31', paymentTerms: 'net' };
    expect(QuoteSchema.parse({ ...q, price: ['1,480.5'], freight: '12.5' })).toMatchObject({ prices: new Map([[1, 148_050]]), freightFen: 1250n, netDays: 30 });
    for (const bad of ['1.234', '-5', '0', 'abc']) expect({ bad, issues: issues(QuoteSchema, { ...q, price: [bad] }) }).toEqual({ bad, issues: ['price_invalid'] });
    for (const bad of ['1.234', '-5']) expect({ bad, issues: issues(QuoteSchema, { ...q, freight: bad }) }).toEqual({ bad, issues: ['freight_invalid'] });
    const p = { contractId: '1', paidOn: '2027-01-20', reference: '回单' };
    expect(PaymentSchema.parse({ ...p, amount: '14,504.00' }).amount).toBe(1_450_400n);
    for (const bad of ['1.234', '-5', '0']) expect({ bad, issues: issues(PaymentSchema, { ...p, amount: bad }) }).toEqual({ bad, issues: ['amount_invalid'] });
    for (const bad of ['1.234', '-5'])
      expect(issues(InvoiceSchema, { deliveryId: '1', number: 'FP20270106', issuedOn: '2027-01-06', amount: bad })).toEqual(['amount_invalid']);
  });

  it('refuses days that do not exist', () => {
    expect(issues(QuoteRequestSchema, { ...base, variantId: ['12'], quantity: ['10'], firstDeliveryOn: '2027-02-30' })).toEqual(['day_invalid']);
    expect(issues(QuoteRequestSchema, { ...base, variantId: ['12'], quantity: ['10'], firstDeliveryOn: '2028-02-29' })).toEqual([]);
    expect(issues(QuoteSchema, { requestId: '1', lineId: ['1'], price: ['1'], freight: '0', validUntil: '2027-02-30', paymentTerms: 'net' })).toEqual(['day_invalid']);
    expect(issues(ShipDeliverySchema, { deliveryId: '1', shippedOn: '2027-02-30', carrier: '顺丰', note: '' })).toEqual(['day_invalid']);
    expect(issues(PaymentSchema, { contractId: '1', amount: '1', paidOn: '2027-02-30', reference: '回单' })).toEqual(['day_invalid']);
    expect(issues(RescheduleSchema, { deliveryId: '1', scheduledOn: '2027-02-30' })).toEqual(['day_invalid']);
  });

  it('refuses a one-off request over several periods, and recurring ones over one', () => {
    expect(issues(QuoteRequestSchema, { ...base, variantId: ['12'], quantity: ['10'], recurrence: 'once', periods: '3' })).toEqual(['periods_invalid']);
    expect(issues(QuoteRequestSchema, { ...base, variantId: ['12'], quantity: ['10'], recurrence: 'once', periods: '1' })).toEqual([]);
    expect(issues(QuoteRequestSchema, { ...base, variantId: ['12'], quantity: ['10'], recurrence: 'monthly', periods: '121' })).toEqual(['periods_invalid']);
    expect(issues(DecideQuoteSchema, { requestId: '1', decision: 'changes', note: '' })).toEqual(['changes_note_required']);
    expect(issues(ApproveQuoteSchema, { requestId: '1', decision: 'reject', reason: ' ' })).toEqual(['reject_reason_required']);
  });
});

// What the procurement pages show: a request with its quotes and timeline, a
// contract with its deliveries and money, and each side's lists. The page has
// checked access (requireRequestPartyByNumber, requireContractPartyByNumber,
// requireUnitRole, requireVillageManager) and passes what the guard returned.
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { products, productVariants, villages } from '../../../db/schema/catalog.ts';
import {
  contractLines,
  contracts,
  deliveries,
  deliveryLines,
  procurementInvoices,
  procurementPayments,
  quoteEvents,
  quoteLines,
  quoteRequestLines,
  quoteRequests,
  quotes,
} from '../../../db/schema/procurement.ts';
import { units, unitVillages } from '../../../db/schema/units.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { unitPriceFen } from '../catalog/catalog.ts';
import type { ContractParty, RequestParty } from './access.server.ts';
import { drawdown, dues, type DeliveryMoney } from './terms.ts';
import { tiersOf } from '../catalog/catalog.server.ts';
import { onShelf } from '../catalog/shelf.server.ts';

const shanghaiDay = (t: Date | null) => (t ? shanghaiDate(t) : null);

type ContractMoney = { deliveries: DeliveryMoney[]; paidFen: bigint } & ReturnType<typeof drawdown>;

/** Deliveries as money (planned and billed), and what was paid. */
export async function contractMoney(db: Db, contractId: number): Promise<ContractMoney> {
  return (await contractsMoney(db, [contractId])).get(contractId)!;
}

/** The same for many contracts at once (a desk's list): two queries, however many contracts. */
export async function contractsMoney(db: Db, contractIds: readonly number[]): Promise<Map<number, ContractMoney>> {
  const out = new Map<number, ContractMoney>();
  if (contractIds.length === 0) return out;
  const rows = await db
    .select({
      contractId: deliveries.contractId,
      id: deliveries.id,
      seq: deliveries.seq,
      status: deliveries.status,
      scheduledOn: deliveries.scheduledOn,
      freightFen: deliveries.freightFen,
      billedFen: deliveries.billedFen,
      acceptedAt: deliveries.acceptedAt,
      goodsFen: sql<string>`coalesce((select sum(dl.quantity::bigint * cl.unit_price_fen) from ${deliveryLines} dl join ${contractLines} cl on cl.id = dl.contract_line_id where dl.delivery_id = "deliveries"."id"), 0)`,
    })
    .from(deliveries)
    .where(inArray(deliveries.contractId, [...contractIds]))
    .orderBy(asc(deliveries.contractId), asc(deliveries.seq));
  const paid = await db
    .select({ contractId: procurementPayments.contractId, paid: sql<string>`sum(${procurementPayments.amountFen})` })
    .from(procurementPayments)
    .where(inArray(procurementPayments.contractId, [...contractIds]))
    .groupBy(procurementPayments.contractId);
  for (const id of contractIds) {
    const money: DeliveryMoney[] = rows
      .filter((r) => r.contractId === id)
      .map((r) => ({
        id: r.id,
        seq: r.seq,
        status: r.status,
        scheduledOn: r.scheduledOn,
        plannedFen: BigInt(r.goodsFen) + r.freightFen,
        billedFen: r.billedFen,
        acceptedOn: shanghaiDay(r.acceptedAt),
      }));
    out.set(id, { deliveries: money, paidFen: BigInt(paid.find((p) => p.contractId === id)?.paid ?? '0'), ...drawdown(money) });
  }
  return out;
}

export async function requestDetail(db: Db, { party, request }: RequestParty) {
  const [names] = await db
    .select({
      unitName: units.name,
      threshold: units.approvalThresholdFen,
      village: { name: villages.name, nameEn: villages.nameEn, slug: villages.slug },
      requester: users.displayName,
    })
    .from(quoteRequests)
    .innerJoin(units, eq(units.id, quoteRequests.unitId))
    .innerJoin(villages, eq(villages.id, quoteRequests.villageId))
    .innerJoin(users, eq(users.id, quoteRequests.requestedBy))
    .where(eq(quoteRequests.id, request.id));
  const lines = await db.select().from(quoteRequestLines).where(eq(quoteRequestLines.requestId, request.id)).orderBy(asc(quoteRequestLines.id));
  const quoteRows = await db.select().from(quotes).where(eq(quotes.requestId, request.id)).orderBy(desc(quotes.revision));
  const priced = quoteRows.length
    ? await db
        .select()
        .from(quoteLines)
        .where(
          inArray(
            quoteLines.quoteId,
            quoteRows.map((q) => q.id),
          ),
        )
    : [];
  const events = await db
    .select({ event: quoteEvents, actor: users.displayName })
    .from(quoteEvents)
    .leftJoin(users, eq(users.id, quoteEvents.actorUserId))
    .where(eq(quoteEvents.requestId, request.id))
    .orderBy(asc(quoteEvents.id));
  const [contract] = await db.select({ number: contracts.number }).from(contracts).where(eq(contracts.requestId, request.id));
  return {
    request,
    ...names,
    party,
    lines,
    quotes: quoteRows.map((q) => ({ ...q, lines: priced.filter((p) => p.quoteId === q.id) })),
    events,
    contractNumber: contract?.number ?? null,
    suggested: await suggestedPrices(db, lines, quoteRows[0] ? priced.filter((p) => p.quoteId === quoteRows[0].id) : []),
  };
}

/** For the quote form: the last quoted price, else the catalogue price with tier prices applied to the quantity. */
async function suggestedPrices(
  db: Db,
  lines: (typeof quoteRequestLines.$inferSelect)[],
  lastQuote: { requestLineId: number; unitPriceFen: number }[],
): Promise<Map<number, number>> {
  const ids = lines.flatMap((l) => (l.variantId ? [l.variantId] : []));
  const last = new Map(lastQuote.map((q) => [q.requestLineId, q.unitPriceFen]));
  if (!ids.length) return last;
  const variants = await db.select({ id: productVariants.id, priceFen: productVariants.priceFen }).from(productVariants).where(inArray(productVariants.id, ids));
  const tiers = await tiersOf(db, ids);
  const out = new Map<number, number>();
  for (const l of lines) {
    const v = variants.find((x) => x.id === l.variantId);
    if (v)
      out.set(
        l.id,
        unitPriceFen(
          v.priceFen,
          tiers.filter((t) => t.variantId === v.id),
          l.quantity,
        ),
      );
  }
  for (const [id, price] of last) out.set(id, price);
  return out;
}

export async function contractDetail(db: Db, { party, contract }: ContractParty, now = new Date()) {
  const [village] = await db
    .select({ slug: villages.slug, bankAccountName: villages.bankAccountName, bankName: villages.bankName, bankAccountNo: villages.bankAccountNo })
    .from(villages)
    .where(eq(villages.id, contract.villageId));
  const [request] = contract.requestId
    ? await db.select({ number: quoteRequests.number, recurrence: quoteRequests.recurrence }).from(quoteRequests).where(eq(quoteRequests.id, contract.requestId))
    : [];
  const lines = await db.select().from(contractLines).where(eq(contractLines.contractId, contract.id)).orderBy(asc(contractLines.id));
  const rows = await db.select().from(deliveries).where(eq(deliveries.contractId, contract.id)).orderBy(asc(deliveries.seq));
  // A group order's lines are per person: their name goes with the line.
  const dLines = rows.length
    ? (
        await db
          .select({ line: deliveryLines, staffName: users.displayName })
          .from(deliveryLines)
          .leftJoin(users, eq(users.id, deliveryLines.staffUserId))
          .where(
            inArray(
              deliveryLines.deliveryId,
              rows.map((d) => d.id),
            ),
          )
          .orderBy(asc(deliveryLines.id))
      ).map((r) => ({ ...r.line, staffName: r.staffName }))
    : [];
  const invoices = rows.length
    ? await db
        .select()
        .from(procurementInvoices)
        .where(
          inArray(
            procurementInvoices.deliveryId,
            rows.map((d) => d.id),
          ),
        )
    : [];
  const payments = await db
    .select()
    .from(procurementPayments)
    .where(eq(procurementPayments.contractId, contract.id))
    .orderBy(asc(procurementPayments.paidOn), asc(procurementPayments.id));
  const money = await contractMoney(db, contract.id);
  const today = shanghaiDate(now);
  return {
    contract,
    party,
    village,
    request: request ?? null,
    lines,
    deliveries: rows.map((d) => ({
      ...d,
      lines: dLines.filter((l) => l.deliveryId === d.id),
      invoice: invoices.find((i) => i.deliveryId === d.id) ?? null,
      money: money.deliveries.find((m) => m.id === d.id)!,
    })),
    payments,
    money,
    dues: dues(money.deliveries, contract.paymentTerms, contract.netDays, money.paidFen, today),
    today,
  };
}

const PAGE = 50;

/** The unit's procurement desk: requests, approvals waiting for this person, contracts, deliveries to accept, what is owed. */
export async function unitDesk(db: Db, unitId: number, userId: number, now = new Date()) {
  const [unit] = await db.select({ id: units.id, name: units.name, threshold: units.approvalThresholdFen }).from(units).where(eq(units.id, unitId));
  const requests = await db
    .select({
      number: quoteRequests.number,
      status: quoteRequests.status,
      createdAt: quoteRequests.createdAt,
      requestedBy: quoteRequests.requestedBy,
      village: villages.name,
      villageEn: villages.nameEn,
      firstDeliveryOn: quoteRequests.firstDeliveryOn,
      periods: quoteRequests.periods,
    })
    .from(quoteRequests)
    .innerJoin(villages, eq(villages.id, quoteRequests.villageId))
    .where(eq(quoteRequests.unitId, unitId))
    .orderBy(desc(quoteRequests.id))
    .limit(PAGE);
  const approvals = requests.filter((r) => r.status === 'pending_unit_approval' && r.requestedBy !== userId);
  return { unit, requests, approvals, ...(await contractsOf(db, eq(contracts.unitId, unitId), now)) };
}

/** The village's desk: incoming requests, contracts, the delivery calendar and receivables. */
export async function villageDesk(db: Db, villageId: number, now = new Date()) {
  const requests = await db
    .select({
      number: quoteRequests.number,
      status: quoteRequests.status,
      createdAt: quoteRequests.createdAt,
      unit: units.name,
      firstDeliveryOn: quoteRequests.firstDeliveryOn,
      periods: quoteRequests.periods,
    })
    .from(quoteRequests)
    .innerJoin(units, eq(units.id, quoteRequests.unitId))
    .where(eq(quoteRequests.villageId, villageId))
    .orderBy(sql`${quoteRequests.status} = 'pending_village_quote' desc`, desc(quoteRequests.id))
    .limit(PAGE);
  const horizon = new Date(now.getTime() + 62 * 86_400_000);
  const calendar = await db
    .select({
      id: deliveries.id,
      seq: deliveries.seq,
      scheduledOn: deliveries.scheduledOn,
      reservedAt: deliveries.reservedAt,
      status: deliveries.status,
      contract: contracts.number,
      unit: contracts.unitName,
    })
    .from(deliveries)
    .innerJoin(contracts, eq(contracts.id, deliveries.contractId))
    .where(
      and(
        eq(contracts.villageId, villageId),
        inArray(deliveries.status, ['pending_village_shipment', 'pending_unit_acceptance']),
        lte(deliveries.scheduledOn, shanghaiDate(horizon)),
      ),
    )
    .orderBy(asc(deliveries.scheduledOn), asc(deliveries.id))
    .limit(200);
  return { requests, calendar, ...(await contractsOf(db, eq(contracts.villageId, villageId), now)) };
}

async function contractsOf(db: Db, where: ReturnType<typeof eq>, now: Date) {
  const rows = await db.select().from(contracts).where(where).orderBy(sql`${contracts.status} = 'active' desc`, desc(contracts.id)).limit(PAGE);
  const today = shanghaiDate(now);
  const moneyOf = await contractsMoney(
    db,
    rows.map((c) => c.id),
  );
  const withMoney = rows.map((c) => {
    const money = moneyOf.get(c.id)!;
    return { ...c, money, dues: dues(money.deliveries, c.paymentTerms, c.netDays, money.paidFen, today) };
  });
  const toAccept = rows.length
    ? await db
        .select({ id: deliveries.id, seq: deliveries.seq, shippedOn: deliveries.shippedOn, contract: contracts.number, village: contracts.villageName })
        .from(deliveries)
        .innerJoin(contracts, eq(contracts.id, deliveries.contractId))
        .where(and(where, eq(deliveries.status, 'pending_unit_acceptance')))
        .orderBy(asc(deliveries.shippedOn))
    : [];
  const uninvoiced = rows.length
    ? await db
        .select({ id: deliveries.id, seq: deliveries.seq, billedFen: deliveries.billedFen, contract: contracts.number })
        .from(deliveries)
        .innerJoin(contracts, eq(contracts.id, deliveries.contractId))
        .where(and(where, eq(deliveries.status, 'accepted'), sql`not exists (select 1 from ${procurementInvoices} where ${procurementInvoices.deliveryId} = ${deliveries.id})`))
        .orderBy(asc(deliveries.id))
    : [];
  return { contracts: withMoney, toAccept, uninvoiced };
}

/** For the request form: villages (the unit's paired ones first) and, once one is chosen, its listed products. */
export async function requestFormData(db: Db, unitId: number, villageId: number | null) {
  const choices = await db
    .select({
      id: villages.id,
      name: villages.name,
      nameEn: villages.nameEn,
      paired: sql<boolean>`exists (select 1 from ${unitVillages} uv where uv.unit_id = ${unitId} and uv.village_id = ${villages.id})`,
    })
    .from(villages)
    .orderBy(sql`4 desc`, asc(villages.id));
  const village = choices.find((v) => v.id === villageId) ?? null;
  const variants = village
    ? await db
        .select({
          id: productVariants.id,
          product: products.name,
          productEn: products.nameEn,
          name: productVariants.name,
          nameEn: productVariants.nameEn,
          priceFen: productVariants.priceFen,
          saleUnit: productVariants.saleUnit,
          stock: productVariants.stock,
        })
        .from(productVariants)
        .innerJoin(products, eq(products.id, productVariants.productId))
        .where(and(eq(products.villageId, village.id), onShelf()))
        .orderBy(asc(products.id), asc(productVariants.sortOrder), asc(productVariants.id))
    : [];
  const tiers = await tiersOf(
    db,
    variants.map((v) => v.id),
  );
  return { choices, village, variants: variants.map((v) => ({ ...v, tiers: tiers.filter((t) => t.variantId === v.id) })) };
}

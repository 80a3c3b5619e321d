// 对账单: a unit's account with the villages it buys from, for a period — the
// deliveries it accepted (what it owes), the invoices it received, the transfers
// it made, and the balance carried in and out. Balance = accepted − paid, so a
// prepayment shows as a negative balance (credit) until the goods are accepted.
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { contracts, deliveries, procurementInvoices, procurementPayments } from '../../../db/schema/procurement.ts';
import { units } from '../../../db/schema/units.ts';
import { shanghaiMidnight } from '../../lib/dates.ts';
import type { Period } from '../reports/periods.ts';

/** The statement, or null when there is no such unit (a platform admin may ask for any id). */
export async function unitStatement(db: Db, unitId: number, period: Period) {
  const from = shanghaiMidnight(period.from);
  const until = shanghaiMidnight(period.until);
  const ofUnit = eq(contracts.unitId, unitId);
  const [unit] = await db.select({ name: units.name, invoiceTitle: units.invoiceTitle, taxNumber: units.taxNumber }).from(units).where(eq(units.id, unitId));
  if (!unit) return null;
  const accepted = await db
    .select({
      id: deliveries.id,
      seq: deliveries.seq,
      acceptedAt: deliveries.acceptedAt,
      billedFen: deliveries.billedFen,
      contract: contracts.number,
      village: contracts.villageName,
    })
    .from(deliveries)
    .innerJoin(contracts, eq(contracts.id, deliveries.contractId))
    .where(and(ofUnit, eq(deliveries.status, 'accepted'), gte(deliveries.acceptedAt, from), lt(deliveries.acceptedAt, until)))
    .orderBy(asc(deliveries.acceptedAt), asc(deliveries.id));
  const invoices = await db
    .select({ invoice: procurementInvoices, seq: deliveries.seq, contract: contracts.number, village: contracts.villageName })
    .from(procurementInvoices)
    .innerJoin(deliveries, eq(deliveries.id, procurementInvoices.deliveryId))
    .innerJoin(contracts, eq(contracts.id, deliveries.contractId))
    .where(and(ofUnit, gte(procurementInvoices.issuedOn, period.from), lt(procurementInvoices.issuedOn, period.until)))
    .orderBy(asc(procurementInvoices.issuedOn), asc(procurementInvoices.id));
  const payments = await db
    .select({ payment: procurementPayments, contract: contracts.number, village: contracts.villageName })
    .from(procurementPayments)
    .innerJoin(contracts, eq(contracts.id, procurementPayments.contractId))
    .where(and(ofUnit, gte(procurementPayments.paidOn, period.from), lt(procurementPayments.paidOn, period.until)))
    .orderBy(asc(procurementPayments.paidOn), asc(procurementPayments.id));
  const [before] = await db
    .select({
      accepted: sql<string>`coalesce((select sum(d.billed_fen) from ${deliveries} d join ${contracts} c on c.id = d.contract_id where c.unit_id = ${unitId} and d.status = 'accepted' and d.accepted_at < ${from.toISOString()}), 0)`,
      paid: sql<string>`coalesce((select sum(p.amount_fen) from ${procurementPayments} p join ${contracts} c on c.id = p.contract_id where c.unit_id = ${unitId} and p.paid_on < ${period.from}), 0)`,
    })
    .from(units)
    .where(eq(units.id, unitId));
  const openingFen = BigInt(before.accepted) - BigInt(before.paid);
  const acceptedFen = accepted.reduce((s, d) => s + (d.billedFen ?? 0n), 0n);
  const invoicedFen = invoices.reduce((s, i) => s + i.invoice.amountFen, 0n);
  const paidFen = payments.reduce((s, p) => s + p.payment.amountFen, 0n);
  return { unit, period, accepted, invoices, payments, openingFen, acceptedFen, invoicedFen, paidFen, closingFen: openingFen + acceptedFen - paidFen };
}

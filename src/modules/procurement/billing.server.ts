// Invoices (发票) and bank transfers (对公转账) of a contract.
// invoice — who: the village's managers; for an accepted delivery, once, for the
//   amount billed (received goods + freight), with the PDF or a photo.
// payment — who: the unit's buyers and admins, or the village's managers; on a
//   contract that is not cancelled-with-nothing-owed; never more than still owed.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { contracts, procurementInvoices, procurementPayments } from '../../../db/schema/procurement.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { refuse } from '../../lib/errors.ts';
import { removeUploads, savePhotos } from '../uploads/uploads.server.ts';
import { requireEitherSide, requireVillageSide, type ContractParty, type DeliveryParty } from './access.server.ts';
import { contractMoney } from './queries.server.ts';
import { addDays } from './schedule.ts';

const recent = (on: string, today: string) => on <= today && on >= addDays(today, -366);

export async function recordInvoice(
  db: Db,
  { delivery, contract, party }: DeliveryParty,
  input: { number: string; issuedOn: string; amount: bigint; file?: File },
  now = new Date(),
) {
  requireVillageSide(party);
  if (delivery.status !== 'accepted') throw refuse.conflict('invoice_before_acceptance');
  if (!recent(input.issuedOn, shanghaiDate(now))) throw refuse.invalid('day_invalid', 'issuedOn');
  if (input.amount !== delivery.billedFen) throw refuse.invalid('invoice_amount_mismatch', 'amount');
  const [path] = input.file ? await savePhotos([input.file], 'procurement') : [];
  const [row] = await db
    .insert(procurementInvoices)
    .values({ deliveryId: delivery.id, number: input.number, issuedOn: input.issuedOn, amountFen: input.amount, filePath: path ?? null, recordedBy: party.userId })
    .onConflictDoNothing()
    .returning({ id: procurementInvoices.id });
  if (!row) {
    if (path) await removeUploads([path]);
    throw refuse.conflict('invoice_exists');
  }
  return { number: contract.number };
}

export async function recordPayment(db: Db, { contract, party }: ContractParty, input: { amount: bigint; paidOn: string; reference: string; file?: File }, now = new Date()) {
  requireEitherSide(party, ['buyer', 'admin']);
  if (!recent(input.paidOn, shanghaiDate(now))) throw refuse.invalid('day_invalid', 'paidOn');
  const [path] = input.file ? await savePhotos([input.file], 'procurement') : [];
  try {
    await db.transaction(async (tx) => {
      // One payment at a time per contract, so two recorded at once cannot both pass the "still owed" check.
      await tx.select({ id: contracts.id }).from(contracts).where(eq(contracts.id, contract.id)).for('update');
      const money = await contractMoney(tx, contract.id);
      if (input.amount > money.totalFen - money.paidFen) throw refuse.invalid('payment_exceeds_contract', 'amount');
      await tx
        .insert(procurementPayments)
        .values({ contractId: contract.id, amountFen: input.amount, paidOn: input.paidOn, reference: input.reference, voucherPath: path ?? null, recordedBy: party.userId });
    });
  } catch (error) {
    if (path) await removeUploads([path]);
    throw error;
  }
  return { number: contract.number };
}

/** The contract an invoice PDF or voucher belongs to, for the route that serves it. */
export async function contractOfUpload(db: Db, path: string): Promise<{ unitId: number; villageId: number } | null> {
  const [row] = await db
    .select({ unitId: contracts.unitId, villageId: contracts.villageId })
    .from(contracts)
    .where(
      sql`${contracts.id} in (select p.contract_id from procurement_payments p where p.voucher_path = ${path}
        union select d.contract_id from procurement_invoices i join deliveries d on d.id = i.delivery_id where i.file_path = ${path})`,
    )
    .limit(1);
  return row ?? null;
}

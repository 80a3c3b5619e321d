// A demo contract, so the unit's and the village's procurement desks show
// something on a fresh machine: 蒙阴县农业农村局's canteen buys 10 bags of
// peanuts a month from 桃花峪村 — requested, quoted, approved, and three
// deliveries shipped, accepted (one short), invoiced and partly paid, through
// the real procurement functions at the times they would have happened. The
// second and third deliveries are left unpaid past their terms, so the desks
// show what overdue looks like. Idempotent: skipped when any contract exists.
import { count, eq, inArray } from 'drizzle-orm';
import { shanghaiDate } from '../src/lib/dates.ts';
import type { AuthLocals } from '../src/modules/auth/guards.server.ts';
import { requireContractParty, requireDeliveryParty, requireRequestParty, requireUnitBuyer } from '../src/modules/procurement/access.server.ts';
import { recordInvoice, recordPayment } from '../src/modules/procurement/billing.server.ts';
import { approveQuote, decideQuote } from '../src/modules/procurement/decide-quote.server.ts';
import { shipDelivery } from '../src/modules/procurement/deliveries.server.ts';
import { QuoteRequestSchema, QuoteSchema } from '../src/modules/procurement/procurement.ts';
import { createQuoteRequest } from '../src/modules/procurement/request.server.ts';
import { addDays } from '../src/modules/procurement/schedule.ts';
import { sendQuote } from '../src/modules/procurement/send-quote.server.ts';
import { acceptDelivery } from '../src/workflows/accept-delivery.ts';
import type { Db } from './client.ts';
import { users } from './schema/auth.ts';
import { productVariants, villages } from './schema/catalog.ts';
import { contracts, deliveries, deliveryLines, quoteRequestLines, quoteRequests } from './schema/procurement.ts';
import { units } from './schema/units.ts';

const DAY = 86_400_000;

export async function seedDemoProcurement(db: Db, now: Date): Promise<{ contractsCreated: number }> {
  const [{ n }] = await db.select({ n: count() }).from(contracts);
  if (n > 0) return { contractsCreated: 0 };
  const people = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, mobile: users.mobile, role: users.role })
    .from(users)
    .where(inArray(users.email, ['buyer@bangfu.local', 'approver@bangfu.local', 'manager@bangfu.local']));
  const as = (email: string): AuthLocals => {
    const user = people.find((p) => p.email === email)!;
    return { user, session: { id: 'demo-seed', userId: user.id, expiresAt: new Date(now.getTime() + DAY) } };
  };
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.creditCode, '11371328MB12345678'));
  const [village] = await db.select({ id: villages.id }).from(villages).where(eq(villages.slug, 'taohuayu-mengyin'));
  const [peanuts] = await db.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.sku, 'MY-PEANUT-SHELL-5J'));
  if (people.length < 3 || !unit || !village || !peanuts) return { contractsCreated: 0 };

  // Everything happens at noon (Shanghai) of its day, 100 days ago onwards.
  const start = shanghaiDate(new Date(now.getTime() - 100 * DAY));
  const at = (day: string) => new Date(`${day}T04:00:00Z`);
  const request = QuoteRequestSchema.parse({
    unitId: String(unit.id),
    villageId: String(village.id),
    variantId: [String(peanuts.id)],
    quantity: ['10'],
    recipient: '机关食堂 刘师傅',
    mobile: '13953912345',
    province: '山东省',
    city: '临沂市',
    district: '蒙阴县',
    detail: '叠翠路 1 号县农业农村局机关食堂',
    firstDeliveryOn: addDays(start, 5),
    recurrence: 'monthly',
    periods: '4',
    note: '机关食堂每月用花生，请送到食堂后门。',
  });
  // Each step through the guard its form's action calls first, as that person.
  const { number } = await createQuoteRequest(db, await requireUnitBuyer(db, as('buyer@bangfu.local'), unit.id), request, at(start));
  const [row] = await db.select({ id: quoteRequests.id }).from(quoteRequests).where(eq(quoteRequests.number, number));
  const [line] = await db.select({ id: quoteRequestLines.id }).from(quoteRequestLines).where(eq(quoteRequestLines.requestId, row.id));
  const quote = QuoteSchema.parse({
    requestId: String(row.id),
    lineId: [String(line.id)],
    price: ['36.00'],
    freight: '20',
    validUntil: addDays(start, 15),
    paymentTerms: 'net',
    netDays: '30',
    note: '单位集中采购，每袋优惠 3.80 元。',
  });
  await sendQuote(db, await requireRequestParty(db, as('manager@bangfu.local'), row.id), quote, at(addDays(start, 1)));
  await decideQuote(db, await requireRequestParty(db, as('buyer@bangfu.local'), row.id), { decision: 'accept', note: '' }, at(addDays(start, 2)));
  await approveQuote(
    db,
    await requireRequestParty(db, as('approver@bangfu.local'), row.id),
    { decision: 'approve', reason: '同意，列入食堂采购预算。' },
    at(addDays(start, 2)),
  );

  const [contract] = await db.select({ id: contracts.id }).from(contracts).where(eq(contracts.requestId, row.id));
  const schedule = await db
    .select({ id: deliveries.id, seq: deliveries.seq, on: deliveries.scheduledOn })
    .from(deliveries)
    .where(eq(deliveries.contractId, contract.id))
    .orderBy(deliveries.seq);
  for (const d of schedule.slice(0, 3)) {
    await shipDelivery(db, await requireDeliveryParty(db, as('manager@bangfu.local'), d.id), { shippedOn: d.on, carrier: '村集体货车', note: '' }, at(d.on));
    const [dl] = await db.select({ id: deliveryLines.id }).from(deliveryLines).where(eq(deliveryLines.deliveryId, d.id));
    const short = d.seq === 2;
    const accepted = await acceptDelivery(
      db,
      await requireDeliveryParty(db, as('buyer@bangfu.local'), d.id),
      { received: new Map([[dl.id, short ? 9 : 10]]), note: short ? '1 袋受潮，退回' : '' },
      at(addDays(d.on, 1)),
    );
    if (d.seq <= 2)
      await recordInvoice(
        db,
        await requireDeliveryParty(db, as('manager@bangfu.local'), d.id),
        { number: `3713000000${String(d.seq).padStart(10, '0')}`, issuedOn: addDays(d.on, 3), amount: accepted.billedFen },
        at(addDays(d.on, 3)),
      );
    if (d.seq === 1)
      await recordPayment(
        db,
        await requireContractParty(db, as('buyer@bangfu.local'), contract.id),
        { amount: accepted.billedFen, paidOn: addDays(d.on, 20), reference: '国库集中支付 2026-食堂-001' },
        at(addDays(d.on, 20)),
      );
  }
  return { contractsCreated: 1 };
}

// A village's figures for a period, every one a sum over the ledger. A village's
// year is thousands of entries, read through (village_id, occurred_at), so the
// breakdowns and the distinct counts (buyers, households) come straight from
// the entries. Callers have passed requireVillageManager (or are admins).
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { ledgerEntries, offlineSales, producers, products, productVariants, units, villages } from '../../../db/schema/index.ts';
import { monthsOf, sameTimeLastYear, shanghaiMidnight, type Period } from './periods.ts';

const fen = (v: string | null) => BigInt(v ?? '0');
const sumAmount = sql<string>`coalesce(sum(${ledgerEntries.amountFen}), 0)::text`;
const sumQuantity = sql<string>`coalesce(sum(${ledgerEntries.quantity}), 0)::text`;
const sumGrams = sql<string>`coalesce(sum(${ledgerEntries.grams}), 0)::text`;
const shanghaiMonth = sql<string>`to_char(date_trunc('month', (${ledgerEntries.occurredAt} AT TIME ZONE 'UTC') + interval '8 hours'), 'YYYY-MM-DD')`;

export const CHANNELS = ['personal', 'unit_purchase', 'staff_purchase', 'brokered'] as const;
export type Channel = (typeof CHANNELS)[number];

export function inPeriod(p: Period, ...more: SQL[]) {
  return and(gte(ledgerEntries.occurredAt, shanghaiMidnight(p.from)), lt(ledgerEntries.occurredAt, shanghaiMidnight(p.until)), ...more);
}

async function totalOf(db: Db, where: SQL | undefined): Promise<bigint> {
  const [row] = await db.select({ amount: sumAmount }).from(ledgerEntries).where(where);
  return fen(row.amount);
}

export async function villageReport(db: Db, villageId: number, period: Period) {
  const where = inPeriod(period, eq(ledgerEntries.villageId, villageId));
  const lastYear = sameTimeLastYear(period);
  const [village] = await db
    .select({ id: villages.id, slug: villages.slug, name: villages.name, nameEn: villages.nameEn, province: villages.province, county: villages.county })
    .from(villages)
    .where(eq(villages.id, villageId));
  const [channels, byProduct, byUnit, byProducer, trend, counts, households, lastYearTotal, brokered] = await Promise.all([
    db.select({ channel: ledgerEntries.channel, amount: sumAmount, entries: sql<number>`count(*)::int` }).from(ledgerEntries).where(where).groupBy(ledgerEntries.channel),
    db
      .select({
        productId: products.id,
        name: products.name,
        nameEn: products.nameEn,
        saleUnit: sql<string>`min(${productVariants.saleUnit}::text)`,
        amount: sumAmount,
        quantity: sumQuantity,
        grams: sumGrams,
      })
      .from(ledgerEntries)
      .innerJoin(products, eq(products.id, ledgerEntries.productId))
      .leftJoin(productVariants, eq(productVariants.id, ledgerEntries.variantId))
      .where(where)
      .groupBy(products.id)
      .orderBy(sql`sum(${ledgerEntries.amountFen}) desc`),
    db
      .select({ unitId: units.id, name: units.name, amount: sumAmount })
      .from(ledgerEntries)
      .innerJoin(units, eq(units.id, ledgerEntries.unitId))
      .where(where)
      .groupBy(units.id)
      .orderBy(sql`sum(${ledgerEntries.amountFen}) desc`),
    db
      .select({ producerId: producers.id, name: producers.name, kind: producers.kind, isLifted: producers.isLifted, isMonitored: producers.isMonitored, amount: sumAmount })
      .from(ledgerEntries)
      .innerJoin(producers, eq(producers.id, ledgerEntries.producerId))
      .where(where)
      .groupBy(producers.id)
      .orderBy(sql`sum(${ledgerEntries.amountFen}) desc`),
    db.select({ month: shanghaiMonth, amount: sumAmount }).from(ledgerEntries).where(where).groupBy(shanghaiMonth),
    // Orders: consumer orders with a sale in the period. Buyers: accounts (or a guest's mobile) and units.
    db
      .select({
        orders: sql<number>`count(distinct o.id) filter (where ${ledgerEntries.amountFen} > 0)::int`,
        buyers: sql<number>`count(distinct coalesce('u' || c.user_id::text, 'm' || c.mobile, 'unit' || ${ledgerEntries.unitId}::text)) filter (where ${ledgerEntries.amountFen} > 0)::int`,
      })
      .from(ledgerEntries)
      .leftJoin(sql`order_lines ol`, sql`${ledgerEntries.sourceKind} = 'order_line' and ol.id = ${ledgerEntries.sourceId}`)
      .leftJoin(sql`orders o`, sql`o.id = ol.order_id`)
      .leftJoin(sql`checkouts c`, sql`c.id = o.checkout_id`)
      .where(where),
    // Households whose sales, net of refunds, are positive in the period.
    db
      .select({
        households: sql<number>`count(*)::int`,
        lifted: sql<number>`count(*) filter (where h.is_lifted)::int`,
        monitored: sql<number>`count(*) filter (where h.is_monitored)::int`,
      })
      .from(
        db
          .select({ id: producers.id, is_lifted: producers.isLifted, is_monitored: producers.isMonitored })
          .from(ledgerEntries)
          .innerJoin(producers, eq(producers.id, ledgerEntries.producerId))
          .where(and(where, eq(producers.kind, 'household')))
          .groupBy(producers.id)
          .having(sql`sum(${ledgerEntries.amountFen}) > 0`)
          .as('h'),
      ),
    totalOf(db, inPeriod(lastYear, eq(ledgerEntries.villageId, villageId))),
    // 帮助销售, by what was sold (as the village recorded it), for the paragraph and its table.
    db
      .select({ name: offlineSales.productName, amount: sumAmount, quantity: sumQuantity, grams: sumGrams })
      .from(ledgerEntries)
      .innerJoin(offlineSales, eq(offlineSales.id, ledgerEntries.sourceId))
      .where(and(where, eq(ledgerEntries.sourceKind, 'offline')))
      .groupBy(offlineSales.productName)
      .orderBy(sql`sum(${ledgerEntries.amountFen}) desc`),
  ]);
  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, fen(channels.find((r) => r.channel === c)?.amount ?? null)])) as Record<Channel, bigint>;
  const total = Object.values(byChannel).reduce((a, b) => a + b, 0n);
  return {
    village: village ?? null,
    period,
    total,
    byChannel,
    byProduct: byProduct.map((r) => ({ ...r, amount: fen(r.amount), quantity: fen(r.quantity), grams: fen(r.grams) })),
    byUnit: byUnit.map((r) => ({ ...r, amount: fen(r.amount) })),
    byProducer: byProducer.map((r) => ({ ...r, amount: fen(r.amount) })),
    trend: monthsOf(period).map((month) => ({ month, amount: fen(trend.find((t) => t.month === month)?.amount ?? null) })),
    orders: counts[0]?.orders ?? 0,
    buyers: counts[0]?.buyers ?? 0,
    households: households[0] ?? { households: 0, lifted: 0, monitored: 0 },
    lastYear: { period: lastYear, total: lastYearTotal },
    brokered: brokered.map((b) => ({ name: b.name, amount: fen(b.amount), quantity: fen(b.quantity), grams: fen(b.grams) })).filter((b) => b.amount !== 0n),
  };
}
export type VillageReport = Awaited<ReturnType<typeof villageReport>>;

/** The entries behind a figure: one village, one period, optionally one channel / product / producer / unit. */
export async function villageEntries(
  db: Db,
  villageId: number,
  period: Period,
  filter: { channel?: Channel; productId?: number; producerId?: number; unitId?: number },
  page: number,
  pageSize = 50,
) {
  const more: SQL[] = [eq(ledgerEntries.villageId, villageId)];
  if (filter.channel) more.push(eq(ledgerEntries.channel, filter.channel));
  if (filter.productId) more.push(eq(ledgerEntries.productId, filter.productId));
  if (filter.producerId) more.push(eq(ledgerEntries.producerId, filter.producerId));
  if (filter.unitId) more.push(eq(ledgerEntries.unitId, filter.unitId));
  const where = inPeriod(period, ...more);
  const [rows, [{ n, amount }]] = await Promise.all([
    db
      .select({
        id: ledgerEntries.id,
        occurredAt: ledgerEntries.occurredAt,
        channel: ledgerEntries.channel,
        amountFen: ledgerEntries.amountFen,
        quantity: ledgerEntries.quantity,
        grams: ledgerEntries.grams,
        sourceKind: ledgerEntries.sourceKind,
        sourceId: ledgerEntries.sourceId,
        selfReported: ledgerEntries.selfReported,
        productName: products.name,
        unitName: units.name,
        // The order a sale or refund belongs to, for the link to it.
        orderNumber: sql<string | null>`case ${ledgerEntries.sourceKind}
          when 'order_line' then (select o.number from order_lines ol join orders o on o.id = ol.order_id where ol.id = ${ledgerEntries.sourceId})
          when 'refund' then (select o.number from refunds r join orders o on o.id = r.order_id where r.id = ${ledgerEntries.sourceId})
        end`,
        // An accepted unit delivery's contract and batch.
        contract: sql<string | null>`case when ${ledgerEntries.sourceKind} = 'delivery' then
          (select c.number || '#delivery-' || d.seq from delivery_lines dl join deliveries d on d.id = dl.delivery_id join contracts c on c.id = d.contract_id where dl.id = ${ledgerEntries.sourceId})
        end`,
      })
      .from(ledgerEntries)
      .leftJoin(products, eq(products.id, ledgerEntries.productId))
      .leftJoin(units, eq(units.id, ledgerEntries.unitId))
      .where(where)
      .orderBy(ledgerEntries.occurredAt, ledgerEntries.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int`, amount: sumAmount }).from(ledgerEntries).where(where),
  ]);
  return { rows, total: n, amount: fen(amount) };
}

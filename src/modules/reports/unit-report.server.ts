// A helping unit's figures for a period: its own and its sub-units' ledger
// entries (unit purchases and staff purchases), by village and channel, and its
// progress against each annual target with the pace needed to reach it.
// Callers have passed requireUnitRole for the unit (or are admins).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../../db/client.ts';
import { ledgerEntries, offlineSales, products, unitTargets, units, villages } from '../../../db/schema/index.ts';
import { elapsedShare, parsePeriod, type Period } from './periods.ts';
import { CHANNELS, inPeriod, type Channel } from './village-report.server.ts';

const fen = (v: string | null | undefined) => BigInt(v ?? '0');
const sumAmount = sql<string>`coalesce(sum(${ledgerEntries.amountFen}), 0)::text`;

/** The unit and every unit below it (a county bureau and its offices). */
export async function unitFamily(db: Db, unitId: number): Promise<number[]> {
  const rows = await rowsOf<{ id: number }>(
    db,
    sql`with recursive family(id) as (
      select id from units where id = ${unitId}
      union select u.id from units u join family f on u.parent_id = f.id)
    select id from family`,
  );
  return rows.map((r) => Number(r.id));
}

export async function unitReport(db: Db, unitId: number, period: Period, today: string) {
  const ids = await unitFamily(db, unitId);
  const where = inPeriod(period, inArray(ledgerEntries.unitId, ids));
  const year = Number(period.key.slice(0, 4));
  const yearPeriod = parsePeriod(String(year))!;
  const [unitRows, byVillageChannel, bySubUnit, byProduct, targets, brokered] = await Promise.all([
    db.select({ id: units.id, name: units.name, parentId: units.parentId }).from(units).where(inArray(units.id, ids)),
    db
      .select({ villageId: villages.id, name: villages.name, nameEn: villages.nameEn, channel: ledgerEntries.channel, amount: sumAmount })
      .from(ledgerEntries)
      .innerJoin(villages, eq(villages.id, ledgerEntries.villageId))
      .where(where)
      .groupBy(villages.id, ledgerEntries.channel),
    db.select({ unitId: ledgerEntries.unitId, amount: sumAmount }).from(ledgerEntries).where(where).groupBy(ledgerEntries.unitId),
    db
      .select({ name: products.name, amount: sumAmount })
      .from(ledgerEntries)
      .innerJoin(products, eq(products.id, ledgerEntries.productId))
      .where(where)
      .groupBy(products.name)
      .orderBy(sql`sum(${ledgerEntries.amountFen}) desc`),
    db
      .select()
      .from(unitTargets)
      .where(and(eq(unitTargets.unitId, unitId), eq(unitTargets.year, year)))
      .orderBy(unitTargets.id),
    // 帮助销售 the unit brokered, by what was sold, for the paragraph.
    db
      .select({ name: offlineSales.productName, amount: sumAmount, grams: sql<string>`coalesce(sum(${ledgerEntries.grams}), 0)::text` })
      .from(ledgerEntries)
      .innerJoin(offlineSales, eq(offlineSales.id, ledgerEntries.sourceId))
      .where(and(where, eq(ledgerEntries.sourceKind, 'offline')))
      .groupBy(offlineSales.productName)
      .orderBy(sql`sum(${ledgerEntries.amountFen}) desc`),
  ]);
  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, byVillageChannel.filter((r) => r.channel === c).reduce((a, r) => a + fen(r.amount), 0n)])) as Record<
    Channel,
    bigint
  >;
  const villagesMap = new Map<number, { villageId: number; name: string; nameEn: string; amount: bigint; byChannel: Partial<Record<Channel, bigint>> }>();
  for (const r of byVillageChannel) {
    const v = villagesMap.get(r.villageId) ?? { villageId: r.villageId, name: r.name, nameEn: r.nameEn, amount: 0n, byChannel: {} };
    v.amount += fen(r.amount);
    v.byChannel[r.channel] = fen(r.amount);
    villagesMap.set(r.villageId, v);
  }
  // Targets are yearly: progress is the whole year's sum (this year: so far) over the target's channels.
  const progress = await Promise.all(
    targets.map(async (target) => {
      const [row] = await db
        .select({ amount: sumAmount })
        .from(ledgerEntries)
        .where(inPeriod(yearPeriod, inArray(ledgerEntries.unitId, ids), inArray(ledgerEntries.channel, target.channels)));
      const done = fen(row.amount);
      const { elapsed, total } = elapsedShare(yearPeriod, today);
      // At the present pace: what the year will reach (exact integer arithmetic on 分).
      const projected = elapsed === 0 ? 0n : (done * BigInt(total)) / BigInt(elapsed);
      return { target, done, projected, reaches: done >= target.targetFen || projected >= target.targetFen, yearOver: elapsed >= total };
    }),
  );
  const total = Object.values(byChannel).reduce((a, b) => a + b, 0n);
  return {
    unit: unitRows.find((u) => u.id === unitId) ?? null,
    subUnits: unitRows.filter((u) => u.id !== unitId).map((u) => ({ ...u, amount: fen(bySubUnit.find((s) => s.unitId === u.id)?.amount) })),
    period,
    total,
    byChannel,
    byVillage: [...villagesMap.values()].sort((a, b) => (a.amount === b.amount ? 0 : a.amount > b.amount ? -1 : 1)),
    products: byProduct.map((p) => ({ name: p.name, amount: fen(p.amount) })),
    targets: progress,
    brokered: brokered.map((b) => ({ name: b.name, amount: fen(b.amount), grams: fen(b.grams) })).filter((b) => b.amount !== 0n),
  };
}
export type UnitReport = Awaited<ReturnType<typeof unitReport>>;

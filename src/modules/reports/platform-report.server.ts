// The whole platform for a period: villages and units ranked, totals by province
// and by category. Whole months are read from the monthly sums (tens of
// thousands of rows, whatever the ledger's size); the odd days of a custom
// period from the entries themselves. Admins only.
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { categories, ledgerEntries, ledgerMonthlyUnit, ledgerMonthlyVillage, products, units, villages } from '../../../db/schema/index.ts';
import { splitPeriod, type Period } from './periods.ts';
import { inPeriod } from './village-report.server.ts';

const fen = (v: string | null | undefined) => BigInt(v ?? '0');
type Sum = { key: number; amount: string };

/** Sums by a key over whole months (rollup) plus edge days (entries). */
async function sumBy(period: Period, fromMonths: (range: [string, string]) => Promise<Sum[]>, fromEntries: (where: SQL | undefined) => Promise<Sum[]>) {
  const { months, edges } = splitPeriod(period);
  const parts = await Promise.all([
    months ? fromMonths(months) : Promise.resolve([]),
    ...edges.map(([from, until]) => fromEntries(inPeriod({ kind: 'custom', key: '', from, until }))),
  ]);
  const totals = new Map<number, bigint>();
  for (const row of parts.flat()) totals.set(Number(row.key), (totals.get(Number(row.key)) ?? 0n) + fen(row.amount));
  return totals;
}

const ranked = <T extends { amount: bigint }>(rows: T[]) => rows.sort((a, b) => (a.amount === b.amount ? 0 : a.amount > b.amount ? -1 : 1));

export async function platformReport(db: Db, period: Period, top = 20) {
  const monthRange = (col: typeof ledgerMonthlyVillage.month | typeof ledgerMonthlyUnit.month, [from, until]: [string, string]) => and(gte(col, from), lt(col, until));
  const entriesSum = sql<string>`coalesce(sum(${ledgerEntries.amountFen}), 0)::text`;
  const [byVillage, byUnit, byCategory] = await Promise.all([
    sumBy(
      period,
      (r) =>
        db
          .select({ key: ledgerMonthlyVillage.villageId, amount: sql<string>`sum(${ledgerMonthlyVillage.amountFen})::text` })
          .from(ledgerMonthlyVillage)
          .where(monthRange(ledgerMonthlyVillage.month, r))
          .groupBy(ledgerMonthlyVillage.villageId),
      (where) => db.select({ key: ledgerEntries.villageId, amount: entriesSum }).from(ledgerEntries).where(where).groupBy(ledgerEntries.villageId),
    ),
    sumBy(
      period,
      (r) =>
        db
          .select({ key: ledgerMonthlyUnit.unitId, amount: sql<string>`sum(${ledgerMonthlyUnit.amountFen})::text` })
          .from(ledgerMonthlyUnit)
          .where(monthRange(ledgerMonthlyUnit.month, r))
          .groupBy(ledgerMonthlyUnit.unitId),
      (where) =>
        db
          .select({ key: sql<number>`${ledgerEntries.unitId}`, amount: entriesSum })
          .from(ledgerEntries)
          .where(and(where, sql`${ledgerEntries.unitId} is not null`))
          .groupBy(ledgerEntries.unitId),
    ),
    sumBy(
      period,
      (r) =>
        db
          .select({ key: ledgerMonthlyVillage.categoryId, amount: sql<string>`sum(${ledgerMonthlyVillage.amountFen})::text` })
          .from(ledgerMonthlyVillage)
          .where(monthRange(ledgerMonthlyVillage.month, r))
          .groupBy(ledgerMonthlyVillage.categoryId),
      (where) =>
        db
          .select({ key: sql<number>`coalesce(${products.categoryId}, 0)`, amount: entriesSum })
          .from(ledgerEntries)
          .leftJoin(products, eq(products.id, ledgerEntries.productId))
          .where(where)
          .groupBy(sql`coalesce(${products.categoryId}, 0)`),
    ),
  ]);
  const [villageRows, unitRows, categoryRows] = await Promise.all([
    db
      .select({ id: villages.id, slug: villages.slug, name: villages.name, nameEn: villages.nameEn, province: villages.province, provinceEn: villages.provinceEn })
      .from(villages),
    byUnit.size ? db.select({ id: units.id, name: units.name }).from(units) : [],
    db.select({ id: categories.id, name: categories.name, nameEn: categories.nameEn }).from(categories),
  ]);
  const villageRanking = ranked(villageRows.map((v) => ({ ...v, amount: byVillage.get(v.id) ?? 0n })).filter((v) => v.amount !== 0n));
  const provinces = new Map<string, { province: string; provinceEn: string; amount: bigint; villages: number }>();
  for (const v of villageRanking) {
    const p = provinces.get(v.province) ?? { province: v.province, provinceEn: v.provinceEn, amount: 0n, villages: 0 };
    p.amount += v.amount;
    p.villages += 1;
    provinces.set(v.province, p);
  }
  const total = villageRanking.reduce((a, v) => a + v.amount, 0n);
  return {
    period,
    total,
    villages: villageRanking.slice(0, top),
    villageCount: villageRanking.length,
    units: ranked(unitRows.map((u) => ({ ...u, amount: byUnit.get(u.id) ?? 0n })).filter((u) => u.amount !== 0n)).slice(0, top),
    provinces: ranked([...provinces.values()]),
    categories: ranked(
      [...byCategory.entries()].map(([id, amount]) => ({
        id,
        name: categoryRows.find((c) => c.id === id)?.name ?? '其他',
        nameEn: categoryRows.find((c) => c.id === id)?.nameEn ?? 'Other',
        amount,
      })),
    ),
  };
}
export type PlatformReport = Awaited<ReturnType<typeof platformReport>>;

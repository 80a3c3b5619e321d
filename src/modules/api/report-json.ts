// The bodies of /api/v1/reports (the shapes of report-schemas.ts): money as a string of integer
// 分 plus 元 with two decimals, periods as key/kind/from/until. Null when the report found no
// village or unit (the endpoint answers 404).
import { jin, yuan } from '../reports/format.ts';
import { paragraphForVillage, unitParagraph } from '../reports/paragraph.ts';
import { periodLabel, type Period } from '../reports/periods.ts';
import type { PlatformReport } from '../reports/platform-report.server.ts';
import type { UnitReport } from '../reports/unit-report.server.ts';
import type { VillageReport } from '../reports/village-report.server.ts';

const money = (fen: bigint) => ({ fen: fen.toString(), yuan: yuan(fen) });
const periodOut = (p: Period) => ({ key: p.key, kind: p.kind, from: p.from, until: p.until });
const channels = (c: Record<string, bigint>) => ({
  personal: money(c.personal),
  unit_purchase: money(c.unit_purchase),
  staff_purchase: money(c.staff_purchase),
  brokered: money(c.brokered),
});

export function villageReportJson(r: VillageReport, p: Period) {
  if (!r.village) return null;
  return {
    village: { id: r.village.id, slug: r.village.slug, name: r.village.name },
    period: periodOut(p),
    total: money(r.total),
    byChannel: channels(r.byChannel),
    byProduct: r.byProduct.map((x) => ({
      productId: x.productId,
      name: x.name,
      amount: money(x.amount),
      quantity: x.quantity.toString(),
      saleUnit: x.saleUnit,
      jin: jin(x.grams),
    })),
    byUnit: r.byUnit.map((x) => ({ unitId: x.unitId, name: x.name, amount: money(x.amount) })),
    trend: r.trend.map((x) => ({ month: x.month.slice(0, 7), amount: money(x.amount) })),
    orders: r.orders,
    buyers: r.buyers,
    households: r.households,
    lastYear: { period: periodOut(r.lastYear.period), total: money(r.lastYear.total) },
    paragraph: paragraphForVillage(r),
  };
}

export function unitReportJson(r: UnitReport, p: Period) {
  if (!r.unit) return null;
  return {
    unit: { id: r.unit.id, name: r.unit.name },
    period: periodOut(p),
    total: money(r.total),
    byChannel: channels(r.byChannel),
    byVillage: r.byVillage.map((v) => ({ villageId: v.villageId, name: v.name, amount: money(v.amount) })),
    subUnits: r.subUnits.map((s) => ({ id: s.id, name: s.name, amount: money(s.amount) })),
    targets: r.targets.map((x) => ({
      name: x.target.name,
      kind: x.target.kind,
      target: money(x.target.targetFen),
      done: money(x.done),
      projected: money(x.projected),
      reaches: x.reaches,
    })),
    paragraph: unitParagraph({
      periodLabel: periodLabel(p, 'zh'),
      unit: r.unit.name,
      villages: r.byVillage.map((v) => v.name),
      products: r.products.filter((x) => x.amount > 0n).map((x) => x.name),
      unitPurchase: r.byChannel.unit_purchase,
      staffPurchase: r.byChannel.staff_purchase,
      brokered: r.brokered,
    }),
  };
}

export function platformReportJson(r: PlatformReport, p: Period) {
  return {
    period: periodOut(p),
    total: money(r.total),
    villages: r.villages.map((v) => ({ id: v.id, name: v.name, province: v.province, amount: money(v.amount) })),
    units: r.units.map((u) => ({ id: u.id, name: u.name, amount: money(u.amount) })),
    provinces: r.provinces.map((x) => ({ province: x.province, amount: money(x.amount) })),
    categories: r.categories.map((c) => ({ id: c.id, name: c.name, amount: money(c.amount) })),
  };
}

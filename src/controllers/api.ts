// /api/v1/reports: the report figures as JSON, for a signed-in session (same
// rules as the pages) or a unit's API token (that unit and its sub-units only).
import type { APIContext } from 'astro';
import { getDb } from '../../db/client.ts';
import type { Db } from '../../db/client.ts';
import { requireAdmin } from '../modules/auth/guards.server.ts';
import { ReportQuery } from '../modules/api/report-schemas.ts';
import { unitOfToken } from '../modules/reports/api-tokens.server.ts';
import { yuan } from '../modules/reports/format.ts';
import { paragraphForVillage, unitParagraph } from '../modules/reports/paragraph.ts';
import { parsePeriod, periodLabel, type Period } from '../modules/reports/periods.ts';
import { platformReport } from '../modules/reports/platform-report.server.ts';
import { unitFamily, unitReport } from '../modules/reports/unit-report.server.ts';
import { villageReport } from '../modules/reports/village-report.server.ts';
import { shanghaiDate } from '../lib/dates.ts';
import { AccessError } from '../lib/errors.ts';
import { jin } from '../modules/reports/format.ts';
import { requireUnitRole } from '../modules/units/access.server.ts';
import { requireVillageManager } from '../modules/villages/access.server.ts';

const money = (fen: bigint) => ({ fen: fen.toString(), yuan: yuan(fen) });
const periodOut = (p: Period) => ({ key: p.key, kind: p.kind, from: p.from, until: p.until });
const channels = (c: Record<string, bigint>) => ({ personal: money(c.personal), unit_purchase: money(c.unit_purchase), staff_purchase: money(c.staff_purchase), brokered: money(c.brokered) });

const messages = {
  bad_query: { zh: '查询参数不正确：period 可为 2026、2026-H1、2026-Q3、2026-11，或用 from 和 to 给出日期（YYYY-MM-DD）。', en: 'Bad query: period is 2026, 2026-H1, 2026-Q3 or 2026-11, or give from and to (YYYY-MM-DD).' },
  unauthorized: { zh: '请登录，或在 Authorization 头中提供单位 API 令牌（Bearer）。', en: 'Sign in, or send a unit API token as Authorization: Bearer.' },
  forbidden: { zh: '没有权限查看这份统计。', en: 'You may not see this report.' },
  not_found: { zh: '没有找到。', en: 'Not found.' },
};
type Code = keyof typeof messages;
const status: Record<Code, number> = { bad_query: 400, unauthorized: 401, forbidden: 403, not_found: 404 };

function fail(context: APIContext, code: Code): Response {
  const en = (context.request.headers.get('accept-language') ?? '').toLowerCase().startsWith('en');
  return Response.json({ error: { code, message: messages[code][en ? 'en' : 'zh'] } }, { status: status[code], headers: { 'cache-control': 'no-store' } });
}

function period(context: APIContext): Period | null {
  const parsed = ReportQuery.safeParse(Object.fromEntries(context.url.searchParams));
  if (!parsed.success) return null;
  const { period: key, from, to } = parsed.data;
  if ((from === undefined) !== (to === undefined)) return null;
  return parsePeriod(from && to ? `${from}~${to}` : (key ?? shanghaiDate(new Date()).slice(0, 4)));
}

/** Runs a report handler: bad input → 400, no credentials → 401, not allowed → 403; never a 500 for those. */
async function answer(context: APIContext, fn: (db: Db, p: Period, tokenUnit: number | null) => Promise<unknown>): Promise<Response> {
  const p = period(context);
  if (!p) return fail(context, 'bad_query');
  const db = await getDb();
  const auth = context.request.headers.get('authorization');
  let tokenUnit: number | null = null;
  if (auth) {
    tokenUnit = await unitOfToken(db, auth.replace(/^Bearer\s+/i, ''));
    if (tokenUnit === null) return fail(context, 'unauthorized');
  }
  try {
    const body = await fn(db, p, tokenUnit);
    if (body === null) return fail(context, 'not_found');
    return Response.json(body, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    if (error instanceof AccessError) return fail(context, error.status === 401 ? 'unauthorized' : 'forbidden');
    throw error;
  }
}

const idParam = (context: APIContext) => (/^\d{1,9}$/.test(context.params.id ?? '') ? Number(context.params.id) : -1);

export const villageReportJson = (context: APIContext) =>
  answer(context, async (db, p, tokenUnit) => {
    if (tokenUnit !== null) throw new AccessError(403); // unit tokens read units, not villages
    await requireVillageManager(db, context.locals, idParam(context));
    const r = await villageReport(db, idParam(context), p);
    if (!r.village) return null;
    return {
      village: { id: r.village.id, slug: r.village.slug, name: r.village.name },
      period: periodOut(p),
      total: money(r.total),
      byChannel: channels(r.byChannel),
      byProduct: r.byProduct.map((x) => ({ productId: x.productId, name: x.name, amount: money(x.amount), quantity: x.quantity.toString(), saleUnit: x.saleUnit, jin: jin(x.grams) })),
      byUnit: r.byUnit.map((x) => ({ unitId: x.unitId, name: x.name, amount: money(x.amount) })),
      trend: r.trend.map((x) => ({ month: x.month.slice(0, 7), amount: money(x.amount) })),
      orders: r.orders,
      buyers: r.buyers,
      households: r.households,
      lastYear: { period: periodOut(r.lastYear.period), total: money(r.lastYear.total) },
      paragraph: paragraphForVillage(r),
    };
  });

export const unitReportJson = (context: APIContext) =>
  answer(context, async (db, p, tokenUnit) => {
    const unitId = idParam(context);
    if (tokenUnit !== null) {
      if (!(await unitFamily(db, tokenUnit)).includes(unitId)) throw new AccessError(403);
    } else await requireUnitRole(db, context.locals, unitId);
    const r = await unitReport(db, unitId, p, shanghaiDate(new Date()));
    if (!r.unit) return null;
    return {
      unit: { id: r.unit.id, name: r.unit.name },
      period: periodOut(p),
      total: money(r.total),
      byChannel: channels(r.byChannel),
      byVillage: r.byVillage.map((v) => ({ villageId: v.villageId, name: v.name, amount: money(v.amount) })),
      subUnits: r.subUnits.map((s) => ({ id: s.id, name: s.name, amount: money(s.amount) })),
      targets: r.targets.map((x) => ({ name: x.target.name, kind: x.target.kind, target: money(x.target.targetFen), done: money(x.done), projected: money(x.projected), reaches: x.reaches })),
      paragraph: unitParagraph({ periodLabel: periodLabel(p, 'zh'), unit: r.unit.name, villages: r.byVillage.map((v) => v.name), products: r.products.filter((x) => x.amount > 0n).map((x) => x.name), unitPurchase: r.byChannel.unit_purchase, staffPurchase: r.byChannel.staff_purchase, brokered: r.brokered }),
    };
  });

export const platformReportJson = (context: APIContext) =>
  answer(context, async (db, p, tokenUnit) => {
    if (tokenUnit !== null) throw new AccessError(403);
    requireAdmin(context.locals);
    const r = await platformReport(db, p);
    return {
      period: periodOut(p),
      total: money(r.total),
      villages: r.villages.map((v) => ({ id: v.id, name: v.name, province: v.province, amount: money(v.amount) })),
      units: r.units.map((u) => ({ id: u.id, name: u.name, amount: money(u.amount) })),
      provinces: r.provinces.map((x) => ({ province: x.province, amount: money(x.amount) })),
      categories: r.categories.map((c) => ({ id: c.id, name: c.name, amount: money(c.amount) })),
    };
  });

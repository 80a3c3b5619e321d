// Report pages: a village's figures for a period, the entries behind a figure,
// and the exports. The village's managers and platform admins see them.
import { PassThrough, Readable } from 'node:stream';
import type { APIContext } from 'astro';
import { eq } from 'drizzle-orm';
import { units, villages } from '../../db/schema/index.ts';
import { actions } from 'astro:actions';
import { getDb } from '../../db/client.ts';
import { requireAdmin } from '../modules/auth/guards.server.ts';
import { checkLedger } from '../modules/ledger/check.server.ts';
import { platformReport } from '../modules/reports/platform-report.server.ts';
import { unitReport } from '../modules/reports/unit-report.server.ts';
import { listOfflineSales } from '../modules/reports/offline-sales.server.ts';
import { listApiTokens } from '../modules/reports/api-tokens.server.ts';
import { exportEntriesXlsx } from '../modules/reports/entries-export.server.ts';
import { loadNotice, publishedNotices } from '../modules/reports/notices.server.ts';
import { formState } from '../lib/form-state.ts';
import writeXlsxFile from 'write-excel-file/node';
import { periodLabel, periodFromQuery } from '../modules/reports/periods.ts';
import { paragraphForVillage, unitParagraph } from '../modules/reports/paragraph.ts';
import { toCsv, toSheets, villageTables } from '../modules/reports/export.ts';
import { CHANNELS, villageEntries, villageReport, type Channel } from '../modules/reports/village-report.server.ts';
import { shanghaiDate } from '../lib/dates.ts';
import type { Locale } from '../lib/i18n.ts';
import { managedVillage } from './manage-orders.ts';
import { notFound, render, type PageContext } from './types.ts';
import { requireUnitRole } from '../modules/units/access.server.ts';


export async function villageReportPage(Astro: PageContext, locale: Locale) {
  const { db, village } = await managedVillage(Astro);
  const { period, invalid } = periodFromQuery(Astro.url.searchParams, shanghaiDate(new Date()));
  const report = await villageReport(db, village.id, period);
  const noticeResult = Astro.getActionResult(actions.reports.publishNotice);
  const published = (await publishedNotices(db, village.id)).some((n) => n.periodKey === period.key);
  return render({ locale, report, invalid, paragraph: paragraphForVillage(report), today: shanghaiDate(new Date()), published, noticeState: formState(noticeResult) });
}

const positiveInt = (v: string | null) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

export async function villageEntriesPage(Astro: PageContext, locale: Locale) {
  const { db, village } = await managedVillage(Astro);
  const q = Astro.url.searchParams;
  const { period, invalid } = periodFromQuery(q, shanghaiDate(new Date()));
  const channel = (CHANNELS as readonly string[]).includes(q.get('channel') ?? '') ? (q.get('channel') as Channel) : undefined;
  const filter = { channel, productId: positiveInt(q.get('product')), producerId: positiveInt(q.get('producer')), unitId: positiveInt(q.get('unit')) };
  const page = Math.max(1, Math.min(100_000, positiveInt(q.get('page')) ?? 1));
  const entries = await villageEntries(db, village.id, period, filter, page);
  return render({ locale, village, period, invalid, filter, page, entries });
}

/** GET …/report.csv and …/report.xlsx: the page's breakdowns as files. */
export async function villageReportFile(context: APIContext, format: 'csv' | 'xlsx'): Promise<Response> {
  const { db, village } = await managedVillage(context);
  const { period } = periodFromQuery(context.url.searchParams, shanghaiDate(new Date()));
  const report = await villageReport(db, village.id, period);
  const tables = villageTables(report);
  const name = encodeURIComponent(`${village.name}-${period.key}-消费帮扶统计.${format}`);
  const headers = { 'content-disposition': `attachment; filename*=UTF-8''${name}`, 'cache-control': 'private, no-store' };
  if (format === 'csv') return new Response(toCsv(tables), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
  const buffer = await writeXlsxFile(toSheets(tables)).toBuffer();
  return new Response(new Uint8Array(buffer), { headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
}

/** A unit's figures: any member of the unit (a parent unit's members see its sub-units too), and admins. */
export async function unitReportPage(Astro: PageContext, locale: Locale) {
  // An id past PostgreSQL's integer names no unit (and must not reach the query).
  const unitId = /^\d{1,9}$/.test(Astro.params.id ?? '') ? Number(Astro.params.id) : -1;
  const db = await getDb();
  const { role } = await requireUnitRole(db, Astro.locals, unitId);
  const today = shanghaiDate(new Date());
  const { period, invalid } = periodFromQuery(Astro.url.searchParams, today);
  const report = await unitReport(db, unitId, period, today);
  if (!report.unit) return notFound(); // an admin asking for a unit that does not exist
  const created = Astro.getActionResult(actions.reports.createApiToken);
  const results = [Astro.getActionResult(actions.reports.addTarget), Astro.getActionResult(actions.reports.removeTarget), created, Astro.getActionResult(actions.reports.revokeApiToken)];
  const manage = role === 'admin' || role === 'platform_admin';
  const paragraph = unitParagraph({
    periodLabel: periodLabel(period, 'zh'),
    unit: report.unit?.name ?? '',
    villages: report.byVillage.map((v) => v.name),
    products: report.products.filter((p) => p.amount > 0n).map((p) => p.name),
    unitPurchase: report.byChannel.unit_purchase,
    staffPurchase: report.byChannel.staff_purchase,
    brokered: report.brokered,
  });
  return render({
    locale,
    report,
    invalid,
    paragraph,
    today,
    manage,
    tokens: manage ? await listApiTokens(db, unitId) : [],
    newToken: created?.data?.token ?? null,
    state: formState(results.find((r) => r?.error)),
  });
}

export async function platformReportPage(Astro: PageContext, locale: Locale) {
  requireAdmin(Astro.locals);
  const db = await getDb();
  const today = shanghaiDate(new Date());
  const { period, invalid } = periodFromQuery(Astro.url.searchParams, today);
  const [report, check] = await Promise.all([platformReport(db, period), checkLedger(db, 20)]);
  return render({ locale, report, check, invalid, today });
}

export async function brokeredPage(Astro: PageContext, locale: Locale) {
  const { db, village } = await managedVillage(Astro);
  const results = [Astro.getActionResult(actions.reports.recordOfflineSale), Astro.getActionResult(actions.reports.reverseOfflineSale)];
  return render({
    locale,
    village,
    sales: await listOfflineSales(db, { villageId: village.id }),
    today: shanghaiDate(new Date()),
    saved: Boolean(results[0]?.data),
    state: formState(results.find((r) => r?.error)),
  });
}

/** GET …/report/entries.xlsx: every entry of the period, streamed (100 000 rows stay within a few MB). */
export async function villageEntriesFile(context: APIContext): Promise<Response> {
  const { db, village } = await managedVillage(context);
  const { period } = periodFromQuery(context.url.searchParams, shanghaiDate(new Date()));
  const out = new PassThrough();
  exportEntriesXlsx(db, { villageId: village.id }, period, out).then(
    () => out.end(), // writeXlsx leaves ending the stream to its caller
    (error) => {
      console.error('entries export failed:', error);
      out.destroy(error as Error);
    },
  );
  const name = encodeURIComponent(`${village.name}-${period.key}-台账明细.xlsx`);
  return new Response(Readable.toWeb(out) as ReadableStream, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename*=UTF-8''${name}`,
      'cache-control': 'private, no-store',
    },
  });
}

/** A published 公示: public. Not published (or no such village): 404. */
export async function noticePage(Astro: PageContext, locale: Locale) {
  const notice = await loadNotice(await getDb(), Astro.params.slug ?? '', Astro.params.period ?? '');
  return notice ? render({ locale, notice }) : notFound();
}

/** A unit's 帮助销售 (sales it brokered for villages): its admins and buyers. */
export async function unitBrokeredPage(Astro: PageContext, locale: Locale) {
  const unitId = /^\d{1,9}$/.test(Astro.params.id ?? '') ? Number(Astro.params.id) : -1;
  const db = await getDb();
  await requireUnitRole(db, Astro.locals, unitId, ['admin', 'buyer']);
  const [unit] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, unitId));
  if (!unit) return notFound();
  const results = [Astro.getActionResult(actions.reports.recordOfflineSale), Astro.getActionResult(actions.reports.reverseOfflineSale)];
  return render({
    locale,
    village: null,
    unit,
    villageOptions: await db.select({ id: villages.id, name: villages.name, nameEn: villages.nameEn }).from(villages).orderBy(villages.id),
    sales: await listOfflineSales(db, { unitId }),
    today: shanghaiDate(new Date()),
    saved: Boolean(results[0]?.data),
    state: formState(results.find((r) => r?.error)),
  });
}

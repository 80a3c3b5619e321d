// The entries behind a report, exported as .xlsx (台账明细): one village's or one
// unit's entries for a period, oldest first. Read in keyset pages on
// (occurred_at, id) through the (village_id | unit_id, occurred_at) indexes, so
// each page is an index range scan, no transaction stays open for the whole
// download, and it works the same on PGlite. Callers have passed the village or
// unit guard (or are admins).
import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Writable } from 'node:stream';
import type { Db } from '../../../db/client.ts';
import { ledgerEntries, products, units, villages } from '../../../db/schema/index.ts';
import { jin, yuan } from './format.ts';
import type { Period } from './periods.ts';
import { inPeriod } from './village-report.server.ts';
import { writeXlsx, type XlsxColumn, type XlsxValue } from './xlsx-stream.ts';

export type EntriesScope = { villageId: number } | { unitIds: number[] };

const channelName: Record<string, string> = { personal: '个人消费', unit_purchase: '单位采购', staff_purchase: '职工购买', brokered: '帮助销售' };
const sourceName: Record<string, string> = { order_line: '订单', refund: '退款', delivery: '验收', offline: '线下' };

export const ENTRY_COLUMNS: XlsxColumn[] = [
  { header: '编号', kind: 'integer', width: 12 },
  { header: '时间', kind: 'text', width: 20 },
  { header: '渠道', kind: 'text', width: 10 },
  { header: '村', kind: 'text', width: 14 },
  { header: '产品', kind: 'text', width: 14 },
  { header: '帮扶单位', kind: 'text', width: 18 },
  { header: '金额（元）', kind: 'money', width: 14 },
  { header: '数量', kind: 'integer', width: 8 },
  { header: '重量（斤）', kind: 'money', width: 12 },
  { header: '来源', kind: 'text', width: 8 },
  { header: '来源编号', kind: 'integer', width: 12 },
  { header: '自报', kind: 'text', width: 6 },
];

const SHANGHAI_MS = 8 * 3600_000;
const shanghaiTime = (d: Date) => new Date(d.getTime() + SHANGHAI_MS).toISOString().slice(0, 19).replace('T', ' ');

/** Pages of entries in (occurred_at, id) order; at most `limit` rows in all. */
export async function* entryPages(db: Db, scope: EntriesScope, period: Period, pageSize = 2000, limit = Infinity) {
  const scoped = 'villageId' in scope ? eq(ledgerEntries.villageId, scope.villageId) : inArray(ledgerEntries.unitId, scope.unitIds);
  // The cursor keeps occurred_at as PostgreSQL's text: a JS Date has only
  // milliseconds, and a truncated bound would repeat rows at page edges.
  let after: { at: string; id: bigint } | null = null;
  let left = limit;
  while (left > 0) {
    const conditions: SQL[] = [scoped];
    if (after) {
      // occurred_at >= bounds the index scan; the OR breaks ties on id.
      const at = sql`${after.at}::timestamptz`;
      conditions.push(sql`${ledgerEntries.occurredAt} >= ${at} and (${ledgerEntries.occurredAt} > ${at} or ${ledgerEntries.id} > ${after.id})`);
    }
    const rows = await db
      .select({
        id: ledgerEntries.id,
        occurredAt: ledgerEntries.occurredAt,
        cursorAt: sql<string>`${ledgerEntries.occurredAt}::text`,
        channel: ledgerEntries.channel,
        village: villages.name,
        product: products.name,
        unit: units.name,
        amountFen: ledgerEntries.amountFen,
        quantity: ledgerEntries.quantity,
        grams: ledgerEntries.grams,
        sourceKind: ledgerEntries.sourceKind,
        sourceId: ledgerEntries.sourceId,
        selfReported: ledgerEntries.selfReported,
      })
      .from(ledgerEntries)
      .innerJoin(villages, eq(villages.id, ledgerEntries.villageId))
      .leftJoin(products, eq(products.id, ledgerEntries.productId))
      .leftJoin(units, eq(units.id, ledgerEntries.unitId))
      .where(inPeriod(period, ...conditions))
      .orderBy(asc(ledgerEntries.occurredAt), asc(ledgerEntries.id))
      .limit(Math.min(pageSize, left));
    if (rows.length === 0) return;
    yield rows;
    left -= rows.length;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { at: last.cursorAt, id: last.id };
  }
}

async function* asCells(pages: ReturnType<typeof entryPages>): AsyncGenerator<XlsxValue[][]> {
  for await (const page of pages) {
    yield page.map((e) => [
      e.id,
      shanghaiTime(e.occurredAt),
      channelName[e.channel],
      e.village,
      e.product,
      e.unit,
      yuan(e.amountFen),
      e.quantity,
      jin(e.grams),
      sourceName[e.sourceKind],
      e.sourceId,
      e.selfReported ? '是' : '',
    ]);
  }
}

/** Streams the entries to `out` as an .xlsx; returns the number of rows. */
export function exportEntriesXlsx(db: Db, scope: EntriesScope, period: Period, out: Writable, options: { limit?: number; pageSize?: number } = {}): Promise<number> {
  return writeXlsx(out, '台账明细', ENTRY_COLUMNS, asCells(entryPages(db, scope, period, options.pageSize, options.limit)));
}

// Report exports: the same breakdowns as the page, one table each, with Chinese
// headers and 元 with two decimals. Built from a report object (no I/O here).
// Money leaves integer 分 only at this boundary: a cell's number is parsed from
// the exact decimal string (1234.56), which is how a spreadsheet stores it.
import type { Cell, Sheet } from 'write-excel-file/node';
import { jin, yuan } from './format.ts';
import type { VillageReport } from './village-report.server.ts';
import { type CsvValue, csvText, figure } from '../../lib/csv.ts';

export interface Table {
  name: string;
  header: string[];
  rows: (string | number | bigint)[][];
  /** Columns holding 分, written as 元 with two decimals. */
  money: number[];
}

const channelName: Record<string, string> = { personal: '个人消费', unit_purchase: '单位采购', staff_purchase: '职工购买', brokered: '帮助销售' };
const unitName: Record<string, string> = { jin: '斤', box: '盒', case: '箱', bundle: '把', bag: '袋', piece: '只', bottle: '瓶' };

export function villageTables(r: VillageReport): Table[] {
  return [
    {
      name: '按渠道',
      header: ['渠道', '金额（元）'],
      rows: Object.entries(r.byChannel)
        .map(([c, v]) => [channelName[c], v])
        .concat([['合计', r.total]]),
      money: [1],
    },
    {
      name: '按产品',
      header: ['产品', '金额（元）', '数量', '单位', '重量（斤）'],
      rows: r.byProduct.map((p) => [p.name, p.amount, p.quantity, unitName[p.saleUnit] ?? p.saleUnit, jin(p.grams)]),
      money: [1],
    },
    { name: '按帮扶单位', header: ['单位', '金额（元）'], rows: r.byUnit.map((u) => [u.name, u.amount]), money: [1] },
    { name: '按经营主体', header: ['经营主体', '金额（元）'], rows: r.byProducer.map((p) => [p.name, p.amount]), money: [1] },
    { name: '月度趋势', header: ['月份', '金额（元）'], rows: r.trend.map((m) => [m.month.slice(0, 7), m.amount]), money: [1] },
  ];
}

/** 分 as 元 for money columns; everything else as it is (text is neutralised by csvField, figures are not). */
const cell = (v: string | number | bigint, money: boolean): CsvValue => (money ? figure(yuan(BigInt(v))) : v);

/** CSV with a BOM, so Excel opens the Chinese correctly; every field quoted. */
export function toCsv(tables: Table[]): string {
  const rows: CsvValue[][] = [];
  for (const t of tables) {
    rows.push([t.name], t.header);
    for (const row of t.rows) rows.push(row.map((v, i) => cell(v, t.money.includes(i))));
    rows.push([]);
  }
  return csvText(rows);
}

/** One sheet per breakdown; money as numbers formatted 0.00, so they can be summed. */
export function toSheets(tables: Table[]): Sheet<never>[] {
  return tables.map((t) => ({
    sheet: t.name,
    stickyRowsCount: 1,
    columns: t.header.map((h) => ({ width: Math.max(10, h.length * 2 + 4) })),
    data: [
      t.header.map((h): Cell => ({ value: h, fontWeight: 'bold' })),
      ...t.rows.map((row) =>
        row.map((v, i): Cell => {
          if (t.money.includes(i)) return { value: Number(yuan(BigInt(v))), format: '0.00' };
          if (typeof v === 'bigint') return { value: Number(v) };
          return { value: v };
        }),
      ),
    ],
  }));
}

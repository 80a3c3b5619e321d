// Reconciliation: the ledger must equal what it summarises, to the 分.
//  1. Per consumer order: its sale and refund entries = goods paid − goods refunded
//     (refunds count against goods first; shipping is not a sale of produce).
//  2. Per 帮助销售 record (and its reversal): its entry = its amount.
//  3. Per accepted unit delivery: its entries = the goods received × their prices
//     (the delivery's bill minus freight), and a delivery not accepted has none.
//  4. The monthly sums (rollups) = the entries they sum.
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../../db/client.ts';

export interface Mismatch {
  what: string;
  key: string;
  expected: bigint;
  actual: bigint;
}

export interface LedgerCheck {
  ok: boolean;
  entries: number;
  ledgerTotal: bigint;
  ordersChecked: number;
  mismatches: Mismatch[];
}

const rows = (db: Db, query: ReturnType<typeof sql>) => rowsOf(db, query);

export async function checkLedger(db: Db, limit = 100): Promise<LedgerCheck> {
  const [totals] = await rows(db, sql`select count(*)::int as n, coalesce(sum(amount_fen), 0)::text as total from ledger_entries`);
  const orderDiffs = await rows(
    db,
    sql`with expected as (
          select o.id, o.number, case when o.paid_at is null then 0 else o.goods_fen - least(o.refunded_fen, o.goods_fen) end as fen
          from orders o),
        actual as (
          select ol.order_id as id, sum(e.amount_fen) as fen from ledger_entries e join order_lines ol on e.source_kind = 'order_line' and ol.id = e.source_id group by ol.order_id
          union all
          select r.order_id, sum(e.amount_fen) from ledger_entries e join refunds r on e.source_kind = 'refund' and r.id = e.source_id group by r.order_id),
        summed as (select id, sum(fen) as fen from actual group by id)
        select x.number as key, x.fen::text as expected, coalesce(s.fen, 0)::text as actual, (select count(*) from expected)::int as checked
        from expected x left join summed s on s.id = x.id
        where x.fen <> coalesce(s.fen, 0)
        limit ${limit}`,
  );
  const rollupDiffs = await rows(
    db,
    sql`with truth as (
          select date_trunc('month', (e.occurred_at at time zone 'UTC') + interval '8 hours')::date as month, e.village_id, e.channel, sum(e.amount_fen) as fen
          from ledger_entries e group by 1, 2, 3),
        rolled as (select month, village_id, channel, sum(amount_fen) as fen from ledger_monthly_village group by 1, 2, 3)
        select coalesce(t.month, r.month)::text || ' village ' || coalesce(t.village_id, r.village_id) || ' ' || coalesce(t.channel, r.channel) as key,
               coalesce(t.fen, 0)::text as expected, coalesce(r.fen, 0)::text as actual
        from truth t full join rolled r on r.month = t.month and r.village_id = t.village_id and r.channel = t.channel
        where coalesce(t.fen, 0) <> coalesce(r.fen, 0)
        limit ${limit}`,
  );
  const offlineDiffs = await rows(
    db,
    sql`select 'offline sale ' || s.id as key, s.amount_fen::text as expected, coalesce(sum(e.amount_fen), 0)::text as actual
        from offline_sales s left join ledger_entries e on e.source_kind = 'offline' and e.source_id = s.id
        group by s.id having s.amount_fen <> coalesce(sum(e.amount_fen), 0)
        limit ${limit}`,
  );
  const deliveryDiffs = await rows(
    db,
    sql`with expected as (
          select d.id, c.number || ' #' || d.seq as key,
                 case when d.status = 'accepted' then coalesce(sum(dl.received_quantity::bigint * cl.unit_price_fen), 0) else 0 end as fen
          from deliveries d join contracts c on c.id = d.contract_id
          join delivery_lines dl on dl.delivery_id = d.id join contract_lines cl on cl.id = dl.contract_line_id
          group by d.id, c.number, d.seq, d.status),
        actual as (
          select dl.delivery_id as id, sum(e.amount_fen) as fen from ledger_entries e join delivery_lines dl on e.source_kind = 'delivery' and dl.id = e.source_id group by dl.delivery_id)
        select 'delivery ' || x.key as key, x.fen::text as expected, coalesce(a.fen, 0)::text as actual
        from expected x left join actual a on a.id = x.id
        where x.fen <> coalesce(a.fen, 0)
        limit ${limit}`,
  );
  const [{ n: ordersChecked }] = await rows(db, sql`select count(*)::int as n from orders`);
  const mismatches: Mismatch[] = [
    ...orderDiffs.map((r) => ({ what: 'order', key: String(r.key), expected: BigInt(String(r.expected)), actual: BigInt(String(r.actual)) })),
    ...deliveryDiffs.map((r) => ({ what: 'delivery', key: String(r.key), expected: BigInt(String(r.expected)), actual: BigInt(String(r.actual)) })),
    ...offlineDiffs.map((r) => ({ what: 'offline', key: String(r.key), expected: BigInt(String(r.expected)), actual: BigInt(String(r.actual)) })),
    ...rollupDiffs.map((r) => ({ what: 'monthly sum', key: String(r.key), expected: BigInt(String(r.expected)), actual: BigInt(String(r.actual)) })),
  ];
  return { ok: mismatches.length === 0, entries: Number(totals.n), ledgerTotal: BigInt(String(totals.total)), ordersChecked: Number(ordersChecked), mismatches };
}

// Synthetic but realistic data for `npm run bench:report`: 500 villages with
// producers, products and variants; 200 helping units (valid credit codes) each
// paired with a few villages; and N ledger entries over 2023–2025, generated
// server-side (INSERT … SELECT generate_series) in time order, as a live ledger
// is written, so ids and occurred_at grow together and a village's entries are
// scattered over the whole table (one or two per page) — the hard case for reads.
import type postgres from 'postgres';
import { categories as demoCategories } from '../db/demo/data.ts';
import { makeCreditCode } from '../tests/factories/users.ts';

export const VILLAGES = 500;
export const UNITS = 200;
/** 2023-01-01 to 2025-12-31, Shanghai days. */
export const FIRST_DAY = '2023-01-01';
export const DAYS = 1096;

const PROVINCES = [
  ['河南省', 'Henan', '信阳市', '光山县'],
  ['贵州省', 'Guizhou', '黔东南州', '雷山县'],
  ['山东省', 'Shandong', '临沂市', '蒙阴县'],
  ['安徽省', 'Anhui', '六安市', '金寨县'],
  ['河北省', 'Hebei', '张家口市', '阳原县'],
  ['云南省', 'Yunnan', '昭通市', '镇雄县'],
  ['甘肃省', 'Gansu', '定西市', '岷县'],
  ['四川省', 'Sichuan', '凉山州', '昭觉县'],
  ['湖南省', 'Hunan', '湘西州', '花垣县'],
  ['江西省', 'Jiangxi', '赣州市', '兴国县'],
];

// Per category: a product name, sale units with net grams and price range in 分.
const PRODUCE: Record<string, { name: string; unit: string; grams: number | null; fen: [number, number] }[]> = {
  'fresh-fruit': [
    { name: '脆桃', unit: 'case', grams: 2500, fen: [3980, 6980] },
    { name: '猕猴桃', unit: 'box', grams: 1500, fen: [2980, 4980] },
  ],
  tea: [{ name: '高山绿茶', unit: 'box', grams: 250, fen: [8800, 26800] }],
  'grain-oil': [
    { name: '小磨香油', unit: 'bottle', grams: 500, fen: [3600, 5800] },
    { name: '富硒大米', unit: 'bag', grams: 5000, fen: [4500, 8900] },
  ],
  'veg-dried': [
    { name: '大蒜', unit: 'jin', grams: 500, fen: [400, 900] },
    { name: '香菇干', unit: 'bag', grams: 500, fen: [4200, 7800] },
  ],
  'poultry-eggs': [
    { name: '土鸡蛋', unit: 'box', grams: 1500, fen: [3800, 5600] },
    { name: '散养土鸡', unit: 'piece', grams: 1500, fen: [9800, 16800] },
  ],
  aquatic: [{ name: '稻田鱼', unit: 'jin', grams: 500, fen: [1800, 3200] }],
  handicraft: [{ name: '高粱扫帚', unit: 'bundle', grams: null, fen: [1000, 1800] }],
};

/** Catalogue, units and pairings, plus the lookup tables the ledger generator joins. */
export async function createWorld(sql: postgres.Sql): Promise<void> {
  await sql`select setseed(0.42)`;
  for (const [i, c] of demoCategories.entries()) {
    await sql`insert into categories (slug, name, name_en, compare_per_jin, perishable, sort_order)
      values (${c.slug}, ${c.name}, ${c.nameEn}, ${c.comparePerJin ?? true}, ${c.perishable ?? false}, ${i})`;
  }
  const villageRows = Array.from({ length: VILLAGES }, (_, i) => {
    const [province, provinceEn, city, county] = PROVINCES[i % PROVINCES.length];
    return { slug: `bench-village-${i + 1}`, name: `帮扶${i + 1}村`, name_en: `Village ${i + 1}`, province, province_en: provinceEn, city, county, township: '城关镇' };
  });
  await sql`insert into villages ${sql(villageRows)}`;
  // Four producers a village: two households (one 脱贫户, one 监测户), a cooperative, the collective enterprise.
  await sql`insert into producers (village_id, kind, name, is_lifted, is_monitored)
    select v.id, k.kind::producer_kind, k.prefix || v.id, k.lifted, k.monitored
    from villages v cross join (values ('household', '张某', true, false), ('household', '李某', false, true),
      ('cooperative', '种养专业合作社', false, false), ('collective_enterprise', '村集体企业', false, false)) k(kind, prefix, lifted, monitored)`;
  // Three or four products a village from rotating categories, one or two variants each.
  const produce = Object.entries(PRODUCE).flatMap(([slug, items]) => items.map((p) => ({ slug, ...p })));
  const productRows: Record<string, unknown>[] = [];
  const villageIds = (await sql<{ id: number }[]>`select id from villages order by id`).map((r) => r.id);
  const producersOf = new Map<number, number[]>();
  for (const r of await sql<{ id: number; village_id: number }[]>`select id, village_id from producers order by id`) {
    producersOf.set(r.village_id, [...(producersOf.get(r.village_id) ?? []), r.id]);
  }
  const categoryIds = new Map((await sql<{ id: number; slug: string }[]>`select id, slug from categories`).map((r) => [r.slug, r.id]));
  villageIds.forEach((villageId, vi) => {
    const count = 3 + (vi % 2);
    for (let k = 0; k < count; k++) {
      const p = produce[(vi * 3 + k * 5) % produce.length];
      productRows.push({
        slug: `bench-${villageId}-${k}`,
        village_id: villageId,
        producer_id: producersOf.get(villageId)![k % 4],
        category_id: categoryIds.get(p.slug)!,
        name: p.name,
        name_en: p.name,
      });
    }
  });
  await sql`insert into products ${sql(productRows)}`;
  const meta = new Map(produce.map((p) => [p.name, p]));
  const products = await sql<{ id: number; name: string }[]>`select id, name from products order by id`;
  const variantRows: Record<string, unknown>[] = [];
  for (const p of products) {
    const m = meta.get(p.name)!;
    const n = p.id % 3 === 0 ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const size = k === 0 ? 1 : 2;
      variantRows.push({
        product_id: p.id,
        sku: `B${p.id}-${k}`,
        name: k === 0 ? '标准装' : '家庭装',
        name_en: k === 0 ? 'Standard' : 'Family',
        price_fen: (m.fen[0] + ((p.id * 7919) % (m.fen[1] - m.fen[0]))) * size,
        sale_unit: m.unit,
        net_grams: m.grams === null ? null : m.grams * size,
        stock: 100_000,
      });
    }
  }
  await sql`insert into product_variants ${sql(variantRows)}`;

  const [admin] = await sql<{ id: number }[]>`insert into users (email, display_name, password_hash, role)
    values ('bench-admin@example.com', '基准管理员', 'not-a-login', 'admin') returning id`;
  const kinds = ['government', 'public_institution', 'state_enterprise', 'private_enterprise', 'social_organization'];
  const unitRows = Array.from({ length: UNITS }, (_, i) => ({
    name: `帮扶单位${i + 1}`,
    kind: kinds[i % kinds.length],
    credit_code: makeCreditCode(100_000 + i),
    invoice_title: `帮扶单位${i + 1}`,
    tax_number: makeCreditCode(100_000 + i),
    contact_name: '王某',
    contact_phone: '13800138000',
    status: 'verified',
    created_by: admin.id,
  }));
  await sql`insert into units ${sql(unitRows)}`;
  // Each unit is paired with two to four villages (结对帮扶), busy villages with more units.
  await sql`insert into unit_villages (unit_id, village_id)
    select u.id, v.id from units u cross join generate_series(1, 2 + u.id % 3) k
    join villages v on v.id = (select id from villages order by id offset floor(${VILLAGES} * power(random() + 0 * u.id * k, 1.45)) limit 1)
    on conflict do nothing`;
  // Sub-units (a bureau's offices): the last 20 units belong to the first 20.
  await sql`update units c set parent_id = p.id from units p where c.id = p.id + ${UNITS - 20}`;
  // Two yearly targets per unit (财库〔2021〕19号 reserved share, union gifts).
  await sql`insert into unit_targets (unit_id, year, kind, name, target_fen, channels)
    select u.id, y, t.kind::target_kind, t.name, t.fen, t.channels::ledger_channel[]
    from units u cross join generate_series(2023, 2025) y
    cross join (values ('reserved_share', '食堂预留份额', 5000000, '{unit_purchase}'), ('union_gift', '工会慰问品', 2000000, '{staff_purchase,unit_purchase}')) t(kind, name, fen, channels)`;

  // Lookup tables for the generator: ordinal → id, and a village's sellable variants.
  await sql`create unlogged table bench_villages as
    select row_number() over (order by v.id)::int as ord, v.id,
           (select count(*) from product_variants pv join products p on p.id = pv.product_id where p.village_id = v.id)::int as n
    from villages v`;
  await sql`create unlogged table bench_units as
    select row_number() over (order by u.id)::int as ord, u.id, (select count(*) from unit_villages p where p.unit_id = u.id)::int as n
    from units u`;
  await sql`create unlogged table bench_pairs as
    select unit_id, (row_number() over (partition by unit_id order by village_id) - 1)::int as k, village_id from unit_villages`;
  await sql`create unlogged table bench_variants as
    select p.village_id, (row_number() over (partition by p.village_id order by v.id) - 1)::int as k,
           v.id as variant_id, p.id as product_id, p.producer_id, v.price_fen, coalesce(v.net_grams, 0) as net_grams
    from product_variants v join products p on p.id = v.product_id`;
  await sql`create unlogged table bench_collectives as select village_id, id as producer_id from producers where kind = 'collective_enterprise'`;
  await sql`analyze`;
}

/**
 * Ledger entries lo..hi of total, in time order. Villages and units are skewed
 * (a few busy ones, a long tail); channels ~50% personal, ~25% staff purchase,
 * ~20% unit purchase (bulk deliveries), ~5% brokered (offline, self-reported,
 * half of them naming no product); ~2% of consumer sales are refunded in full.
 */
export async function insertEntries(sql: postgres.Sql | postgres.TransactionSql, lo: number, hi: number, total: number): Promise<void> {
  await sql.unsafe(`
    insert into ledger_entries (occurred_at, village_id, producer_id, product_id, variant_id, unit_id, channel,
                                amount_fen, quantity, grams, source_kind, source_id, self_reported, note)
    with g as (
      select i,
             timestamptz '${FIRST_DAY} 00:00:00+08' + ((i - 1 + random()) / ${total}) * interval '${DAYS} days' as at,
             1 + floor(${VILLAGES} * power(random(), 1.6))::int as vord,
             1 + floor(${UNITS} * power(random(), 1.3))::int as uord,
             random() as rc, random() as rq, random() as rp, random() as rr, random() as rk, random() as rv
      from generate_series(${lo}, ${hi}) i
    ), c as (
      select g.*, case when rc < 0.50 then 'personal' when rc < 0.75 then 'staff_purchase'
                       when rc < 0.95 then 'unit_purchase' else 'brokered' end::ledger_channel as channel,
             rc >= 0.975 as no_product
      from g
    ), w as (
      -- A unit buys from its paired villages; its staff do too, mostly.
      select c.*, u.id as unit,
             case when c.channel = 'unit_purchase' or (c.channel = 'staff_purchase' and c.rk < 0.8) then bp.village_id else bvl.id end as vid
      from c
      join bench_villages bvl on bvl.ord = c.vord
      left join bench_units u on u.ord = c.uord and c.channel in ('staff_purchase', 'unit_purchase')
      left join bench_pairs bp on bp.unit_id = u.id and bp.k = floor(c.rv * u.n)::int
    ), q as (
      select w.*, bv.*, coalesce(bc.producer_id, bv.producer_id) as collective,
             case w.channel when 'personal' then 1 + floor(rq * 4)::int when 'staff_purchase' then 1 + floor(rq * 8)::int
                            when 'unit_purchase' then 20 + floor(rq * rq * 980)::int else 100 + floor(rq * 4900)::int end as qty,
             w.channel in ('personal', 'staff_purchase') and rr < 0.02 as refund
      from w
      join bench_villages bvl on bvl.id = w.vid
      join bench_variants bv on bv.village_id = w.vid and bv.k = floor(w.rp * bvl.n)::int
      left join bench_collectives bc on bc.village_id = w.vid and w.no_product
    )
    select at, village_id,
           case when no_product then collective else producer_id end,
           case when no_product then null else product_id end,
           case when no_product then null else variant_id end,
           unit, channel,
           case when no_product then qty::bigint * (400 + floor(rp * 800)::int)
                when refund then -(qty::bigint * price_fen) else qty::bigint * price_fen end,
           case when refund then -qty else qty end,
           case when no_product then qty::bigint * 500 when refund then -(qty::bigint * net_grams) else qty::bigint * net_grams end,
           case when channel = 'brokered' then 'offline' when channel = 'unit_purchase' then 'delivery'
                when refund then 'refund' else 'order_line' end::ledger_source,
           i::int,
           channel = 'brokered',
           case when channel = 'brokered' then '帮助销售，凭证已上传' else '' end
    from q
    order by i`);
}

/** Rebuilds the monthly sums with the trigger's own month expression (Asia/Shanghai months). */
export async function rebuildMonthly(sql: postgres.Sql): Promise<void> {
  const month = `date_trunc('month', (e.occurred_at at time zone 'UTC') + interval '8 hours')::date`;
  await sql.unsafe(`insert into ledger_monthly_village (month, village_id, channel, category_id, amount_fen, quantity, grams, entries)
    select ${month}, e.village_id, e.channel, coalesce(p.category_id, 0), sum(e.amount_fen), sum(e.quantity), sum(e.grams), count(*)
    from ledger_entries e left join products p on p.id = e.product_id group by 1, 2, 3, 4`);
  await sql.unsafe(`insert into ledger_monthly_unit (month, unit_id, village_id, channel, amount_fen, quantity, grams, entries)
    select ${month}, e.unit_id, e.village_id, e.channel, sum(e.amount_fen), sum(e.quantity), sum(e.grams), count(*)
    from ledger_entries e where e.unit_id is not null group by 1, 2, 3, 4`);
}

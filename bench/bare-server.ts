// The baseline for bench:catalog: a bare node:http server with a postgres.js
// pool that serves /products and /products/<slug> from the same rows as the
// store — the same SQL text the store's Drizzle queries send (captured from
// Drizzle's logger), sent the same way (statements prepared once per
// connection, like the store's prepared catalogue queries), in the same order
// and with the same parallelism — and renders similar HTML (same sections,
// links, forms and about the same size).
// No cache of any kind: every request queries, like the store.
// Run by bench/catalog.ts: DATABASE_URL, PORT and DATABASE_POOL_MAX from the environment.
import { createServer, type ServerResponse } from 'node:http';
import postgres from 'postgres';
import { formatFen, pricePerJinFen } from '../src/lib/money.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 8090);
const sql = postgres(url, { max: Number(process.env.DATABASE_POOL_MAX ?? 10), onnotice: () => {}, connect_timeout: 5 });
const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => sql.unsafe(text, params as never[], { prepare: true }) as unknown as Promise<T[]>;

const PAGE_SIZE = 12;
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const AGG = `(select "product_id", min("price_fen") as "min_price_fen", (array_agg("net_grams" order by "price_fen", "id"))[1] as "cheapest_grams", coalesce(sum("stock"), 0)::int as "stock", (min("presale_ships_from") filter (where "presale_ships_from" > $1::date))::text as "presale_from" from "product_variants" group by "product_variants"."product_id") "agg"`;
const CARD_FROM = `from "products" inner join ${AGG} on "agg"."product_id" = "products"."id" inner join "villages" on "villages"."id" = "products"."village_id" inner join "categories" on "categories"."id" = "products"."category_id"`;
const CARD_COLUMNS = `select "products"."id", "products"."slug", "products"."name", "products"."name_en", "products"."summary", "products"."summary_en", "products"."featured", "villages"."slug" as village_slug, "villages"."name" as village_name, "villages"."name_en" as village_name_en, "villages"."province", "villages"."province_en", "villages"."county", "categories"."compare_per_jin", "min_price_fen", "cheapest_grams", "stock", "presale_from", (select "product_images"."path" from "product_images" where "product_images"."product_id" = "products"."id" order by "product_images"."sort_order", "product_images"."id" limit 1) as image_path`;

interface Card {
  slug: string;
  name: string;
  summary: string;
  province: string;
  village_name: string;
  compare_per_jin: boolean;
  min_price_fen: number;
  cheapest_grams: number | null;
  stock: number;
  presale_from: string | null;
  image_path: string | null;
}

function layout(title: string, body: string, canonical: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} · 帮扶集市</title><meta name="description" content="来自脱贫村的农产品与手工品，每一笔购买都计入村里的消费帮扶台账。"><link rel="canonical" href="http://localhost:4321${esc(canonical)}"><link rel="alternate" hreflang="zh-CN" href="http://localhost:4321${esc(canonical)}"><link rel="alternate" hreflang="en" href="http://localhost:4321/en${esc(canonical)}"><link rel="alternate" hreflang="x-default" href="http://localhost:4321${esc(canonical)}"><meta property="og:type" content="website"><meta property="og:site_name" content="帮扶集市"><meta property="og:title" content="${esc(title)}"><meta property="og:url" content="http://localhost:4321${esc(canonical)}"><meta property="og:image" content="http://localhost:4321/images/villages/tea-hills.svg"><meta property="og:locale" content="zh_CN"><meta name="theme-color" content="#2f6b3a"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/_astro/global.css"></head><body><a class="skip-link" href="#main">跳到主要内容</a><header class="site-header"><div class="container header-row"><a class="logo" href="/"><img src="/favicon.svg" alt="" width="32" height="32"><span>帮扶集市</span><small>消费帮扶 · 村里的好物</small></a><form class="search" role="search" action="/products" method="get"><label class="visually-hidden" for="site-search">搜索商品</label><input id="site-search" type="search" name="q" value="" placeholder="搜索：脆桃、茶叶、蒙阴…" maxlength="50"><button type="submit">搜索</button></form><nav class="main-nav" aria-label="主导航"><a href="/products" aria-current="page">全部商品</a><a href="/villages">帮扶村</a><a href="/cart" aria-label="购物车（0）">购物车</a><a href="/signin">登录</a><a class="lang-switch" href="/en${esc(canonical)}" hreflang="en" lang="en" aria-label="Switch to English">English</a></nav></div></header><main id="main" class="container">${body}</main><footer class="site-footer"><div class="container"><p>帮扶集市连接脱贫村与帮扶单位、消费者，每一笔销售按村计入消费帮扶台账。</p><p><a href="/orders/lookup">查询订单</a></p><p>演示数据均为虚构。</p></div></footer></body></html>`;
}

function card(p: Card, heading: 'h2' | 'h3'): string {
  const perJin = p.compare_per_jin && p.cheapest_grams !== null ? pricePerJinFen(p.min_price_fen, Number(p.cheapest_grams)) : null;
  const badge = p.presale_from
    ? `<span class="badge presale">预售 · ${esc(p.presale_from.slice(5).replace('-', '月'))}日发货</span>`
    : p.stock === 0
      ? '<span class="badge soldout">已售罄</span>'
      : '';
  return `<li><article class="card"><img src="${esc(p.image_path ?? '/images/products/placeholder.svg')}" alt="" width="400" height="300" loading="lazy" decoding="async"><div class="card-body"><div class="badges">${badge}</div><${heading}><a href="/products/${esc(p.slug)}">${esc(p.name)}</a></${heading}><p class="origin">${esc(p.province)} · ${esc(p.village_name)}</p><p class="summary">${esc(p.summary)}</p><p class="price-row"><span class="price">${formatFen(p.min_price_fen)} 起</span>${perJin !== null ? `<span class="per-jin">折合 ${formatFen(perJin)}/斤</span>` : ''}</p></div></article></li>`;
}

function select(id: string, name: string, label: string, options: Array<{ value: string; label: string }>): string {
  return `<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${name}"><option value="">全部</option>${options.map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`).join('')}</select></div>`;
}

async function productList(page: number): Promise<string> {
  const today = shanghaiToday();
  // As the store: count, then the page of cards; categories and filter options alongside.
  const listing = (async () => {
    const [{ count }] = await q<{ count: string }>(`select count(*) ${CARD_FROM} where "products"."status" = $2`, [today, 'active']);
    const total = Number(count);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const current = Math.min(page, pages);
    const rows = await q<Card>(`${CARD_COLUMNS} ${CARD_FROM} where "products"."status" = $2 order by "products"."featured" desc, "products"."id" asc limit $3 offset $4`, [
      today,
      'active',
      PAGE_SIZE,
      (current - 1) * PAGE_SIZE,
    ]);
    return { total, pages, current, rows };
  })();
  const [{ total, pages, current, rows }, categories, villages] = await Promise.all([
    listing,
    q<{ slug: string; name: string }>(`select "slug", "name", "name_en" from "categories" order by "categories"."sort_order" asc, "categories"."id" asc`),
    q<{ slug: string; name: string; province: string }>(
      `select distinct "villages"."slug", "villages"."name", "villages"."name_en", "villages"."province", "villages"."province_en" from "villages" inner join "products" on ("products"."village_id" = "villages"."id" and "products"."status" = $1) order by "villages"."province" asc, "villages"."slug" asc`,
      ['active'],
    ),
  ]);
  const provinces = [...new Set(villages.map((v) => v.province))];
  const pager =
    pages > 1
      ? `<nav class="pagination" aria-label="分页"><ul>${Array.from({ length: pages }, (_, i) => i + 1)
          .map((n) =>
            n === current
              ? `<li><span aria-current="page" aria-label="第 ${n} 页">${n}</span></li>`
              : `<li><a href="/products?page=${n}" aria-label="第 ${n} 页">${n}</a></li>`,
          )
          .join('')}${current < pages ? `<li><a href="/products?page=${current + 1}" rel="next">下一页</a></li>` : ''}</ul></nav>`
      : '';
  const body = `<div class="listing-head"><h1 id="listing-title">全部商品</h1><p role="status">共 ${total} 件商品</p></div><div class="listing"><form class="filters" method="get" action="/products" aria-label="筛选"><input type="hidden" name="q" value="">${select(
    'f-category',
    'category',
    '品类',
    categories.map((c) => ({ value: c.slug, label: c.name })),
  )}${select(
    'f-province',
    'province',
    '省份',
    provinces.map((p) => ({ value: p, label: p })),
  )}${select(
    'f-village',
    'village',
    '帮扶村',
    villages.map((v) => ({ value: v.slug, label: v.name })),
  )}<fieldset><legend class="visually-hidden">只看有货</legend><label class="check"><input type="checkbox" name="inStock" value="1">只看有货</label><label class="check"><input type="checkbox" name="presale" value="1">只看预售</label></fieldset>${select(
    'f-sort',
    'sort',
    '排序',
    [
      { value: 'price_asc', label: '价格从低到高' },
      { value: 'price_desc', label: '价格从高到低' },
      { value: 'newest', label: '最新上架' },
    ],
  )}<div class="actions"><button class="button" type="submit">筛选</button></div></form><section aria-labelledby="listing-title"><ul class="grid">${rows.map((r) => card(r, 'h2')).join('')}</ul>${pager}</section></div>`;
  return layout('全部商品', body, current > 1 ? `/products?page=${current}` : '/products');
}

async function productPage(slug: string): Promise<string | null> {
  const today = shanghaiToday();
  const [row] = await q<Record<string, any>>(
    `select "products"."id", "products"."slug", "products"."name", "products"."summary", "products"."description", "products"."village_id", "villages"."slug" as village_slug, "villages"."name" as village_name, "villages"."province", "villages"."city", "villages"."county", "villages"."township", "villages"."story", "villages"."image_path", "villages"."shipping_fee_fen", "villages"."free_shipping_over_fen", "villages"."no_fresh_provinces", "villages"."bank_account_name", "villages"."bank_name", "villages"."bank_account_no", "villages"."created_at", "producers"."id" as producer_id, "producers"."kind", "producers"."name" as producer_name, "producers"."name_en" as producer_name_en, "producers"."is_lifted", "producers"."is_monitored", "categories"."slug" as category_slug, "categories"."name" as category_name, "categories"."compare_per_jin", "categories"."perishable", "categories"."sort_order", "products"."status", "products"."featured", "products"."created_at" as product_created_at from "products" inner join "villages" on "villages"."id" = "products"."village_id" inner join "producers" on "producers"."id" = "products"."producer_id" inner join "categories" on "categories"."id" = "products"."category_id" where ("products"."slug" = $1 and "products"."status" = $2) limit $3`,
    [slug, 'active', 1],
  );
  if (!row) return null;
  const variants = await q<Record<string, any>>(
    `select "id", "product_id", "sku", "name", "name_en", "price_fen", "sale_unit", "net_grams", "stock", "reserved", "sold", "presale_ships_from", "harvest_batch", "min_quantity", "sort_order" from "product_variants" where "product_variants"."product_id" = $1 order by "product_variants"."sort_order" asc, "product_variants"."id" asc`,
    [row.id],
  );
  const ids = variants.map((v) => v.id as number);
  const tiers = ids.length
    ? await q<Record<string, any>>(
        `select "id", "variant_id", "min_quantity", "price_fen" from "price_tiers" where "price_tiers"."variant_id" in (${ids.map((_, i) => `$${i + 1}`).join(', ')}) order by "price_tiers"."min_quantity" asc`,
        ids,
      )
    : [];
  const [images, credentials, more] = await Promise.all([
    q<Record<string, any>>(
      `select "id", "product_id", "path", "alt", "alt_en", "sort_order" from "product_images" where "product_images"."product_id" = $1 order by "product_images"."sort_order" asc, "product_images"."id" asc`,
      [row.id],
    ),
    q<Record<string, any>>(
      `select "id", "product_id", "kind", "certificate_no", "issuer", "valid_until" from "product_credentials" where "product_credentials"."product_id" = $1 order by "product_credentials"."id" asc`,
      [row.id],
    ),
    q<Card>(
      `${CARD_COLUMNS} ${CARD_FROM} where ("products"."status" = $2 and "products"."village_id" = $3 and "products"."id" <> $4) order by "products"."featured" desc, "products"."id" asc limit $5`,
      [today, 'active', row.village_id, row.id, 4],
    ),
  ]);
  const producer = row.kind === 'household' ? `${String(row.producer_name).slice(0, 1)}某某` : row.producer_name;
  const cheapest = variants.reduce((a, b) => (b.price_fen < a.price_fen ? b : a), variants[0]);
  const variantRows = variants
    .map((v) => {
      const perJin = row.compare_per_jin ? pricePerJinFen(v.price_fen, v.net_grams) : null;
      const vt = tiers.filter((t) => t.variant_id === v.id);
      return `<tr><th scope="row">${esc(v.name)}${v.net_grams ? `<span class="variant-meta">净重 ${v.net_grams / 500}斤</span>` : ''}${v.harvest_batch ? `<span class="variant-meta">批次：${esc(v.harvest_batch)}</span>` : ''}</th><td data-label="价格"><span class="price">${formatFen(v.price_fen)}</span>/${esc(v.sale_unit)}${vt.length ? `<ul class="tiers" aria-label="批量价">${vt.map((t) => `<li>满 ${t.min_quantity}${esc(v.sale_unit)} ${formatFen(t.price_fen)}</li>`).join('')}</ul>` : ''}</td>${row.compare_per_jin ? `<td data-label="每斤">${perJin !== null ? formatFen(perJin) : '—'}</td>` : ''}<td data-label="库存">${v.stock > 0 ? `<span class="variant-meta">剩余 ${v.stock}</span><form class="add-to-cart" method="post" action="/_actions/cart.add"><input type="hidden" name="variantId" value="${v.id}"><label class="visually-hidden" for="add-${v.id}">${esc(v.name)} 的数量</label><input class="qty" id="add-${v.id}" name="quantity" type="number" inputmode="numeric" min="1" max="${Math.min(v.stock, 9999)}" value="${Math.max(1, v.min_quantity)}"><button class="button small" type="submit">加入购物车</button></form>` : '<span class="badge soldout">已售罄</span>'}</td></tr>`;
    })
    .join('');
  const image = images[0];
  const body = `<nav class="breadcrumb" aria-label="面包屑"><ol><li><a href="/">首页</a></li><li><a href="/products?category=${esc(row.category_slug)}">${esc(row.category_name)}</a></li><li><span aria-current="page">${esc(row.name)}</span></li></ol></nav><article class="product"><div class="product-media">${image ? `<img src="${esc(image.path)}" alt="${esc(image.alt)}" width="800" height="600">` : ''}</div><div class="product-info"><h1>${esc(row.name)}</h1><p class="lead">${esc(row.summary)}</p>${cheapest ? `<p class="price-block"><span class="price">${formatFen(cheapest.price_fen)} 起</span></p>` : ''}<h2 id="variants-title">规格与价格</h2><div class="table-wrap" tabindex="0" role="region" aria-labelledby="variants-title"><table class="variants"><thead><tr><th scope="col">规格</th><th scope="col">价格</th>${row.compare_per_jin ? '<th scope="col">每斤</th>' : ''}<th scope="col">库存</th></tr></thead><tbody>${variantRows}</tbody></table></div><section class="panel" aria-labelledby="trace-title"><h2 id="trace-title">产地溯源</h2><dl class="facts"><dt>生产者</dt><dd>${esc(producer)}</dd><dt>帮扶村</dt><dd><a href="/villages/${esc(row.village_slug)}">${esc(row.village_name)}</a></dd><dt>地址</dt><dd>${esc(row.province)}${esc(row.city)}${esc(row.county)}${esc(row.township)}${esc(row.village_name)}</dd></dl></section>${credentials.length ? `<section class="panel" aria-labelledby="cred-title"><h2 id="cred-title">认证</h2><ul class="credential-list">${credentials.map((c) => `<li><span class="badge credential">${esc(c.kind)}</span><small>证书编号：${esc(c.certificate_no)} · 发证机构：${esc(c.issuer)}</small></li>`).join('')}</ul></section>` : ''}<section class="panel">${String(
    row.description,
  )
    .split('\n')
    .map((p) => `<p>${esc(p)}</p>`)
    .join(
      '',
    )}</section></div></article>${more.length ? `<section class="section" aria-labelledby="more-title"><div class="section-head"><h2 id="more-title">${esc(row.village_name)}的更多好物</h2><a href="/villages/${esc(row.village_slug)}">查看全部</a></div><ul class="grid">${more.map((m) => card(m, 'h3')).join('')}</ul></section>` : ''}`;
  return layout(row.name, body, `/products/${row.slug}`);
}

function send(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

const server = createServer(async (req, res) => {
  try {
    const u = new URL(req.url ?? '/', 'http://localhost');
    if (u.pathname === '/healthz') return send(res, 200, 'ok');
    if (u.pathname === '/products') return send(res, 200, await productList(Math.max(1, Number(u.searchParams.get('page')) || 1)));
    const m = /^\/products\/([a-z0-9-]{1,80})$/.exec(u.pathname);
    if (m) {
      const html = await productPage(m[1]);
      return html ? send(res, 200, html) : send(res, 404, layout('找不到页面', '<h1>找不到页面</h1>', u.pathname));
    }
    send(res, 404, 'not found');
  } catch (error) {
    console.error(error);
    if (!res.headersSent) send(res, 500, 'error');
  }
});
server.listen(port, '127.0.0.1', () => console.error(`bare server on http://127.0.0.1:${port}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void sql.end({ timeout: 2 }).finally(() => process.exit(0));
  });
}

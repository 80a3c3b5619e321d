// bench:weight — what each storefront page weighs on the wire: the HTML plus
// the stylesheets it links (transferred bytes, with `Accept-Encoding: gzip, br`
// as a browser sends it) and all its JavaScript (external and inline). The
// built store on a freshly seeded database; the cart and checkout pages with
// one item in the cart. `*_gzip` is what the same bytes weigh gzipped (level 6),
// i.e. behind a compressing proxy when the server itself sends them plain.
// Prints one JSON line; asserts nothing.
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { products, productVariants, villages } from '../db/schema/index.ts';
import { ensureBuild, log, runBench } from './lib/harness.ts';
import { benchDatabase, startStore } from './lib/servers.ts';

interface Fetched {
  status: number;
  wire: number;
  body: Buffer;
  encoding: string;
}

/** One GET, bytes counted as they arrive (no decompression: this is the transfer size). */
function get(url: string, cookie?: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip, br', accept: 'text/html,*/*', ...(cookie ? { cookie } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, wire: body.length, body, encoding: String(res.headers['content-encoding'] ?? 'identity') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1] ?? null;

await runBench(async () => {
  ensureBuild();
  const db = await benchDatabase('weight', true);
  const store = await startStore(db.url);
  const d = db.database.db;
  const [product] = await d
    .select({ slug: products.slug, variantId: productVariants.id })
    .from(products)
    .innerJoin(productVariants, eq(productVariants.productId, products.id))
    .where(eq(products.featured, true))
    .limit(1);
  const [village] = await d.select({ slug: villages.slug }).from(villages).limit(1);

  // A guest with one item, for the cart and checkout pages.
  const added = await fetch(`${store.origin}/_actions/cart.add`, {
    method: 'POST',
    headers: { origin: store.origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ variantId: String(product.variantId), quantity: '1' }),
  });
  const cartCookie = added.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('bangfu_cart='));
  if (!cartCookie) throw new Error(`cart.add gave no cart cookie (${added.status})`);

  const pages: Array<[string, string, string?]> = [
    ['home', '/'],
    ['products', '/products'],
    ['product', `/products/${product.slug}`],
    ['villages', '/villages'],
    ['village', `/villages/${village.slug}`],
    ['cart', '/cart', cartCookie],
    ['checkout', '/checkout', cartCookie],
    ['signin', '/signin'],
  ];
  const result: Record<string, unknown> = {};
  const encodings = new Set<string>();
  for (const [name, path, cookie] of pages) {
    const page = await get(store.origin + path, cookie);
    if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
    encodings.add(page.encoding);
    const html = page.encoding === 'identity' ? page.body.toString('utf8') : null;
    if (html === null) throw new Error(`${path}: decoding ${page.encoding} is not implemented here`);
    const tags = html.match(/<(link|script)\b[^>]*>/gi) ?? [];
    const css: string[] = [];
    const js: string[] = [];
    for (const tag of tags) {
      const rel = attr(tag, 'rel');
      if (/^<link/i.test(tag) && rel === 'stylesheet') css.push(attr(tag, 'href')!);
      if (/^<link/i.test(tag) && rel === 'modulepreload') js.push(attr(tag, 'href')!);
      if (/^<script/i.test(tag) && attr(tag, 'src')) js.push(attr(tag, 'src')!);
    }
    const inlineJs = [...html.matchAll(/<script\b(?![^>]*\bsrc=)(?![^>]*type=["']application\/(?:ld\+)?json["'])[^>]*>([\s\S]*?)<\/script>/gi)].reduce(
      (n, m) => n + Buffer.byteLength(m[1]),
      0,
    );
    let cssWire = 0;
    let cssRaw = Buffer.alloc(0);
    for (const href of css) {
      const r = await get(new URL(href, store.origin).toString());
      encodings.add(r.encoding);
      cssWire += r.wire;
      cssRaw = Buffer.concat([cssRaw, r.body]);
    }
    let jsWire = inlineJs;
    for (const src of js) jsWire += (await get(new URL(src, store.origin).toString())).wire;
    result[name] = {
      html: page.wire,
      css: cssWire,
      html_css: page.wire + cssWire,
      html_css_gzip: gzipSync(page.body).length + (cssRaw.length && css.length ? gzipSync(cssRaw).length : 0),
      js: jsWire,
      stylesheets: css.length,
      scripts: js.length + (inlineJs > 0 ? 1 : 0),
    };
    log(name, path, JSON.stringify(result[name]));
  }
  return { pages: result, encodings: [...encodings], js_total: Object.values(result).reduce((n: number, p) => n + (p as { js: number }).js, 0) };
});

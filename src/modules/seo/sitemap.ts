// Pure sitemap rendering: every public page in both languages with hreflang pairs.
export interface SitemapPage {
  path: string; // without the /en prefix
  lastmod?: string; // YYYY-MM-DD
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export function renderSitemap(site: string, pages: SitemapPage[]): string {
  const base = site.replace(/\/$/, '');
  const zh = (p: string) => base + p;
  const en = (p: string) => base + (p === '/' ? '/en/' : `/en${p}`);
  const entries = pages.flatMap((page) =>
    [zh(page.path), en(page.path)].map(
      (loc) =>
        `  <url><loc>${escapeXml(loc)}</loc>${page.lastmod ? `<lastmod>${page.lastmod}</lastmod>` : ''}` +
        `<xhtml:link rel="alternate" hreflang="zh-CN" href="${escapeXml(zh(page.path))}"/>` +
        `<xhtml:link rel="alternate" hreflang="en" href="${escapeXml(en(page.path))}"/></url>`,
    ),
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    entries.join('\n') +
    '\n</urlset>\n'
  );
}

import type { APIRoute } from 'astro';
import { siteUrl } from '../modules/seo/sitemap.server.ts';

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\nDisallow: /healthz\n\nSitemap: ${siteUrl('/sitemap.xml')}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });

import type { APIRoute } from 'astro';
import { sitemapXml } from '../modules/seo/sitemap.server.ts';

export const GET: APIRoute = async () => new Response(await sitemapXml(), { headers: { 'content-type': 'application/xml; charset=utf-8' } });

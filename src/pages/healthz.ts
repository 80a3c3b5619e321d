import type { APIRoute } from 'astro';
import { health } from '../modules/health/health.server.ts';

export const GET: APIRoute = async () => {
  const body = await health();
  return Response.json(body, { status: body.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};

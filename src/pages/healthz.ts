import type { APIRoute } from 'astro';
import { health, healthStatus } from '../modules/health/health.server.ts';

export const GET: APIRoute = async () => {
  const body = await health();
  return Response.json(body, { status: healthStatus(body), headers: { 'cache-control': 'no-store' } });
};

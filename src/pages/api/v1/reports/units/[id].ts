// GET /api/v1/reports/units/:id?period=… — see /api/v1/openapi.json.
import type { APIRoute } from 'astro';
import { unitReportJson } from '../../../../../controllers/api.ts';

export const prerender = false;
export const GET: APIRoute = (context) => unitReportJson(context);

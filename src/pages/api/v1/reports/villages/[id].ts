// GET /api/v1/reports/villages/:id?period=… — see /api/v1/openapi.json.
import type { APIRoute } from 'astro';
import { villageReportJson } from '../../../../../controllers/api.ts';

export const prerender = false;
export const GET: APIRoute = (context) => villageReportJson(context);

// GET /api/v1/reports/platform?period=… — see /api/v1/openapi.json.
import type { APIRoute } from 'astro';
import { platformReportJson } from '../../../../controllers/api.ts';

export const prerender = false;
export const GET: APIRoute = (context) => platformReportJson(context);

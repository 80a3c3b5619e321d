// The village report as a .csv file (Chinese headers, 元 with two decimals).
import type { APIRoute } from 'astro';
import { villageReportFile } from '../../../../controllers/reports.ts';

export const prerender = false;
export const GET: APIRoute = (context) => villageReportFile(context, 'csv');

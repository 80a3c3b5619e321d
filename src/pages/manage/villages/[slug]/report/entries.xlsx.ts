// Every ledger entry of a village and period as a streamed .xlsx (台账明细).
import type { APIRoute } from 'astro';
import { villageEntriesFile } from '../../../../../controllers/reports.ts';

export const prerender = false;
export const GET: APIRoute = (context) => villageEntriesFile(context);

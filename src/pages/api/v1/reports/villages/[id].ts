// GET /api/v1/reports/villages/:id?period=… — see /api/v1/openapi.json. A manager of the village
// or a platform admin, signed in; a unit's API token is refused (403): tokens read units, not villages.
import type { APIRoute } from 'astro';
import { answerReport, onlyGet } from '../../../../../modules/api/answer.server.ts';
import { villageReportJson } from '../../../../../modules/api/report-json.ts';
import { villageReport } from '../../../../../modules/reports/village-report.server.ts';
import { requireVillageManager } from '../../../../../modules/villages/access.server.ts';
import { AccessError } from '../../../../../lib/errors.ts';

export const prerender = false;
export const GET: APIRoute = (context) =>
  answerReport(context.request, context.url, context.locals.db, context.locals.user !== null, async (period, tokenUnit) => {
    if (tokenUnit !== null) throw new AccessError(403);
    const db = context.locals.db;
    const villageId = /^\d{1,9}$/.test(context.params.id ?? '') ? Number(context.params.id) : -1;
    await requireVillageManager(db, context.locals, villageId);
    return villageReportJson(await villageReport(db, villageId, period), period);
  });
export const ALL: APIRoute = onlyGet;

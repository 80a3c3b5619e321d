// GET /api/v1/reports/platform?period=… — see /api/v1/openapi.json. Platform admins, signed in;
// a unit's API token is refused (403).
import type { APIRoute } from 'astro';
import { answerReport, onlyGet } from '../../../../modules/api/answer.server.ts';
import { platformReportJson } from '../../../../modules/api/report-json.ts';
import { requireAdmin } from '../../../../modules/auth/guards.server.ts';
import { platformReport } from '../../../../modules/reports/platform-report.server.ts';
import { AccessError } from '../../../../lib/errors.ts';

export const prerender = false;
export const GET: APIRoute = (context) =>
  answerReport(context.request, context.url, context.locals.db, context.locals.user !== null, async (period, tokenUnit) => {
    if (tokenUnit !== null) throw new AccessError(403);
    requireAdmin(context.locals);
    return platformReportJson(await platformReport(context.locals.db, period), period);
  });
export const ALL: APIRoute = onlyGet;

// GET /api/v1/reports/units/:id?period=… — see /api/v1/openapi.json. A member of the unit (or
// of a parent unit) or a platform admin, signed in; or the API token of the unit or of a parent unit.
import type { APIRoute } from 'astro';
import { answerReport, onlyGet } from '../../../../../modules/api/answer.server.ts';
import { unitReportJson } from '../../../../../modules/api/report-json.ts';
import { unitFamily, unitReport } from '../../../../../modules/reports/unit-report.server.ts';
import { requireUnitRole } from '../../../../../modules/units/access.server.ts';
import { shanghaiDate } from '../../../../../lib/dates.ts';
import { AccessError } from '../../../../../lib/errors.ts';

export const prerender = false;
export const GET: APIRoute = (context) =>
  answerReport(context.request, context.url, context.locals.db, context.locals.user !== null, async (period, tokenUnit) => {
    const db = context.locals.db;
    const unitId = /^\d{1,9}$/.test(context.params.id ?? '') ? Number(context.params.id) : -1;
    if (tokenUnit !== null) {
      if (!(await unitFamily(db, tokenUnit)).includes(unitId)) throw new AccessError(403);
    } else await requireUnitRole(db, context.locals, unitId);
    return unitReportJson(await unitReport(db, unitId, period, shanghaiDate(new Date())), period);
  });
export const ALL: APIRoute = onlyGet;

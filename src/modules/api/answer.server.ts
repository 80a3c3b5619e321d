// How every /api/v1/reports endpoint answers: the period from the query, who asks (a signed-in
// session, or a unit's API token in Authorization: Bearer), and the refusals as JSON — bad input
// 400, no or unknown credentials 401, not allowed 403, nothing there 404; never a 500 for those.
// The endpoint itself checks access (its guard throws an AccessError) and shapes the body.
import type { Db } from '../../../db/client.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { AccessError } from '../../lib/errors.ts';
import { unitOfToken } from '../reports/api-tokens.server.ts';
import { parsePeriod, type Period } from '../reports/periods.ts';
import { ReportQuery } from './report-schemas.ts';

const messages = {
  bad_query: {
    zh: '查询参数不正确：period 可为 2026、2026-H1、2026-Q3、2026-11，或用 from 和 to 给出日期（YYYY-MM-DD）。',
    en: 'Bad query: period is 2026, 2026-H1, 2026-Q3 or 2026-11, or give from and to (YYYY-MM-DD).',
  },
  unauthorized: { zh: '请登录，或在 Authorization 头中提供单位 API 令牌（Bearer）。', en: 'Sign in, or send a unit API token as Authorization: Bearer.' },
  forbidden: { zh: '没有权限查看这份统计。', en: 'You may not see this report.' },
  not_found: { zh: '没有找到。', en: 'Not found.' },
};
type Code = keyof typeof messages;
const status: Record<Code, number> = { bad_query: 400, unauthorized: 401, forbidden: 403, not_found: 404 };

function fail(request: Request, code: Code): Response {
  const en = (request.headers.get('accept-language') ?? '').toLowerCase().startsWith('en');
  return Response.json({ error: { code, message: messages[code][en ? 'en' : 'zh'] } }, { status: status[code], headers: { 'cache-control': 'no-store' } });
}

function period(url: URL): Period | null {
  const parsed = ReportQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return null;
  const { period: key, from, to } = parsed.data;
  if ((from === undefined) !== (to === undefined)) return null;
  return parsePeriod(from && to ? `${from}~${to}` : (key ?? shanghaiDate(new Date()).slice(0, 4)));
}

/**
 * Runs a report endpoint's handler with the period and the unit of the token (null for a
 * session); the handler's null is a 404, its AccessError a 401 or 403.
 */
export async function answerReport(request: Request, url: URL, db: Db, handler: (period: Period, tokenUnit: number | null) => Promise<unknown>): Promise<Response> {
  const p = period(url);
  if (!p) return fail(request, 'bad_query');
  const auth = request.headers.get('authorization');
  let tokenUnit: number | null = null;
  if (auth) {
    tokenUnit = await unitOfToken(db, auth.replace(/^Bearer\s+/i, ''));
    if (tokenUnit === null) return fail(request, 'unauthorized');
  }
  try {
    const body = await handler(p, tokenUnit);
    if (body === null) return fail(request, 'not_found');
    return Response.json(body, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    if (error instanceof AccessError) return fail(request, error.status === 401 ? 'unauthorized' : 'forbidden');
    throw error;
  }
}

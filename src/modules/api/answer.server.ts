// How every /api/v1 endpoint answers: who asks first (a signed-in session, or a unit's API
// token in Authorization: Bearer — none or an unknown one is a 401 before anything else is
// looked at), then the period from the query (400), then the endpoint's own access check (its
// guard throws an AccessError: 403) and its body (null: 404). Every refusal is JSON
// ({ error: { code, message } }), in Chinese or, with Accept-Language: en, in English.
import type { Db } from '../../../db/client.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { AccessError } from '../../lib/errors.ts';
import { unitOfToken } from '../reports/api-tokens.server.ts';
import { parsePeriod, type Period } from '../reports/periods.ts';
import { ReportQuery } from './report-schemas.ts';

const messages = {
  method_not_allowed: { zh: '只支持 GET。', en: 'Only GET is supported.' },
  bad_query: {
    zh: '查询参数不正确：period 可为 2026、2026-H1、2026-Q3、2026-11，或用 from 和 to 给出日期（YYYY-MM-DD）。',
    en: 'Bad query: period is 2026, 2026-H1, 2026-Q3 or 2026-11, or give from and to (YYYY-MM-DD).',
  },
  unauthorized: { zh: '请登录，或在 Authorization 头中提供单位 API 令牌（Bearer）。', en: 'Sign in, or send a unit API token as Authorization: Bearer.' },
  forbidden: { zh: '没有权限查看这份统计。', en: 'You may not see this report.' },
  not_found: { zh: '没有找到。', en: 'Not found.' },
  server_error: { zh: '服务器暂时出了点问题，请稍后再试；如需联系我们，请提供 requestId。', en: 'Something went wrong on our side; if you contact us, quote the requestId.' },
};
export type ApiErrorCode = keyof typeof messages;
const status: Record<ApiErrorCode, number> = { bad_query: 400, unauthorized: 401, forbidden: 403, not_found: 404, method_not_allowed: 405, server_error: 500 };

/** A refusal as JSON, in the asker's language (a server error also names the request, to quote). */
export function apiError(request: Request, code: ApiErrorCode, headers: Record<string, string> = {}, requestId?: string): Response {
  const en = (request.headers.get('accept-language') ?? '').toLowerCase().startsWith('en');
  const error = { code, message: messages[code][en ? 'en' : 'zh'], ...(requestId ? { requestId } : {}) };
  return Response.json({ error }, { status: status[code], headers: { 'cache-control': 'no-store', ...headers } });
}
const fail = apiError;

/** Every method but GET, on every API path: a JSON 405. */
export const onlyGet = ({ request }: { request: Request }) => apiError(request, 'method_not_allowed', { allow: 'GET' });

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
export async function answerReport(
  request: Request,
  url: URL,
  db: Db,
  signedIn: boolean,
  handler: (period: Period, tokenUnit: number | null) => Promise<unknown>,
): Promise<Response> {
  const auth = request.headers.get('authorization');
  let tokenUnit: number | null = null;
  if (auth) {
    tokenUnit = await unitOfToken(db, auth.replace(/^Bearer\s+/i, ''));
    if (tokenUnit === null) return fail(request, 'unauthorized');
  } else if (!signedIn) return fail(request, 'unauthorized');
  const p = period(url);
  if (!p) return fail(request, 'bad_query');
  try {
    const body = await handler(p, tokenUnit);
    if (body === null) return fail(request, 'not_found');
    return Response.json(body, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    if (error instanceof AccessError) return fail(request, error.status === 401 ? 'unauthorized' : 'forbidden');
    throw error;
  }
}

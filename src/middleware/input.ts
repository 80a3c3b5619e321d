// Input no route can use is the sender's mistake: a 4xx with a message, never a
// 500. Bodies of action requests that cannot be read (Astro itself answers a
// JSON body that does not parse with a bare 500, and a wrong content type with an
// ActionError whose message is empty), and path parameters with control
// characters (a NUL in a slug reaches PostgreSQL, which refuses it with an error).
import { defineMiddleware } from 'astro:middleware';
import { localeFromPath, messages } from '../lib/i18n.ts';
import { mediaType } from '../lib/request.ts';
import { apiError } from '../modules/api/answer.server.ts';

const isActionPost = (request: Request, url: URL) => request.method === 'POST' && (url.pathname.startsWith('/_actions/') || url.searchParams.has('_action'));

export const bodies = defineMiddleware(async (context, next) => {
  const { request, url } = context;
  if (!isActionPost(request, url)) return next();
  const direct = url.pathname.startsWith('/_actions/');
  // The one type Astro parses as JSON (anything else with "json" in it is refused as 415).
  if (mediaType(request.headers.get('content-type')) === 'application/json') {
    try {
      JSON.parse(await request.clone().text());
    } catch {
      if (direct) return Response.json({ type: 'AstroActionError', code: 'BAD_REQUEST', status: 400, message: 'bad_request' }, { status: 400 });
      const text = messages(localeFromPath(url.pathname)).errors.bad_request;
      return new Response(text, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
  }
  const response = await next();
  if (!direct || response.status < 400 || response.status >= 500 || !response.headers.get('content-type')?.includes('json')) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { type?: string; code?: string; message?: string } | null;
  if (body?.type !== 'AstroActionError' || body.message || !body.code) return response;
  // An ActionError with no message (Astro's own 415 for a body that is not a form): name it by its code.
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return Response.json({ ...body, message: body.code.toLowerCase() }, { status: response.status, headers });
});

// Slugs, numbers and ids never hold control characters.
const CONTROL = /[\u0000-\u001f\u007f]/;

export const pathParams = defineMiddleware((context, next) => {
  const bad = Object.values(context.params).some((v) => typeof v === 'string' && CONTROL.test(v));
  if (!bad) return next();
  // The JSON API answers in JSON, whatever is wrong with the address.
  if (context.url.pathname.startsWith('/api/')) return apiError(context.request, 'not_found');
  const text = messages(localeFromPath(context.url.pathname)).errors.not_found;
  return new Response(text, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
});

// Every request: security headers on whatever comes back (outermost, so they
// cover redirects, the 403 page and the error page too); an id, and any unexpected error
// logged and answered with a page that shows the id (errors.ts); the database handle (locals.db) and who
// is signed in (locals.user / locals.session), then the page; an AccessError thrown by a require* guard
// becomes a sign-in redirect (401) or the "no access" page (403).
import { defineMiddleware, sequence } from 'astro:middleware';
import { getDb } from '../../db/client.ts';
import { validateSessionToken } from '../modules/auth/sessions.server.ts';
import { AccessError } from '../lib/errors.ts';
import { isDatabaseUnavailable } from '../lib/db-errors.ts';
import { bodies, pathParams } from './input.ts';
import { mediaType } from '../lib/request.ts';
import { localeFromPath, localePath } from '../lib/i18n.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../lib/session-cookie.ts';
import { errors } from './errors.ts';
import { security } from './security.ts';

// Never echoed back into a page: passwords, tokens, invitation codes.
const SECRET_FIELD = /password|token|^code$|secret/i;

const session = defineMiddleware(async (context, next) => {
  // The process-wide handle (opened on first use); pages and actions reach the database only through it.
  const db = await getDb();
  context.locals.db = db;
  context.locals.user = null;
  context.locals.session = null;
  context.locals.formValues = {};
  context.locals.formLists = {};
  if (context.request.method === 'POST' && context.url.searchParams.has('_action')) {
    const type = mediaType(context.request.headers.get('content-type'));
    if (type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded') {
      try {
        const data = await context.request.clone().formData();
        for (const [key, value] of data) {
          if (typeof value === 'string' && !SECRET_FIELD.test(key) && value.length <= 2000) {
            context.locals.formValues[key] = value;
            context.locals.formLists[key] = [...(context.locals.formLists[key] ?? []), value];
          }
        }
      } catch {
        // A malformed body: the action reports it.
      }
    }
  }
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const valid = await validateSessionToken(db, token);
    if (valid) {
      context.locals.user = valid.user;
      context.locals.session = valid.session;
      if (valid.renewed) setSessionCookie(context.cookies, token, valid.session.expiresAt);
    } else {
      clearSessionCookie(context.cookies);
    }
  }
  return next();
});

const access = defineMiddleware(async (context, next) => {
  try {
    return await next();
  } catch (error) {
    if (!(error instanceof AccessError)) throw error;
    const locale = localeFromPath(context.url.pathname);
    if (error.status === 401) {
      // A page's address comes back in the Location header: a hostile, huge one is cut to its path (or /).
      const full = context.url.pathname + context.url.search;
      const back = full.length <= 2000 ? full : context.url.pathname.length <= 2000 ? context.url.pathname : '/';
      return context.redirect(`${localePath(locale, '/signin')}?next=${encodeURIComponent(back)}`, 303);
    }
    return context.rewrite(localePath(locale, '/forbidden'));
  }
});

// Security headers first, so every answer carries them, refusals included.
// The database is restarting or failing over: say so (503, retry shortly) instead of a 500.
const unavailable = defineMiddleware(async (context, next) => {
  try {
    return await next();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    const en = localeFromPath(context.url.pathname) === 'en';
    const text = en ? 'The store is busy for a moment. Please try again in a few seconds.' : '系统繁忙，请稍等几秒后刷新重试。';
    return new Response(`<!doctype html><html lang="${en ? 'en' : 'zh-CN'}"><meta charset="utf-8"><title>503</title><p>${text}</p></html>`, {
      status: 503,
      headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store' },
    });
  }
});

export const onRequest = sequence(security, errors, unavailable, pathParams, bodies, session, access);

// Every request gets an id (our HTTP front makes it; under `astro dev` this does), and
// anything a page, endpoint or action throws that nobody expected is logged here with
// that id and answered with a page that shows it — in the page's language, with the
// security headers (the outer middleware adds them) — so a user can quote the id and we
// can find the lines. The JSON API answers the same in JSON.
import { defineMiddleware } from 'astro:middleware';
import { errorPage } from '../lib/error-page.ts';
import { currentRequestId, log, loggableUrl, newRequestId, withRequestId } from '../lib/log.ts';
import { apiError } from '../modules/api/answer.server.ts';

export const errors = defineMiddleware((context, next) => {
  const id = context.locals.requestId ?? currentRequestId() ?? newRequestId();
  context.locals.requestId = id;
  const guarded = async () => {
    try {
      return await next();
    } catch (error) {
      log.error({ err: error, url: loggableUrl(context.url.pathname + context.url.search) }, 'request failed');
      if (context.url.pathname.startsWith('/api/')) return apiError(context.request, 'server_error', {}, id);
      return errorPage(context.url.pathname, id);
    }
  };
  return currentRequestId() ? guarded() : withRequestId(id, guarded);
});

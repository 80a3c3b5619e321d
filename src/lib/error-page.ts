// The page a request gets when something failed that nobody expected: what happened in the
// page's language, the request's id to quote, a way back. Self-contained (no layout, no
// database, no inline style the CSP would block), since whatever failed may be those.
import { localeFromPath, localePath, messages } from './i18n.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A 500 page for `pathname`'s language that shows request `id`. */
export function errorPage(pathname: string, id: string): Response {
  const locale = localeFromPath(pathname);
  const en = locale === 'en';
  const t = messages(locale).errors;
  const quote = en ? 'If you contact us about it, please quote this reference:' : '如需联系我们，请告知错误编号：';
  const home = en ? 'Back to the store' : '返回首页';
  const body = `<!doctype html><html lang="${en ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${en ? 'Something went wrong' : '出错了'} · 帮扶集市</title></head><body><main><h1>${en ? 'Something went wrong' : '出错了'}</h1><p>${escapeHtml(t.server_error)}</p><p>${quote} <code id="request-id">${escapeHtml(id)}</code></p><p><a href="${localePath(locale, '/')}">${home}</a></p></main></body></html>`;
  return new Response(body, { status: 500, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

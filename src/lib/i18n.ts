// UI strings live in dictionaries under ./messages/ (one file per area, each
// with zh and en); pages never hard-code copy. Chinese at /, English under /en/.
import * as account from './messages/account.ts';
import * as admin from './messages/admin.ts';
import * as auth from './messages/auth.ts';
import * as cart from './messages/cart.ts';
import * as catalog from './messages/catalog.ts';
import * as errors from './messages/errors.ts';
import * as orders from './messages/orders.ts';
import * as procurement from './messages/procurement.ts';
import * as procurementContract from './messages/procurement-contract.ts';
import * as procurementGroup from './messages/procurement-group.ts';
import * as reports from './messages/reports.ts';
import * as units from './messages/units.ts';

export type Locale = 'zh' | 'en';
export const locales: Locale[] = ['zh', 'en'];

const zh = { ...catalog.zh, ...cart.zh, ...auth.zh, ...account.zh, ...units.zh, ...admin.zh, ...orders.zh, ...reports.zh, ...procurement.zh, ...procurementContract.zh, ...procurementGroup.zh, errors: errors.zh };
export type Messages = typeof zh;
const en: Messages = { ...catalog.en, ...cart.en, ...auth.en, ...account.en, ...units.en, ...admin.en, ...orders.en, ...reports.en, ...procurement.en, ...procurementContract.en, ...procurementGroup.en, errors: errors.en };

const dictionaries: Record<Locale, Messages> = { zh, en };

export function messages(locale: Locale): Messages {
  return dictionaries[locale];
}

/** Fill {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

export function localeFromPath(pathname: string): Locale {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'zh';
}

/** '/products' → '/en/products' for English; unchanged for Chinese. */
export function localePath(locale: Locale, path: string): string {
  if (locale === 'zh') return path;
  return path === '/' ? '/en/' : `/en${path}`;
}

/** The same page in the other language (path and query kept). */
export function pathWithoutLocale(pathname: string): string {
  if (pathname === '/en' || pathname === '/en/') return '/';
  return pathname.startsWith('/en/') ? pathname.slice(3) : pathname;
}

export const htmlLang: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

/** Pick the field for the locale, falling back to Chinese when English is empty. */
export function pick(locale: Locale, zhText: string, enText: string | null | undefined): string {
  return locale === 'en' && enText ? enText : zhText;
}

/** A message whose key is built at run time (`unit_case`, `unitRole_admin`); the key itself when missing. */
export function text(t: Messages, key: string): string {
  const value = (t as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : key;
}

/** An error message by key: the shared `errors` first, then an area's own keys; undefined when unknown. */
export function errorMessage(t: Messages, key: string): string | undefined {
  const shared = (t.errors as Record<string, string>)[key];
  if (shared) return shared;
  const own = (t as unknown as Record<string, unknown>)[key];
  return typeof own === 'string' ? own : undefined;
}

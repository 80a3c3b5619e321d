// UI strings live in dictionaries under ./messages/ (one file per area, each
// with zh and en); pages never hard-code copy. Chinese at /, English under /en/.
import * as account from './messages/account.ts';
import * as admin from './messages/admin.ts';
import * as auth from './messages/auth.ts';
import * as cart from './messages/cart.ts';
import * as catalog from './messages/catalog.ts';
import * as contract from './messages/contract.ts';
import * as errors from './messages/errors.ts';
import * as group from './messages/group.ts';
import * as orders from './messages/orders.ts';
import * as procurement from './messages/procurement.ts';
import * as reports from './messages/reports.ts';
import * as shelf from './messages/shelf.ts';
import * as units from './messages/units.ts';

export type Locale = 'zh' | 'en';
export const locales: Locale[] = ['zh', 'en'];

// One namespace per area (t.orders.checkoutTitle), so two areas may use the same
// key without one silently replacing the other. `errors` holds every refusal
// message: the keys domain functions throw and zod schemas name.
const areas = { account, admin, auth, cart, catalog, contract, errors, group, orders, procurement, reports, shelf, units };
export type Area = keyof typeof areas;
export type Messages = { [A in Area]: (typeof areas)[A]['zh'] };

const dictionaries = {
  zh: Object.fromEntries(Object.entries(areas).map(([name, area]) => [name, area.zh])) as Messages,
  en: Object.fromEntries(Object.entries(areas).map(([name, area]) => [name, area.en])) as Messages,
} satisfies Record<Locale, Messages>;

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

/** A message of one area whose key is built at run time (`unit_case`, `unitRole_admin`); the key itself when missing. */
export function text(area: Readonly<Record<string, string>>, key: string): string {
  return Object.hasOwn(area, key) ? area[key] : key;
}

/** A refusal's message by key (from `errors`); undefined when unknown. */
export function errorMessage(t: Messages, key: string): string | undefined {
  const errors: Readonly<Record<string, string>> = t.errors;
  return Object.hasOwn(errors, key) ? errors[key] : undefined;
}

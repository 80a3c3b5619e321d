// Checkout and the buyer's order pages (signed in, or a guest with an order token).
import { randomBytes } from 'node:crypto';
import { actions } from 'astro:actions';
import { getDb } from '../../db/client.ts';
import { listAddresses } from '../modules/account/addresses.server.ts';
import { requireUser } from '../modules/auth/guards.server.ts';
import { requireBuyer } from '../modules/orders/access.server.ts';
import { checkoutQuote } from '../modules/orders/quote.server.ts';
import { PROVINCES } from '../modules/orders/orders.ts';
import { findCheckoutByNumber, listMyCheckouts, loadCheckout, PAGE_SIZE } from '../modules/orders/queries.server.ts';
import { stripeEnabled } from '../modules/payments/client.server.ts';
import { confirmStripeReturn } from '../workflows/pay-online.ts';
import { guestCartId } from '../lib/cart-cookie.ts';
import { shanghaiDate } from '../lib/dates.ts';
import { env } from '../lib/env.ts';
import { AccessError } from '../lib/errors.ts';
import { formState } from '../lib/form-state.ts';
import { localePath, type Locale } from '../lib/i18n.ts';
import { guestOrderTokens } from '../lib/order-cookie.ts';
import { notFound, redirectTo, render, type PageContext } from './types.ts';

export async function checkoutPage(Astro: PageContext, locale: Locale) {
  const result = Astro.getActionResult(actions.orders.place);
  if (result?.data) return redirectTo(result.data.payUrl ?? `${localePath(locale, `/orders/${result.data.number}`)}?placed=1`);
  const db = await getDb();
  const user = Astro.locals.user;
  const owner = { userId: user?.id ?? null, guestCartId: guestCartId(Astro.cookies) };
  const sent = Astro.locals.formValues;
  const quote = await checkoutQuote(db, owner, sent.province || null, shanghaiDate(new Date()));
  const saved = user ? await listAddresses(db, user.id) : [];
  return render({
    locale,
    quote,
    addresses: saved,
    provinces: PROVINCES,
    stripe: stripeEnabled(),
    reservationMinutes: env.RESERVATION_MINUTES,
    signedIn: Boolean(user),
    // A reload of a refused form keeps its key; a fresh page gets a new one.
    idempotencyKey: /^[A-Za-z0-9_-]{16,64}$/.test(sent.idempotencyKey ?? '') ? sent.idempotencyKey : randomBytes(18).toString('base64url'),
    state: formState(result),
  });
}

export async function orderPage(Astro: PageContext, locale: Locale) {
  const db = await getDb();
  const checkout = await findCheckoutByNumber(db, Astro.params.number ?? '');
  const lookup = `${localePath(locale, '/orders/lookup')}?number=${encodeURIComponent(Astro.params.number ?? '')}`;
  if (!checkout) return Astro.locals.user ? notFound() : redirectTo(lookup);
  const buyer = { user: Astro.locals.user, guestTokens: guestOrderTokens(Astro.cookies) };
  try {
    if (Astro.locals.user?.role !== 'admin') await requireBuyer(db, buyer, checkout.id);
  } catch (error) {
    // A guest without the token proves it with number + mobile; a signed-in stranger gets 403.
    if (error instanceof AccessError && !Astro.locals.user) return redirectTo(lookup);
    throw error;
  }
  const pay = Astro.getActionResult(actions.orders.pay);
  if (pay?.data) return redirectTo(pay.data.payUrl);
  const sessionId = Astro.url.searchParams.get('session_id');
  if (sessionId && /^cs_[A-Za-z0-9_]{1,200}$/.test(sessionId) && sessionId === checkout.stripeSessionId) await confirmStripeReturn(db, sessionId);
  const results = [
    Astro.getActionResult(actions.orders.recordReference),
    Astro.getActionResult(actions.orders.cancel),
    Astro.getActionResult(actions.orders.confirmReceipt),
    Astro.getActionResult(actions.orders.claim),
    pay,
  ];
  const detail = (await loadCheckout(db, checkout.id))!;
  return render({
    locale,
    detail,
    placed: Astro.url.searchParams.get('placed') === '1',
    saved: results.some((r) => r?.data),
    claimSent: Boolean(results[3]?.data),
    state: formState(results.find((r) => r?.error)),
    now: new Date(),
  });
}

export async function lookupPage(Astro: PageContext, locale: Locale) {
  const result = Astro.getActionResult(actions.orders.lookup);
  if (result?.data) return redirectTo(localePath(locale, `/orders/${result.data.number}`));
  return render({ locale, number: Astro.url.searchParams.get('number') ?? '', state: formState(result) });
}

export async function myOrdersPage(Astro: PageContext, locale: Locale) {
  const { user } = requireUser(Astro.locals);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(Astro.url.searchParams.get('page') ?? '1', 10) || 1));
  const { total, items } = await listMyCheckouts(await getDb(), user.id, page);
  return render({ locale, items, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) });
}

// 团购接龙 pages: the unit's list with the open form, the sign-up page behind
// the link, and the printable split list. Each page proves access first
// (requireUnitRole for the unit's list, requireGroupOrderViewer for a link).
import { actions } from 'astro:actions';
import { DomainError } from '../lib/errors.ts';
import { formState } from '../lib/form-state.ts';
import { localePath, type Locale } from '../lib/i18n.ts';
import { requireGroupOrderViewer } from '../modules/procurement/access.server.ts';
import { shanghaiLocal } from '../modules/procurement/group-orders.ts';
import { signUpPage, splitPage, unitGroupOrdersDesk } from '../modules/procurement/group-orders.server.ts';
import { confirmShareReturn, mayPayOnline, onlinePayers, shareOf } from '../modules/procurement/pay-share-online.server.ts';
import { notFound, redirectTo, render, type PageContext } from './types.ts';
import { requireUnitRole } from '../modules/units/access.server.ts';

const idParam = (v: string | null | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : -1);

async function orNotFound<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) return null;
    throw error;
  }
}

export async function unitGroupOrdersPage(Astro: PageContext, locale: Locale) {
  const unitId = idParam(Astro.params.id);
  const db = Astro.locals.db;
  const { role } = await requireUnitRole(db, Astro.locals, unitId);
  const mayOpen = role === 'buyer' || role === 'admin';
  const villageId = idParam(Astro.url.searchParams.get('village') ?? Astro.locals.formValues.villageId);
  const desk = await unitGroupOrdersDesk(db, unitId, { mayOpen, villageId });
  if (!desk) return notFound();
  const opened = Astro.getActionResult(actions.group.open);
  if (opened?.data) return redirectTo(localePath(locale, `/group/${opened.data.token}`));
  const now = new Date();
  return render({
    locale,
    ...desk,
    mayOpen,
    defaults: { closesAt: shanghaiLocal(new Date(now.getTime() + 3 * 86_400_000)).slice(0, 11) + '18:00', deliverOn: shanghaiLocal(new Date(now.getTime() + 5 * 86_400_000)).slice(0, 10) },
    state: formState(opened),
  });
}

export async function groupSignUpPage(Astro: PageContext, locale: Locale) {
  const token = Astro.params.token ?? '';
  const here = localePath(locale, `/group/${token}`);
  const signed = Astro.getActionResult(actions.group.signUp);
  if (signed?.data) return redirectTo(`${here}?done=saved`);
  const closed = Astro.getActionResult(actions.group.close);
  if (closed?.data) return redirectTo(`${here}?done=closed`);
  const pay = Astro.getActionResult(actions.group.payShare);
  if (pay?.data) return redirectTo(pay.data.payUrl);
  const db = Astro.locals.db;
  const viewing = await orNotFound(() => requireGroupOrderViewer(db, Astro.locals, token));
  if (!viewing) return notFound();
  const page = await signUpPage(db, viewing);
  // Back from Stripe's page: ask Stripe, in case this is before the webhook.
  const returned = Astro.url.searchParams.get('share_session');
  if (returned) await confirmShareReturn(db, returned);
  const share = page.viewer.unitRole !== null ? await shareOf(db, page.go, page.viewer.userId) : null;
  const param = Astro.url.searchParams.get('done');
  const done: 'saved' | 'closed' | null = param === 'saved' || param === 'closed' ? param : null;
  return render({ locale, ...page, share, payOnline: share !== null && mayPayOnline(page.go, share), link: new URL(here, Astro.url).href, done, state: formState(signed ?? closed ?? pay) });
}

export async function groupSplitPage(Astro: PageContext, locale: Locale) {
  const token = Astro.params.token ?? '';
  const paid = Astro.getActionResult(actions.group.markPaid);
  if (paid?.data) return redirectTo(`${localePath(locale, `/group/${token}/split`)}?done=paid`);
  const db = Astro.locals.db;
  const viewing = await orNotFound(() => requireGroupOrderViewer(db, Astro.locals, token));
  if (!viewing) return notFound();
  const page = await splitPage(db, viewing);
  return render({ locale, ...page, paidOnline: await onlinePayers(db, page.go.id), done: Astro.url.searchParams.get('done') === 'paid', state: formState(paid) });
}

// The platform admin console. Every page starts with requireAdmin; each
// successful form post redirects (303) back with a short notice code, so a
// reload never submits twice.
import { actions } from 'astro:actions';
import { getDb } from '../../db/client.ts';
import { parsePage, parseQuery, parseStatusFilter, usersQuery } from '../modules/admin/admin.ts';
import { dashboardCounts } from '../modules/admin/dashboard.server.ts';
import { getUnitForAdmin, listUnits } from '../modules/admin/units.server.ts';
import { getUserSummary, searchUsers } from '../modules/admin/users.server.ts';
import { listVillagesWithManagers } from '../modules/admin/villages.server.ts';
import { requireAdminActor } from '../modules/auth/guards.server.ts';
import { listOutbox } from '../modules/mail/mail.server.ts';
import { formState } from '../lib/form-state.ts';
import { fill, localePath, messages, type Locale } from '../lib/i18n.ts';
import { redirectTo, render, type PageContext, type PageResult } from './types.ts';

/** An id from our own query string or hidden field; anything odd is null. */
function idParam(value: string | null | undefined): number | null {
  return value && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}

export async function dashboardPage(Astro: PageContext, locale: Locale): Promise<PageResult<{ locale: Locale; counts: Awaited<ReturnType<typeof dashboardCounts>> }>> {
  const me = requireAdminActor(Astro.locals);
  return render({ locale, counts: await dashboardCounts(await getDb(), me) });
}

export type ConfirmKind = 'makeAdmin' | 'removeAdmin' | 'disable';
const confirmKinds: ConfirmKind[] = ['makeAdmin', 'removeAdmin', 'disable'];

/** ?q=&page= lists; ?confirm=disable&user=ID shows the confirmation before a destructive change. */
export async function usersPage(Astro: PageContext, locale: Locale) {
  const me = requireAdminActor(Astro.locals);
  const t = messages(locale);
  const db = await getDb();
  const params = Astro.url.searchParams;
  const posted = Astro.locals.formValues;
  // A form posts to ?_action=…, so the list it came from travels in hidden fields.
  const q = parseQuery(params.get('q') ?? posted.q ?? null);
  const page = parsePage(params.get('page') ?? posted.page ?? null);
  const here = localePath(locale, '/admin/users');

  const role = Astro.getActionResult(actions.admin.setUserRole);
  const disabled = Astro.getActionResult(actions.admin.setUserDisabled);
  if (role?.data) return redirectTo(here + usersQuery(q, page, { done: role.data.role === 'admin' ? 'madeAdmin' : 'removedAdmin', user: String(role.data.userId) }));
  if (disabled?.data) {
    const extra: Record<string, string> = { done: disabled.data.disabled ? 'disabled' : 'enabled', user: String(disabled.data.userId) };
    if (disabled.data.disabled) extra.ended = String(disabled.data.sessionsEnded);
    return redirectTo(here + usersQuery(q, page, extra));
  }

  let notice: string | null = null;
  const done = params.get('done');
  const doneUser = idParam(params.get('user'));
  if (done && doneUser) {
    const who = await getUserSummary(db, me, doneUser);
    const templates: Record<string, string> = { madeAdmin: t.admin.adminDoneMadeAdmin, removedAdmin: t.admin.adminDoneRemovedAdmin, disabled: t.admin.adminDoneDisabled, enabled: t.admin.adminDoneEnabled };
    const ended = /^\d{1,4}$/.test(params.get('ended') ?? '') ? Number(params.get('ended')) : 0;
    if (who && templates[done]) notice = fill(templates[done], { name: who.displayName, n: ended });
  }

  const kind = params.get('confirm') as ConfirmKind | null;
  const confirmUser = kind && confirmKinds.includes(kind) ? idParam(params.get('user')) : null;
  const target = confirmUser ? await getUserSummary(db, me, confirmUser) : null;

  return render({
    locale,
    q,
    meId: me.userId,
    list: await searchUsers(db, me, { q, page }),
    confirm: target && kind ? { kind, user: target } : null,
    state: formState(role?.error ? role : disabled),
    notice,
  });
}

/** ?status=…&page= lists; ?id=N shows one unit to review and pair with villages. */
export async function unitsPage(Astro: PageContext, locale: Locale) {
  const me = requireAdminActor(Astro.locals);
  const t = messages(locale);
  const db = await getDb();
  const params = Astro.url.searchParams;
  const here = localePath(locale, '/admin/units');

  const verify = Astro.getActionResult(actions.admin.verifyUnit);
  const reject = Astro.getActionResult(actions.admin.rejectUnit);
  const pair = Astro.getActionResult(actions.admin.setUnitVillages);
  if (verify?.data) return redirectTo(`${here}?id=${verify.data.unitId}&done=verified`);
  if (reject?.data) return redirectTo(`${here}?id=${reject.data.unitId}&done=rejected`);
  if (pair?.data) return redirectTo(`${here}?id=${pair.data.unitId}&done=paired&n=${pair.data.count}`);

  const unitId = idParam(params.get('id')) ?? idParam(Astro.locals.formValues.unitId);
  const detail = unitId ? await getUnitForAdmin(db, me, unitId) : null;
  if (detail) {
    const done = params.get('done');
    const name = detail.unit.name;
    const notices: Record<string, string> = {
      verified: fill(t.admin.adminDoneVerified, { name }),
      rejected: fill(t.admin.adminDoneRejected, { name }),
      paired: fill(t.admin.adminDonePaired, { name, n: /^\d{1,4}$/.test(params.get('n') ?? '') ? Number(params.get('n')) : 0 }),
    };
    return render({
      locale,
      mode: 'detail' as const,
      detail,
      reviewState: formState(verify ?? reject),
      pairState: formState(pair),
      notice: done ? (notices[done] ?? null) : null,
    });
  }

  const status = parseStatusFilter(params.get('status'));
  const page = parsePage(params.get('page'));
  return render({ locale, mode: 'list' as const, status, list: await listUnits(db, me, { status, page }), state: formState(verify ?? reject ?? pair) });
}

export async function villagesPage(Astro: PageContext, locale: Locale) {
  const me = requireAdminActor(Astro.locals);
  const t = messages(locale);
  const db = await getDb();
  const params = Astro.url.searchParams;
  const here = localePath(locale, '/admin/villages');

  const appoint = Astro.getActionResult(actions.admin.appointManager);
  const remove = Astro.getActionResult(actions.admin.removeManager);
  if (appoint?.data) return redirectTo(`${here}?done=appointed&village=${appoint.data.villageId}&user=${appoint.data.userId}#village-${appoint.data.villageId}`);
  if (remove?.data) return redirectTo(`${here}?done=removed&village=${remove.data.villageId}#village-${remove.data.villageId}`);

  const villages = await listVillagesWithManagers(db, me);
  const doneVillage = villages.find((v) => v.id === idParam(params.get('village')));
  let notice: string | null = null;
  if (doneVillage) {
    const village = locale === 'en' ? doneVillage.nameEn || doneVillage.name : doneVillage.name;
    const done = params.get('done');
    const appointed = doneVillage.managers.find((m) => m.userId === idParam(params.get('user')));
    if (done === 'appointed' && appointed) notice = fill(t.admin.adminDoneAppointed, { email: appointed.email, village });
    if (done === 'removed') notice = fill(t.admin.adminDoneRemoved, { village });
  }
  const failed = appoint?.error ? appoint : remove?.error ? remove : undefined;
  return render({
    locale,
    villages,
    notice,
    state: formState(failed),
    // Which village's form the refusal belongs to, so the message is shown beside it.
    errorVillageId: failed ? idParam(Astro.locals.formValues.villageId) : null,
    errorFromAppoint: Boolean(appoint?.error),
  });
}

export async function outboxPage(Astro: PageContext, locale: Locale): Promise<PageResult<{ locale: Locale; mails: Awaited<ReturnType<typeof listOutbox>> }>> {
  requireAdminActor(Astro.locals);
  return render({ locale, mails: await listOutbox(await getDb(), 100) });
}
